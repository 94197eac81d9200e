import { compare, place } from '../../../shared/engine/place.js';
import type { PlacementInputs } from '../../../shared/schema/history.js';
import type { ReportEntry, UsedTarget } from '../../../shared/report/index.js';
import type { PlacementOptionsInput } from '../../../shared/schema/targets.js';
import type { TaskOrPipelineFile } from '../../../shared/schema/task.js';
import { fleet, optionsOf, pipelineOf, taskOf } from '../inputs.js';

/**
 * A task name a hostile author might write: a spreadsheet formula first (so the CSV cell must be
 * neutralised), then markup, a table pipe, a link and an autolinkable URL.
 */
export const HOSTILE =
  '=HYPERLINK("http://x") <script>alert(1)</script> | [a](javascript:x) <img src=x onerror=alert(2)>';

export const used = (): UsedTarget[] =>
  fleet().map((target, i) => ({ target, capabilitiesAgeMs: i === 0 ? 42_000 : null }));

/** A placement made by the real engine, as the history store would give it back. */
export function entryOf(
  id: string,
  at: string,
  file: TaskOrPipelineFile,
  options: PlacementOptionsInput = {},
  interrupted = false,
): ReportEntry {
  const inputs: PlacementInputs = { task: file, options: optionsOf(options), targets: used() };
  const result = place(file, fleet(), inputs.options, { requestId: id });
  const pipeline = 'nodes' in result;
  return {
    requestId: id,
    at,
    taskName: 'task' in file ? file.task.name : file.pipeline.name,
    strategy: inputs.options.strategy,
    outcome: interrupted ? 'interrupted' : result.success ? 'placed' : 'failed',
    selectedTarget: interrupted || pipeline ? null : result.selectedTarget,
    inputs,
    result: interrupted ? null : result,
  };
}

export const gpuTask = (name = HOSTILE) =>
  taskOf({ name, requirements: { cpu: 4, memoryGb: 16, gpu: { type: 'nvidia', minVram: 8 } } });

/** Four placements, newest first: placed, failed (local-only, GPU needed), a pipeline, an interrupted one. */
export function history(): ReportEntry[] {
  return [
    entryOf('d-interrupted', '2025-03-04T10:00:00.000Z', gpuTask('plain'), {}, true),
    entryOf(
      'c-pipeline',
      '2025-03-03T10:00:00.000Z',
      pipelineOf(
        [
          { id: 'prep', requirements: { cpu: 2 } },
          { id: 'train', requirements: { gpu: true } },
        ],
        'pipe',
      ),
    ),
    entryOf('b-failed', '2025-03-02T10:00:00.000Z', gpuTask(), { mode: 'local-only' }),
    entryOf('a-placed', '2025-03-01T10:00:00.000Z', gpuTask(), { strategy: 'cost-optimized' }),
  ];
}

/** Every strategy's decision for the hostile task over the fleet. */
export function comparison() {
  const options = optionsOf({});
  const file = gpuTask();
  return { file, options, compared: compare(file, fleet(), options, { requestId: 'cmp-1' }) };
}
