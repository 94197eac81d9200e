// A decision whose deadline passed depends on timing; its record says how many targets it evaluated,
// and replay re-runs it with the deadline passing at that very point (for a task, and for each node of
// a pipeline), so that it reproduces the stored result exactly. A maxCandidates decision needs nothing
// of the kind: its options say it all.
import { describe, expect, it } from 'vitest';
import { place } from '../../../shared/engine/place.js';
import type { PlacementInputs } from '../../../shared/schema/history.js';
import type { PipelineResult, PlacementResult } from '../../../shared/schema/result.js';
import type { PlacementOptionsInput, Target, TargetInput } from '../../../shared/schema/targets.js';
import type { TaskOrPipelineFile } from '../../../shared/schema/task.js';
import type { HistoryEntry } from '../../../electron/history/entries.js';
import { placementRecords } from '../../../electron/history/history-log.js';
import { replayEntry } from '../../../electron/history/replay.js';
import { optionsOf, pipelineOf, targetsOf, taskOf } from '../../shared/inputs.js';

/** 3,000 priced cloud targets, the cheapest last. */
function fleet(): Target[] {
  const list: TargetInput[] = [];
  for (let i = 0; i < 3000; i++)
    list.push({
      id: `c${i}`,
      type: 'cloud',
      provider: 'aws',
      hourlyRate: (3000 - i) / 10,
      capabilities: { cpu: 8, memoryGb: 32 },
    });
  return targetsOf(...list);
}

/** A clock that advances 1 ms each time it is read: the deadline passes where the test says. */
const ticking = () => {
  let now = 0;
  return () => ++now;
};

function recorded(file: TaskOrPipelineFile, options: PlacementOptionsInput): HistoryEntry {
  const targets = fleet();
  const opts = optionsOf(options);
  const result = place(file, targets, opts, { requestId: 'r-deadline', clock: ticking() });
  const used: PlacementInputs = {
    task: file,
    options: opts,
    targets: targets.map((target) => ({ target, capabilitiesAgeMs: null })),
  };
  const [started] = placementRecords('r-deadline', '2025-03-01T10:00:00.000Z', used, result);
  return {
    requestId: 'r-deadline',
    at: '2025-03-01T10:00:00.000Z',
    taskName: 'task' in file ? file.task.name : file.pipeline.name,
    strategy: opts.strategy,
    outcome: result.success ? 'placed' : 'failed',
    selectedTarget: 'nodes' in result ? null : result.selectedTarget,
    inputs: started!.inputs!,
    result: JSON.parse(JSON.stringify(result)) as PlacementResult | PipelineResult,
  };
}

const sameTargets = async (targets: Target[]) => ({
  targets,
  reports: new Map(),
  failures: new Map(),
  freshness: new Map(),
});

describe('replay of a decision whose deadline passed', () => {
  it('a task: re-run with the deadline passing after the targets it evaluated then, it reproduces exactly', async () => {
    const entry = recorded(taskOf({ name: 'fast', requirements: { cpu: 2 } }), {
      strategy: 'cost-optimized',
      deadlineMs: 1.5,
    });
    expect((entry.result as PlacementResult).candidatesEvaluated).toBe(2048);
    const report = await replayEntry(entry, sameTargets as never);
    expect(report.differences).toEqual([]);
    expect(report.reproduced).toBe(true);
    // Today's run is cut at the same point, so what changed since is what changed in the fleet.
    expect((report.now as PlacementResult).candidatesEvaluated).toBe(2048);
    expect(report.changesSinceThen).toEqual([]);
  });

  it('a pipeline: each node is cut where its own deadline passed', async () => {
    const entry = recorded(pipelineOf([{ id: 'a', requirements: { cpu: 2 } }, { id: 'b' }]), {
      strategy: 'cost-optimized',
      deadlineMs: 1.5,
    });
    const nodes = (entry.result as PipelineResult).nodes;
    expect(nodes.map((n) => n.result.candidatesEvaluated)).toEqual([2048, 2048]);
    const report = await replayEntry(entry, sameTargets as never);
    expect(report.differences).toEqual([]);
    expect(report.reproduced).toBe(true);
  });

  it('a decision cut by maxCandidates replays from its options alone', async () => {
    const entry = recorded(taskOf({ name: 'capped' }), { strategy: 'cost-optimized', maxCandidates: 10 });
    expect((entry.result as PlacementResult).selectedTarget).toBe('c9');
    const report = await replayEntry(entry, sameTargets as never);
    expect(report.differences).toEqual([]);
  });
});
