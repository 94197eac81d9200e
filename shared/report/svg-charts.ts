import { esc } from './html-escape.js';
import type { ReportCount, ReportDecision } from './report-data.js';

// Charts drawn by hand as inline SVG: the report is one self-contained file whose CSP allows no
// script, so no chart library could run in it anyway. Every label is escaped text.

/** One colour per strategy, in the order the decisions list them; readable in print too. */
const PALETTE = ['#2f6fdf', '#e0822b', '#2e9e5b', '#c2417a', '#7a5cc7', '#8a8a8a'];

const LABEL_W = 160;
const BAR_W = 330;
const VALUE_W = 70;
const WIDTH = LABEL_W + BAR_W + VALUE_W;

const fixed = (n: number) => (Number.isFinite(n) ? Math.round(n * 10) / 10 : 0);

/** A label that fits its column; the full text is in the tables beside the chart. */
const short = (text: string) => (text.length > 24 ? `${text.slice(0, 23)}…` : text);

/**
 * Grouped horizontal bars: per target, one bar per decision (strategy), the score's length. A target
 * no strategy could use (eligibility does not depend on the strategy) is one short row that says so.
 */
export function scoreChart(decisions: readonly ReportDecision[], caption: string): string {
  if (decisions.length === 0 || decisions[0]!.scores.length === 0) return '';
  const targets = decisions[0]!.scores.map((s) => s.targetId);
  const barH = 12;
  const gap = 10;
  const legendH = 22;
  const rows = targets.map((id) => {
    const scores = decisions.map((d) => d.scores.find((x) => x.targetId === id));
    return { id, scores, eligible: scores.some((s) => s?.eligible === true) };
  });
  const height = legendH + rows.reduce((h, r) => h + (r.eligible ? decisions.length * barH : barH) + gap, 0);
  const parts: string[] = [
    `<svg class="chart" role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}"><title>${esc(caption)}</title>`,
  ];
  decisions.forEach((d, i) => {
    const x = i * 110;
    parts.push(
      `<rect x="${x}" y="4" width="10" height="10" fill="${PALETTE[i % PALETTE.length]}"/><text x="${x + 14}" y="13" class="legend">${esc(d.strategy)}</text>`,
    );
  });
  let y0 = legendH;
  for (const row of rows) {
    const groupH = row.eligible ? decisions.length * barH : barH;
    parts.push(`<text x="0" y="${y0 + groupH / 2 + 4}" class="label">${esc(short(row.id))}</text>`);
    if (!row.eligible) parts.push(`<text x="${LABEL_W}" y="${y0 + barH - 3}" class="value">ineligible</text>`);
    else
      row.scores.forEach((s, i) => {
        const value = s?.eligible ? Math.max(0, Math.min(1, s.score)) : 0;
        const y = y0 + i * barH;
        parts.push(
          `<rect x="${LABEL_W}" y="${y}" width="${fixed(value * BAR_W)}" height="${barH - 2}" fill="${PALETTE[i % PALETTE.length]}"/>`,
          `<text x="${LABEL_W + fixed(value * BAR_W) + 4}" y="${y + barH - 3}" class="value">${s?.eligible ? value.toFixed(3) : 'ineligible'}</text>`,
        );
      });
    y0 += groupH + gap;
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Horizontal bars of counts: placements per target, per strategy. */
export function countChart(counts: readonly ReportCount[], caption: string): string {
  if (counts.length === 0) return '';
  const barH = 18;
  const height = counts.length * barH;
  const max = Math.max(...counts.map((c) => c.count), 1);
  const parts: string[] = [
    `<svg class="chart" role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}"><title>${esc(caption)}</title>`,
  ];
  counts.forEach((c, i) => {
    const y = i * barH;
    const w = fixed((c.count / max) * BAR_W);
    parts.push(
      `<text x="0" y="${y + 13}" class="label">${esc(short(c.name))}</text>`,
      `<rect x="${LABEL_W}" y="${y + 2}" width="${w}" height="${barH - 4}" fill="${PALETTE[0]}"/>`,
      `<text x="${LABEL_W + w + 4}" y="${y + 13}" class="value">${c.count}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
