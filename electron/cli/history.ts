import { historyFilter } from '../../shared/schema/history.js';
import type { PipelineResult, PlacementResult } from '../../shared/schema/result.js';
import { resolveDataDir } from '../config/data-dir.js';
import { InputError } from '../config/load.js';
import { createDiscoveryService } from '../discovery/service.js';
import { entrySummary } from '../history/entries.js';
import { loadHistory } from '../history/history-index.js';
import { findEntry, replayEntry } from '../history/replay.js';
import { historyFiltersOf, type HistoryFilterFlags } from './history-filters.js';
import { safe, table } from './text.js';

type Result = PlacementResult | PipelineResult;

export interface HistoryFlags extends HistoryFilterFlags {
  json?: boolean;
  limit?: string;
  dataDir?: string;
}

/** `history`: the placement log (those the filters select), newest first, and any line the store skipped. */
export async function runHistory(flags: HistoryFlags) {
  const limit = flags.limit === undefined ? 20 : Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new InputError([`--limit: expected a whole number ≥ 1, got "${flags.limit}"`]);
  const filters = historyFiltersOf(flags);
  const { entries: all, warnings } = await loadHistory(resolveDataDir(flags.dataDir));
  const filtered = Object.keys(filters).length > 0;
  const matching = filtered ? all.filter(historyFilter(filters)) : all;
  const entries = matching.slice(0, limit);
  if (flags.json) {
    return {
      stdout: JSON.stringify({ entries: entries.map(entrySummary), total: matching.length, warnings }, null, 2),
      warnings: [],
    };
  }
  const rows = entries.map((e) => [
    e.at.replace('T', ' ').slice(0, 19),
    e.requestId,
    e.taskName,
    e.strategy,
    e.outcome,
    e.selectedTarget ?? '—',
  ]);
  const text =
    entries.length === 0
      ? filtered && all.length > 0
        ? 'No placement matches the filters.'
        : 'No placements recorded yet.'
      : table(['WHEN (UTC)', 'ID', 'TASK', 'STRATEGY', 'OUTCOME', 'TARGET'], rows) +
        (matching.length > entries.length
          ? `\nThe newest ${entries.length} of ${matching.length} placements; --limit N shows more.`
          : '');
  return { stdout: text, warnings };
}

const outcome = (r: Result) =>
  r.success ? ('nodes' in r ? 'every node placed' : `→ ${r.selectedTarget!}`) : `not placed: ${r.failureMessage!}`;

/** `replay ID`: the stored decision re-run on its stored inputs (it must match), and on today's capabilities. */
export async function runReplay(id: string, flags: { json?: boolean; dataDir?: string }) {
  const dataDir = resolveDataDir(flags.dataDir);
  const { entries, warnings } = await loadHistory(dataDir);
  const entry = findEntry(entries, id);
  const discovery = await createDiscoveryService({
    dataDir,
    ttlMs: (entry.inputs?.options.cacheMinutes ?? 5) * 60_000,
    persist: true,
  });
  const report = await replayEntry(entry, (targets) => discovery.resolve(targets));
  await discovery.save();
  const { differences: mismatch, now, changesSinceThen: changes } = report;
  if (flags.json) return { stdout: JSON.stringify(report, null, 2), warnings, exitCode: report.reproduced ? 0 : 1 };
  const lines = [
    safe(`Placement ${entry.requestId} (${entry.taskName}, ${entry.strategy}) recorded ${entry.at}`),
    safe(`Then:  ${outcome(entry.result!)}`),
    mismatch.length === 0
      ? 'Replayed on the stored inputs: reproduced exactly.'
      : `Replayed on the stored inputs: DIFFERS\n${mismatch.map((d) => `  ${safe(d)}`).join('\n')}`,
    safe(`Today: ${outcome(now)}${changes.length === 0 ? ' (nothing changed)' : ''}`),
    ...(changes.length > 0 ? ['What changed since then:', ...changes.slice(0, 10).map((d) => `  ${safe(d)}`)] : []),
  ];
  return { stdout: lines.join('\n'), warnings, exitCode: report.reproduced ? 0 : 1 };
}
