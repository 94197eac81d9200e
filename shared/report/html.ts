import { describeFilters, money, outcomeInWords, SCHEDULER_NAMES, score, yesNo } from './format-values.js';
import { esc } from './html-escape.js';
import type { ReportData, ReportDecision, ReportPlacement, ReportSummary } from './report-data.js';
import { countChart, scoreChart, timeCostSvg } from './svg-charts.js';
import { leftOutInWords, minutesInWords, pointInWords } from './time-cost.js';
import { ageInWords } from './words.js';

/**
 * Nothing may load or run: no scripts at all, styles only inline, images only as data: URLs. So a
 * value that escaped escaping still could not fetch or execute anything.
 */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin-top: 1.4rem; }
.meta { color: #57606a; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: 13px; max-width: 100%; }
th, td { border: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.wide { min-width: 16rem; }
td.break { overflow-wrap: normal; word-break: normal; }
.id { white-space: nowrap; }
pre.handoff { background: #f4f6f8; border: 1px solid #d0d7de; padding: .6rem .8rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, monospace; }
.caption { color: #57606a; font-size: 12px; margin: 1rem 0 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.chosen td { background: #e6f4ea; font-weight: 600; }
tr.ineligible td { color: #6e7781; }
.ok { color: #1a7f37; } .bad { color: #cf222e; }
.warning { background: #fff8c5; border: 1px solid #d4a72c; padding: .5rem .75rem; }
svg.chart { display: block; margin: .5rem 0 1rem; max-width: 100%; height: auto; }
svg .label, svg .legend, svg .value, svg .pick { font: 11px system-ui, sans-serif; fill: #1b1f24; }
svg .pick { font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg .grid { stroke: #eaeef2; } svg .axis { stroke: #57606a; }
ul.time-cost { columns: 2; font-size: 12px; margin-top: 0; }
section.placement { border-top: 2px solid #d0d7de; margin-top: 2rem; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  table { font-size: 8.5pt; }
  td.wide { min-width: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3, h4 { break-after: avoid; }
  svg.chart, tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
`;

type Cell = string | { html: string; cls?: string };

/** A table whose cells are text (escaped here) or markup this file built. */
function table(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  rowClass?: (i: number) => string,
): string {
  const head = `<tr>${header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>`;
  const body = rows
    .map((r, i) => {
      const cls = rowClass?.(i) ?? '';
      const cells = r
        .map((c) => (typeof c === 'string' ? `<td>${esc(c)}</td>` : `<td class="${c.cls ?? ''}">${c.html}</td>`))
        .join('');
      return `<tr${cls ? ` class="${cls}"` : ''}>${cells}</tr>`;
    })
    .join('');
  return `<table><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

const num = (text: string): Cell => ({ html: esc(text), cls: 'num' });

/** An identifier (a target id, a host, an instance type) that the page never breaks inside. */
const id = (text: string): Cell => ({ html: whole(text), cls: 'id' });

/**
 * Text whose words are identifiers (`ml@10.0.0.5:22`, `p4d.24xlarge`, `region=us-east-1`): it may
 * wrap between words, never inside one, not even at a hyphen or a dot.
 */
function whole(text: string): string {
  return text
    .split(/(\s+)/)
    .map((part) => (part.trim() === '' ? esc(part) : `<span class="id">${esc(part)}</span>`))
    .join('');
}

function summary(s: ReportSummary): string {
  const out = [
    '<h2>Summary</h2>',
    table(
      ['Placements', 'Placed', 'Failed', 'Interrupted'],
      [[num(String(s.total)), num(String(s.placed)), num(String(s.failed)), num(String(s.interrupted))]],
    ),
  ];
  if (s.perTarget.length > 0)
    out.push(
      '<h3>Placements per target</h3>',
      countChart(s.perTarget, 'Placements per target'),
      table(
        ['Target', 'Placements'],
        s.perTarget.map((c) => [c.name, num(String(c.count))]),
      ),
    );
  if (s.perStrategy.length > 0)
    out.push(
      '<h3>Placements per strategy</h3>',
      table(
        ['Strategy', 'Placements'],
        s.perStrategy.map((c) => [c.name, num(String(c.count))]),
      ),
    );
  if (s.failed > 0)
    out.push(
      '<h3>Failures</h3>',
      `<p>${s.failed} failed; ${
        s.mostCommonUnmet === null
          ? 'no target missed a requirement (the mode or fallback ruled them out).'
          : `the most common unmet requirement is <strong>${esc(s.mostCommonUnmet)}</strong>.`
      }</p>`,
      table(
        ['Unmet requirement', 'Failed placements'],
        s.unmetInFailures.map((c) => [c.name, num(String(c.count))]),
      ),
    );
  return out.join('\n');
}

function decision(d: ReportDecision): string {
  const title = `Ranking: ${d.strategy}${d.node === null ? '' : `, node ${d.node}`}`;
  const verdict = d.success
    ? `<p class="ok">Chosen: <strong>${esc(d.selectedTarget ?? '')}</strong> (${esc(d.reason)}${d.fallbackUsed ? ', fallback' : ''}). ${esc(d.explanation)}</p>`
    : `<p class="bad">Not placed (${esc(d.reason)}): ${esc(d.failureMessage ?? '')}</p>`;
  const warnings = d.warnings.map((w) => `<p class="warning">⚠ ${esc(w)}</p>`).join('');
  // With an estimate, the estimated time beside the cost, and the arithmetic (or why it is unknown).
  const estimated = d.scores.some((s) => s.estimate !== null);
  const ranking = table(
    ['#', 'Target', 'Type', 'Eligible', 'Score', ...(estimated ? ['Est. time'] : []), 'Cost', 'Mismatches'],
    d.scores.map((s) => [
      s.rank === null ? '–' : String(s.rank),
      id(s.targetId),
      s.targetType,
      yesNo(s.eligible),
      num(score(s.score)),
      ...(estimated
        ? [
            {
              html: `<span title="${esc(s.estimate ?? '')}">${esc(minutesInWords(s.estimatedMinutes))}</span>`,
              cls: 'num',
            },
          ]
        : []),
      num(money(s.estimatedCost)),
      s.mismatches.map((m) => m.message).join('; '),
    ]),
    (i) => (d.scores[i]!.targetId === d.selectedTarget ? 'chosen' : d.scores[i]!.eligible ? '' : 'ineligible'),
  );
  const analysis =
    d.analysis.length === 0
      ? ''
      : `<p>What eliminates targets, and the smallest relaxation that admits one more:</p>${table(
          ['Requirement', 'Eliminates', 'Relaxation'],
          d.analysis.map((a) => [a.key, num(String(a.eliminated)), a.suggestion ?? '']),
        )}`;
  return `<h4>${esc(title)}</h4>${verdict}${warnings}${ranking}${analysis}`;
}

function charts(p: ReportPlacement): string {
  // One chart per pipeline node (or one for a task): each strategy's score for each target. Where
  // no target was eligible every bar would be empty, and the ranking table already says why.
  const nodes = [...new Set(p.decisions.map((d) => d.node))];
  return nodes
    .map((node) => {
      const decisions = p.decisions.filter((d) => d.node === node);
      if (!decisions.some((d) => d.scores.some((s) => s.eligible))) return '';
      const caption = `Scores per target${decisions.length > 1 ? ', per strategy' : ''}${node === null ? '' : ` (node ${node})`}`;
      return `<p class="caption">${esc(caption)}</p>${scoreChart(decisions, caption)}`;
    })
    .join('');
}

/**
 * Time and cost to result, per node: the picture, and the same in words for a reader who cannot see
 * it (and for text search in the PDF).
 */
function timeCost(p: ReportPlacement): string {
  return (p.timeCost ?? [])
    .map((tc) => {
      const caption = `Time and cost to result${tc.node === null ? '' : ` (node ${tc.node})`}`;
      const note = leftOutInWords(tc);
      const body =
        tc.points.length === 0
          ? `<p>${tc.unknown > 0 ? 'No eligible target has a known estimate' : 'No target is eligible'}: there is nothing to draw.</p>`
          : `${timeCostSvg(tc, caption)}<ul class="time-cost">${tc.points.map((pt) => `<li>${esc(pointInWords(pt))}</li>`).join('')}</ul>`;
      return `<h4>${esc(caption)}</h4>${body}${note === null ? '' : `<p class="caption">${esc(note)}</p>`}`;
    })
    .join('');
}

function placement(p: ReportPlacement, level: 'h2' | 'h3'): string {
  const out = [
    `<section class="placement"><${level}>${esc(`${p.subject === 'pipeline' ? 'Pipeline' : 'Task'}: ${p.taskName}`)}</${level}>`,
    table(
      ['ID', 'When (UTC)', 'Outcome', 'Strategy', 'Chosen target'],
      [[id(p.id), p.at ?? '—', outcomeInWords(p), p.strategy, id(p.chosenTarget ?? '—')]],
    ),
  ];
  if (p.failureMessage !== null) out.push(`<p class="bad">${esc(p.failureMessage)}</p>`);
  for (const d of p.demands) {
    const rows = [
      ...d.requirements.map((f) => ['requirement', f.key, f.value]),
      ...d.preferences.map((f) => ['preference', f.key, f.value]),
      ...(d.affinity.length > 0 ? [['affinity', '', d.affinity.join(', ')]] : []),
      ...(d.antiAffinity.length > 0 ? [['anti-affinity', '', d.antiAffinity.join(', ')]] : []),
    ];
    out.push(
      `<h4>${esc(d.node === null ? 'Requirements' : `Node ${d.node}: requirements`)}</h4>`,
      rows.length > 0 ? table(['Kind', 'Key', 'Value'], rows) : '<p>Asks for nothing in particular.</p>',
    );
  }
  if (p.options !== null) {
    const o = p.options;
    out.push(
      '<h4>Options</h4>',
      table(
        ['Strategy', 'Mode', 'Fallback', 'Tie-breaker', 'Discovery'],
        [[o.strategy, o.mode, yesNo(o.fallbackEnabled), o.tieBreaker, yesNo(o.discoveryEnabled)]],
      ),
    );
  }
  if (p.targets.length > 0)
    out.push(
      '<h4>Targets and their capabilities as used</h4>',
      table(
        ['Target', 'Type', 'Where', 'Rate', 'Labels', 'Capabilities', 'Age'],
        p.targets.map((t) => [
          id(t.id),
          t.type,
          // Hosts and labels wrap between words and labels only: an identifier cut in two cannot be copied.
          { html: whole(t.where), cls: 'break' },
          num(`${money(t.hourlyRate)}/h`),
          // A long label may break after its `=`, so the key and the value each stay whole.
          { html: t.labels.map((l) => `${whole(l.key)}=<wbr>${whole(l.value)}`).join(', '), cls: 'break' },
          { html: t.capabilities.map((c) => esc(`${c.key}: ${c.value}`)).join('<br>'), cls: 'wide' },
          ageInWords(t.capabilitiesAgeMs),
        ]),
      ),
    );
  out.push(charts(p), timeCost(p), ...p.decisions.map(decision));
  if (p.handoff !== undefined && p.handoff.length > 0)
    out.push(
      '<h4>Hand it to the scheduler</h4>',
      ...p.handoff.map(
        (h) =>
          `<p><strong>${esc(SCHEDULER_NAMES[h.format] ?? h.format)}</strong> (${h.pinned ? 'pinned to the chosen node' : 'any eligible node'})</p><pre class="handoff">${esc(h.text)}</pre>`,
      ),
    );
  if (p.outcome === 'interrupted') out.push('<p>The process stopped before this placement finished.</p>');
  out.push('</section>');
  return out.join('\n');
}

/**
 * The report as one self-contained HTML page: inline styles, inline SVG charts, no script, a CSP
 * that forbids loading anything, every value escaped; laid out for print (the PDF is this page).
 */
export function renderHtml(data: ReportData): string {
  const out = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(data.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    `<h1>${esc(data.title)}</h1>`,
  ];
  const meta = [
    data.generatedAt === null ? '' : `Generated ${data.generatedAt}.`,
    data.filters === null ? '' : `Placements: ${describeFilters(data.filters)}.`,
  ].filter((m) => m !== '');
  if (meta.length > 0) out.push(`<p class="meta">${esc(meta.join(' '))}</p>`);
  if (data.warnings.length > 0)
    out.push(
      `<div class="warning"><strong>Warnings</strong><ul>${data.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></div>`,
    );
  if (data.summary !== null) out.push(summary(data.summary));
  if (data.placements.length === 0) out.push('<p>No placements match: there is nothing to report.</p>');
  if (data.kind === 'history' && data.placements.length > 0)
    out.push(
      '<h2>Placements</h2>',
      table(
        ['When (UTC)', 'ID', 'Task', 'Strategy', 'Outcome', 'Target'],
        data.placements.map((p) => [
          p.at ?? '',
          id(p.id),
          p.taskName,
          p.strategy,
          p.outcome,
          id(p.chosenTarget ?? '—'),
        ]),
      ),
    );
  for (const p of data.placements) out.push(placement(p, data.kind === 'history' ? 'h3' : 'h2'));
  out.push('</body></html>');
  return `${out.join('\n')}\n`;
}
