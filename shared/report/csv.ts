import type { ReportData, ReportDecision, ReportPlacement, ReportTarget } from './report-data.js';

export const CSV_COLUMNS = [
  'placement id',
  'time',
  'task',
  'strategy',
  'mode',
  'outcome',
  'node',
  'chosen target',
  'reason',
  'target id',
  'target type',
  'eligible',
  'rank',
  'score',
  'estimated cost (USD)',
  'estimated time (min)',
  'capabilities age (ms)',
  'mismatches',
  'warnings',
] as const;

/**
 * One CSV cell. A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` as a formula (tab and
 * CR too, in some), so a hostile task name could call HYPERLINK or worse: such a cell is neutralised
 * by prefixing `'` (OWASP's advice), which spreadsheets show as text. Every cell gets the same rule,
 * numbers too: telling our numbers from a name like `-1` would need the cell's origin, and the numbers
 * written here (scores, costs, ages) are never negative anyway. Then RFC 4180 quoting: a cell
 * holding a quote, comma, CR or LF is quoted, its quotes doubled.
 */
export function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: readonly string[]) => `${cells.map(csvCell).join(',')}\r\n`;

const numberCell = (n: number | null) => (n === null ? '' : String(Math.round(n * 10_000) / 10_000));

function placementCells(p: ReportPlacement, d: ReportDecision | null): string[] {
  return [
    p.id,
    p.at ?? '',
    p.taskName,
    d?.strategy ?? p.strategy,
    p.options?.mode ?? '',
    p.outcome,
    d?.node ?? '',
    d ? (d.selectedTarget ?? '') : (p.chosenTarget ?? ''),
    d?.reason ?? '',
  ];
}

function rowsOf(p: ReportPlacement): string[] {
  const ages = new Map<string, ReportTarget>(p.targets.map((t) => [t.id, t]));
  const ageOf = (id: string) => numberCell(ages.get(id)?.capabilitiesAgeMs ?? null);
  const out: string[] = [];
  for (const d of p.decisions) {
    const head = placementCells(p, d);
    for (const s of d.scores)
      out.push(
        line([
          ...head,
          s.targetId,
          s.targetType,
          s.eligible ? 'yes' : 'no',
          s.rank === null ? '' : String(s.rank),
          numberCell(s.score),
          numberCell(s.estimatedCost),
          numberCell(s.estimatedMinutes ?? null),
          ageOf(s.targetId),
          s.mismatches.map((m) => m.message).join('; '),
          // The decision's warnings, on the chosen target's row: what its choice could not check.
          s.targetId === d.selectedTarget ? d.warnings.join('; ') : '',
        ]),
      );
  }
  if (p.decisions.length > 0) return out;
  // No decision recorded (interrupted): one row per target it was to be placed on, unscored.
  const head = placementCells(p, null);
  if (p.targets.length === 0) return [line([...head, '', '', '', '', '', '', '', '', '', ''])];
  return p.targets.map((t) => line([...head, t.id, t.type, '', '', '', '', '', ageOf(t.id), '', '']));
}

/**
 * The report as CSV (RFC 4180, CRLF line ends): a header, then one row per placement × target (per
 * strategy too for a comparison, per node for a pipeline), for spreadsheets and scripts.
 */
export function renderCsv(data: ReportData): string {
  const parts = [line(CSV_COLUMNS)];
  for (const p of data.placements) parts.push(...rowsOf(p));
  return parts.join('');
}
