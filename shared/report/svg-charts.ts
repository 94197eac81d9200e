import { esc } from './html-escape.js';
import type { ReportCount, ReportDecision, ReportTimeCost } from './report-data.js';
import { pointInWords } from './time-cost.js';

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

/** Ticks from 0 past `max` in steps of 1, 2, 2.5 or 5 × a power of ten: about five of them. */
function ticks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((f) => f * power >= rough) ?? 10) * power;
  const out: number[] = [];
  // toPrecision drops float noise (0.30000000000000004) from the tick values.
  for (let k = 0; out.length === 0 || out.at(-1)! < max; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

const TC = { left: 64, right: 16, top: 16, bottom: 44, width: WIDTH, height: 320 };

/**
 * Time × cost to result: a dot per target (on the Pareto front in colour, off it in grey), the front
 * as a line, and each strategy's pick labelled with its name. Each dot's title says it in words.
 */
export function timeCostSvg(tc: ReportTimeCost, caption: string): string {
  if (tc.points.length === 0) return '';
  const plotW = TC.width - TC.left - TC.right;
  const plotH = TC.height - TC.top - TC.bottom;
  const xs = ticks(Math.max(...tc.points.map((p) => p.minutes)));
  const ys = ticks(Math.max(...tc.points.map((p) => p.cost)));
  const xOf = (m: number) => fixed(TC.left + (m / xs.at(-1)!) * plotW);
  const yOf = (c: number) => fixed(TC.top + plotH - (c / ys.at(-1)!) * plotH);
  const costDigits = Math.max(2, -Math.floor(Math.log10((ys[1] ?? 1) || 1)));
  const parts: string[] = [
    `<svg class="chart time-cost" role="img" viewBox="0 0 ${TC.width} ${TC.height}" width="${TC.width}" height="${TC.height}"><title>${esc(caption)}</title>`,
  ];
  for (const x of xs)
    parts.push(
      `<line x1="${xOf(x)}" y1="${TC.top}" x2="${xOf(x)}" y2="${TC.top + plotH}" class="grid"/>`,
      `<text x="${xOf(x)}" y="${TC.top + plotH + 14}" text-anchor="middle" class="value">${x}</text>`,
    );
  for (const y of ys)
    parts.push(
      `<line x1="${TC.left}" y1="${yOf(y)}" x2="${TC.left + plotW}" y2="${yOf(y)}" class="grid"/>`,
      `<text x="${TC.left - 4}" y="${yOf(y) + 4}" text-anchor="end" class="value">$${y.toFixed(costDigits)}</text>`,
    );
  parts.push(
    `<line x1="${TC.left}" y1="${TC.top + plotH}" x2="${TC.left + plotW}" y2="${TC.top + plotH}" class="axis"/>`,
    `<line x1="${TC.left}" y1="${TC.top}" x2="${TC.left}" y2="${TC.top + plotH}" class="axis"/>`,
    `<text x="${TC.left + plotW / 2}" y="${TC.height - 6}" text-anchor="middle" class="label">Estimated time (min)</text>`,
    `<text x="12" y="${TC.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 12 ${TC.top + plotH / 2})" class="label">Estimated cost (USD)</text>`,
  );
  const front = tc.points.filter((p) => p.front);
  if (front.length > 0)
    parts.push(
      `<path class="front" d="${front.map((p, i) => `${i === 0 ? 'M' : 'L'}${xOf(p.minutes)} ${yOf(p.cost)}`).join(' ')}" fill="none" stroke="${PALETTE[0]}" stroke-width="1.5"/>`,
    );
  // Off the front first, so the front's dots are drawn over them.
  for (const p of [...tc.points.filter((q) => !q.front), ...front])
    parts.push(
      `<circle cx="${xOf(p.minutes)}" cy="${yOf(p.cost)}" r="4" fill="${p.front ? PALETTE[0] : PALETTE[5]}"><title>${esc(pointInWords(p))}</title></circle>`,
    );
  parts.push(...pickLabels(tc, xOf, yOf, plotW, plotH));
  parts.push('</svg>');
  return parts.join('');
}

/** One label per picked point naming its strategies and the target, placed where it overlaps no other label. */
function pickLabels(
  tc: ReportTimeCost,
  xOf: (m: number) => number,
  yOf: (c: number) => number,
  plotW: number,
  plotH: number,
) {
  const placed: { x0: number; x1: number; y: number }[] = [];
  const out: string[] = [];
  for (const p of tc.points) {
    if (p.picks.length === 0) continue;
    const text = `${p.picks.join(', ')}: ${short(p.id)}`;
    const w = text.length * 6;
    const x = xOf(p.minutes);
    const right = x + 8 + w <= TC.left + plotW;
    const x0 = right ? x + 8 : x - 8 - w;
    // Above the dot, else a line higher or lower, staying inside the plot.
    const free = (y: number) =>
      y >= TC.top + 10 &&
      y <= TC.top + plotH - 2 &&
      !placed.some((b) => Math.abs(b.y - y) < 12 && b.x0 < x0 + w && x0 < b.x1);
    const y = [-6, -18, 14, -30, 26, -42, 38, -54].map((d) => yOf(p.cost) + d).find(free) ?? yOf(p.cost) - 6;
    placed.push({ x0, x1: x0 + w, y });
    out.push(
      `<text x="${fixed(right ? x + 8 : x - 8)}" y="${fixed(y)}" text-anchor="${right ? 'start' : 'end'}" class="pick">${esc(text)}</text>`,
    );
  }
  return out;
}
