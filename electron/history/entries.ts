import type { HistoryRecord, PlacementInputs } from '../../shared/schema/history.js';
import type { PipelineResult, PlacementResult } from '../../shared/schema/result.js';

/** One placement in the history: its start (with the inputs) and its end (with the result). */
export interface HistoryEntry {
  requestId: string;
  at: string;
  taskName: string;
  strategy: string;
  /** `interrupted`: started, never finished (a crash between the two records). */
  outcome: 'placed' | 'failed' | 'interrupted';
  selectedTarget: string | null;
  inputs: PlacementInputs | null;
  result: PlacementResult | PipelineResult | null;
}

/** An entry's summary fields only: what `history.list` answers; reads neither `inputs` nor `result`. */
export function entrySummary(e: HistoryEntry): Omit<HistoryEntry, 'inputs' | 'result'> {
  return {
    requestId: e.requestId,
    at: e.at,
    taskName: e.taskName,
    strategy: e.strategy,
    outcome: e.outcome,
    selectedTarget: e.selectedTarget,
  };
}

/** Pairs the log's records by request id, newest first. */
export function toEntries(records: readonly HistoryRecord[]): HistoryEntry[] {
  const byId = new Map<string, HistoryEntry>();
  for (const r of records) {
    let entry = byId.get(r.requestId);
    if (entry === undefined) {
      entry = {
        requestId: r.requestId,
        at: r.at,
        taskName: '',
        strategy: '',
        outcome: 'interrupted',
        selectedTarget: null,
        inputs: null,
        result: null,
      };
      byId.set(r.requestId, entry);
    }
    if (r.event === 'PlacementStarted' && r.inputs) {
      entry.inputs = r.inputs;
      entry.at = r.at;
      entry.taskName = 'task' in r.inputs.task ? r.inputs.task.task.name : r.inputs.task.pipeline.name;
      entry.strategy = r.inputs.options.strategy;
    } else if (r.result) {
      entry.result = r.result;
      entry.outcome = r.event === 'PlacementCompleted' ? 'placed' : 'failed';
      entry.selectedTarget = 'nodes' in r.result ? null : r.result.selectedTarget;
      entry.strategy ||= r.result.strategy;
    }
  }
  return [...byId.values()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
