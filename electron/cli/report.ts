import { compare } from '../../shared/engine/place.js';
import {
  comparisonReport,
  historyReport,
  placementReport,
  REPORT_FORMATS,
  type ReportData,
  type ReportFilters,
  type ReportFormat,
  type ReportMeta,
} from '../../shared/report/index.js';
import { writeFileAtomic } from '../config/atomic-write.js';
import { resolveDataDir } from '../config/data-dir.js';
import { InputError } from '../config/load.js';
import { loadHistory } from '../history/history-index.js';
import { findEntry } from '../history/replay.js';
import { exportReport } from '../report/export.js';
import { createChromiumPrinter, PdfTooLongError, PdfUnavailableError, type PdfPrinter } from '../report/pdf.js';
import { historyFiltersOf, type HistoryFilterFlags } from './history-filters.js';
import { cliRun, loadPlacementInputs } from './inputs.js';
import { safe } from './text.js';

export interface ReportFlags extends HistoryFilterFlags {
  format: string;
  out?: string;
  last?: string;
  id?: string;
  dataDir?: string;
  /** A comparison of every strategy for --task over --targets, instead of the history. */
  compare?: boolean;
  task?: string;
  targets?: string;
  mode?: string;
  fallback?: boolean;
  discovery?: boolean;
}

export interface ReportRun {
  stdout: string;
  stderr: string;
  /** Lines the history store skipped; the report lists them too. */
  warnings: string[];
  exitCode: number;
}

function formatOf(value: string): ReportFormat {
  if ((REPORT_FORMATS as readonly string[]).includes(value)) return value as ReportFormat;
  throw new InputError([`--format: expected one of ${REPORT_FORMATS.join(' | ')}, got "${value}"`]);
}

function lastOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value)))
    throw new InputError([`--last: expected a whole number ≥ 1, got "${value}"`]);
  return Number(value);
}

/** The history filters the flags give (as `history.list` and the Export view take them). */
function filtersOf(flags: ReportFlags): ReportFilters {
  const last = lastOf(flags.last);
  return { ...historyFiltersOf(flags), ...(last !== undefined && { limit: last }) };
}

/**
 * Text for the terminal: control characters replaced line by line, keeping the line ends (CSV's
 * CRLF included) so that a redirected report is still the document.
 */
function forTerminal(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.endsWith('\r') ? `${safe(line.slice(0, -1))}\r` : safe(line)))
    .join('\n');
}

/** The checks on flag combinations that no single value shows. */
function checkCombination(flags: ReportFlags, format: ReportFormat, narrowed: boolean): void {
  if (flags.compare && (narrowed || flags.id !== undefined))
    throw new InputError([
      '--compare: a what-if of --task over --targets; the history filters and --id select history',
    ]);
  if (flags.compare && flags.task === undefined)
    throw new InputError(['--task: --compare needs the task file to compare the strategies on']);
  if (!flags.compare && (flags.task !== undefined || flags.targets !== undefined))
    throw new InputError(['--task: the history needs no task; add --compare for a comparison of every strategy']);
  if (flags.id !== undefined && narrowed)
    throw new InputError(['--id: one placement; the history filters select among many, so give either']);
  if (format === 'pdf' && flags.out === undefined)
    throw new InputError(['--out: a PDF is binary, so it is written to a file: give --out FILE']);
}

/** The history of the data directory (or one placement of it): its one read of the history store. */
async function historyData(flags: ReportFlags, filters: ReportFilters) {
  const { entries, warnings } = await loadHistory(resolveDataDir(flags.dataDir));
  const meta = { generatedAt: new Date().toISOString(), warnings };
  if (flags.id === undefined) return { data: historyReport(entries, filters, meta), warnings };
  try {
    return { data: placementReport(findEntry(entries, flags.id), meta), warnings };
  } catch (err) {
    if (err instanceof InputError) throw new InputError(err.lines.map((l) => l.replace(/^replay: /, '--id: ')));
    throw err;
  }
}

/** Every strategy's decision for --task over --targets, as `compare` makes it: nothing is recorded. */
async function comparisonData(flags: ReportFlags, meta: ReportMeta): Promise<{ data: ReportData; warnings: string[] }> {
  const inputs = await loadPlacementInputs({
    task: flags.task!,
    ...(flags.targets !== undefined && { targets: flags.targets }),
    ...(flags.mode !== undefined && { mode: flags.mode }),
    fallback: flags.fallback ?? true,
    discovery: flags.discovery ?? true,
    ...(flags.dataDir !== undefined && { dataDir: flags.dataDir }),
  });
  const compared = compare(inputs.file, inputs.targets, inputs.options, { ...cliRun(), unchecked: inputs.unchecked });
  const used = inputs.targets.map((target) => ({
    target,
    capabilitiesAgeMs: inputs.discovered.get(target.id)?.ageMs ?? null,
  }));
  return {
    data: comparisonReport(inputs.file, used, inputs.options, compared, meta),
    warnings: inputs.discoveryFailures,
  };
}

/**
 * `report`: the history of a data directory (or the placements the filters select, or one placement),
 * or with --compare every strategy's decision for a task, as JSON, CSV, Markdown, HTML or PDF, to
 * stdout or to `--out`.
 */
export async function runReport(
  flags: ReportFlags,
  printPdf: PdfPrinter = createChromiumPrinter(),
): Promise<ReportRun> {
  const format = formatOf(flags.format);
  const filters = filtersOf(flags);
  checkCombination(flags, format, Object.keys(filters).length > 0);
  const { data, warnings } = flags.compare
    ? await comparisonData(flags, { generatedAt: new Date().toISOString() })
    : await historyData(flags, filters);
  let document;
  try {
    document = await exportReport(data, format, printPdf);
  } catch (err) {
    if (err instanceof PdfTooLongError) throw new InputError([`--format pdf: ${err.message}`]);
    if (err instanceof PdfUnavailableError) return { stdout: '', stderr: err.message, warnings, exitCode: 1 };
    throw err;
  }
  if (flags.out === undefined)
    return { stdout: forTerminal(document.content as string), stderr: '', warnings, exitCode: 0 };
  await writeFileAtomic(flags.out, document.content);
  const count = data.placements.length;
  const what = data.kind === 'comparison' ? 'a comparison' : `${count} placement${count === 1 ? '' : 's'}`;
  return {
    stdout: safe(`Report written to ${flags.out} (${what}, ${format}).`) + '\n',
    stderr: '',
    warnings,
    exitCode: 0,
  };
}
