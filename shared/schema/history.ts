import { z } from 'zod';
import { placementResult, pipelineResult } from './result.js';
import { placementOptions, target } from './targets.js';
import { task, pipeline } from './task.js';

/** How a placement in the history ended; `interrupted`: started, never completed (the process died). */
export const historyOutcome = z.enum(['placed', 'failed', 'interrupted']);

/** What `history.list`, `report.export` and the CLI's `report` select placements by. */
export const historyFilters = z.strictObject({
  strategy: z.string().optional(),
  outcome: historyOutcome.optional(),
  target: z.string().optional(),
  taskName: z.string().optional(),
  /** ISO times, inclusive. */
  since: z.string().optional(),
  until: z.string().optional(),
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

/** True when the entry passes every filter given; the one test of `history.list` and the reports. */
export function matchesHistoryFilters(e: FilteredEntry, f: HistoryFilters): boolean {
  return (
    (f.strategy === undefined || e.strategy === f.strategy) &&
    (f.outcome === undefined || e.outcome === f.outcome) &&
    (f.target === undefined || e.selectedTarget === f.target) &&
    (f.taskName === undefined || e.taskName === f.taskName) &&
    (f.since === undefined || e.at >= f.since) &&
    (f.until === undefined || e.at <= f.until)
  );
}

export const HISTORY_EVENTS = ['PlacementStarted', 'PlacementCompleted', 'PlacementFailed'] as const;

/** A target as a placement saw it: its definition, the capabilities used and how old they were. */
export const usedTarget = z.strictObject({
  target,
  capabilitiesAgeMs: z.number().nonnegative().nullable(),
});

/** Everything a placement was decided on, enough to replay it. */
export const placementInputs = z.strictObject({
  task: z.union([z.strictObject({ task }), z.strictObject({ pipeline })]),
  options: placementOptions,
  targets: z.array(usedTarget),
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
