import { z } from 'zod';
import { placementResult, pipelineResult } from './result.js';
import { placementOptions, target } from './targets.js';
import { task, pipeline } from './task.js';

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
