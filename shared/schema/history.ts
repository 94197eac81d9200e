import * as z from 'zod';
import { placementResult, pipelineResult } from './result.js';
import { placementOptions, target } from './targets.js';
import { task, pipeline } from './task.js';

/** How a placement in the history ended; `interrupted`: started, never completed (the process died). */
export const historyOutcome = z.enum(['placed', 'failed', 'interrupted']);

/** A calendar date without a time (`2025-01-31`): as `until`, the whole of that day (UTC). */
export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const isoTime = z.string().refine((s) => Number.isFinite(Date.parse(s)), {
  message: 'expected an ISO date or time, like 2025-01-31 or 2025-01-31T09:30:00Z',
});

/** What `history.list`, `report.export` and the CLI's `report` select placements by. */
export const historyFilters = z.strictObject({
  strategy: z.string().optional(),
  outcome: historyOutcome.optional(),
  target: z.string().optional(),
  taskName: z.string().optional(),
  /** ISO dates or times, inclusive; a date alone means that whole day (UTC) for `until`. */
  since: isoTime.optional(),
  until: isoTime.optional(),
});
export type HistoryFilters = z.output<typeof historyFilters>;

/** The summary fields of a history entry that the filters test. */
export interface FilteredEntry {
  at: string;
  strategy: string;
  outcome: string;
  selectedTarget: string | null;
  taskName: string;
}

/**
 * The one test of `history.list` and the reports: a predicate that is true when an entry passes
 * every filter given. Times are compared as instants, so any ISO offset works.
 */
export function historyFilter(f: HistoryFilters): (e: FilteredEntry) => boolean {
  const since = f.since === undefined ? -Infinity : Date.parse(f.since);
  const until = f.until === undefined ? Infinity : Date.parse(f.until) + (DATE_ONLY.test(f.until) ? 86_400_000 - 1 : 0);
  return (e) => {
    if (f.strategy !== undefined && e.strategy !== f.strategy) return false;
    if (f.outcome !== undefined && e.outcome !== f.outcome) return false;
    if (f.target !== undefined && e.selectedTarget !== f.target) return false;
    if (f.taskName !== undefined && e.taskName !== f.taskName) return false;
    if (since === -Infinity && until === Infinity) return true;
    const at = Date.parse(e.at);
    return at >= since && at <= until;
  };
}

export const HISTORY_EVENTS = ['PlacementStarted', 'PlacementCompleted', 'PlacementFailed'] as const;

/**
 * A target as a placement saw it: its definition, the capabilities used and how old they were, and
 * why they could not be checked when its probe failed (the engine's `unchecked`, kept for replay).
 */
export const usedTarget = z.strictObject({
  target,
  capabilitiesAgeMs: z.number().nonnegative().nullable(),
  unchecked: z.string().optional(),
});

/**
 * Everything a placement was decided on, enough to replay it. `engine`: the engine's semantics
 * version it was decided with (absent: 1, before it was recorded).
 */
export const placementInputs = z.strictObject({
  task: z.union([z.strictObject({ task }), z.strictObject({ pipeline })]),
  options: placementOptions,
  targets: z.array(usedTarget),
  engine: z.number().int().positive().optional(),
});

/** One line of the append-only history log. */
export const historyRecord = z.strictObject({
  event: z.enum(HISTORY_EVENTS),
  requestId: z.string(),
  at: z.string(),
  // A summary written before the bulky inputs or result, so the log can be listed without them.
  taskName: z.string().optional(),
  strategy: z.string().optional(),
  selectedTarget: z.string().nullable().optional(),
  inputs: placementInputs.optional(),
  result: z.union([placementResult, pipelineResult]).optional(),
  checksum: z.string(),
});
export type HistoryRecord = z.output<typeof historyRecord>;
export type PlacementInputs = z.output<typeof placementInputs>;
