import type { PipelineResult, PlacementResult } from '../../../shared/schema/result.js';

/** The placement lifecycle, handed to an injected listener (the history log, metrics, the UI). */
export type PlacementEvent =
  | { type: 'PlacementStarted'; requestId: string; taskName: string; strategy: string }
  | { type: 'PlacementCompleted'; requestId: string; result: PlacementResult | PipelineResult }
  | { type: 'PlacementFailed'; requestId: string; result: PlacementResult | PipelineResult };

export type PlacementListener = (event: PlacementEvent) => void;
