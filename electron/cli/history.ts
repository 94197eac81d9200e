import { randomUUID } from 'node:crypto';
import { place } from '../../shared/engine/place.js';
import { placementInputs, type PlacementInputs } from '../../shared/schema/history.js';
import type { PipelineResult, PlacementResult } from '../../shared/schema/result.js';
import type { Target } from '../../shared/schema/targets.js';
import { resolveDataDir } from '../config/data-dir.js';
import { InputError } from '../config/load.js';
import { createDiscoveryService } from '../discovery/service.js';
import { toEntries, type HistoryEntry } from '../history/entries.js';
import { appendHistory, readHistory } from '../history/history-log.js';
import type { PlacementInputs as LoadedInputs } from './inputs.js';
import { safe, table } from './text.js';

type Result = PlacementResult | PipelineResult;

/** Records a placement made for real: PlacementStarted with its inputs, then its outcome, flushed. */
export async function recordPlacement(
  dataDir: string | undefined,
  inputs: LoadedInputs,
  result: Result,
): Promise<void> {
  const at = new Date().toISOString();
  const used: PlacementInputs = {
    task: inputs.file,
    options: inputs.options,
    targets: inputs.targets.map((target) => ({
      target,
      capabilitiesAgeMs: inputs.discovered.get(target.id)?.ageMs ?? null,
    })),
  };
  await appendHistory(resolveDataDir(dataDir), [
    { event: 'PlacementStarted', requestId: result.requestId, at, inputs: used },
    { event: result.success ? 'PlacementCompleted' : 'PlacementFailed', requestId: result.requestId, at, result },
  ]);
}

/** `history`: the placement log, newest first, and any line the store had to skip. */
export async function runHistory(flags: { json?: boolean; limit?: string; dataDir?: string }) {
  const limit = flags.limit === undefined ? 20 : Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1)
    throw new InputError([`--limit: expected a whole number ≥ 1, got "${flags.limit}"`]);
  const { records, warnings } = await readHistory(resolveDataDir(flags.dataDir));
  const entries = toEntries(records).slice(0, limit);
  if (flags.json)
    return {
      stdout: JSON.stringify({ entries: entries.map(({ inputs: _i, result: _r, ...e }) => e), warnings }, null, 2),
      warnings: [],
    };
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
      ? 'No placements recorded yet.'
      : table(['WHEN (UTC)', 'ID', 'TASK', 'STRATEGY', 'OUTCOME', 'TARGET'], rows);
  return { stdout: text, warnings };
}

/** Paths where two results differ, timings aside (`scores[2].score: 0.41 → 0.39`). */
function differences(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: ${a.length} → ${b.length} items`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) differences(a[i], b[i], `${path}[${i}]`, out);
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (key === 'decisionMs') continue;
      differences(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
        out,
      );
    }
  } else if (!Object.is(a, b)) out.push(`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
  return out;
}

function findEntry(entries: readonly HistoryEntry[], id: string): HistoryEntry {
  const found = entries.filter((e) => e.requestId === id || e.requestId.startsWith(id));
  if (found.length === 1) return found[0]!;
  throw new InputError([
    found.length === 0
      ? `replay: no placement with id "${id}" in the history`
      : `replay: "${id}" matches ${found.length} placements; give more of the id`,
  ]);
}

const outcome = (r: Result) =>
  r.success ? ('nodes' in r ? 'every node placed' : `→ ${r.selectedTarget!}`) : `not placed: ${r.failureMessage!}`;

/** `replay ID`: the stored decision re-run on its stored inputs (it must match), and on today's capabilities. */
export async function runReplay(id: string, flags: { json?: boolean; dataDir?: string }) {
  const dataDir = resolveDataDir(flags.dataDir);
  const { records, warnings } = await readHistory(dataDir);
  const entry = findEntry(toEntries(records), id);
  if (entry.inputs === null || entry.result === null)
    throw new InputError([
      `replay: placement ${entry.requestId} was not completed (the process stopped between its two records)`,
    ]);
  const stored = placementInputs.parse(entry.inputs);
  const targetsThen: Target[] = stored.targets.map((t) => t.target);
  const then = place(stored.task, targetsThen, stored.options, { requestId: entry.requestId });
  const mismatch = differences(entry.result, then);
  const discovery = await createDiscoveryService({
    dataDir,
    ttlMs: stored.options.cacheMinutes * 60_000,
    persist: true,
  });
  // Today's capabilities: discovered targets are discovered again (over what was used then); the
  // others are as stored.
  const today = await discovery.resolve(targetsThen);
  await discovery.save();
  const now = place(stored.task, today.targets, stored.options, { requestId: randomUUID() });
  const changes = differences(then, { ...now, requestId: then.requestId });
  const report = {
    requestId: entry.requestId,
    reproduced: mismatch.length === 0,
    differences: mismatch,
    then,
    now,
    changesSinceThen: changes,
  };
  if (flags.json) return { stdout: JSON.stringify(report, null, 2), warnings, exitCode: report.reproduced ? 0 : 1 };
  const lines = [
    safe(`Placement ${entry.requestId} (${entry.taskName}, ${entry.strategy}) recorded ${entry.at}`),
    safe(`Then:  ${outcome(entry.result)}`),
    mismatch.length === 0
      ? 'Replayed on the stored inputs: reproduced exactly.'
      : `Replayed on the stored inputs: DIFFERS\n${mismatch.map((d) => `  ${safe(d)}`).join('\n')}`,
    safe(`Today: ${outcome(now)}${changes.length === 0 ? ' (nothing changed)' : ''}`),
    ...(changes.length > 0 ? ['What changed since then:', ...changes.slice(0, 10).map((d) => `  ${safe(d)}`)] : []),
  ];
  return { stdout: lines.join('\n'), warnings, exitCode: report.reproduced ? 0 : 1 };
}
