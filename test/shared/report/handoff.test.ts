// The report's hand-off section: a placement written in the language of each scheduler whose nodes
// were among the targets, as `place --emit` writes it, in every format that shows text.
import { describe, expect, it } from 'vitest';
import { place } from '../../../shared/engine/place.js';
import { emitPlacement } from '../../../shared/export/index.js';
import { historyReport, placementReport, renderReport, reportData } from '../../../shared/report/index.js';
import type { PlacementResult } from '../../../shared/schema/result.js';
import { optionsOf, targetsOf, taskOf } from '../inputs.js';

const source = (node: string) => ({ kind: 'slurm' as const, cluster: 'hpc', node, importedAt: '2026-11-29T10:00:00Z' });
function slurmEntry(nodeName = 'gpu-a') {
  const targets = targetsOf(
    { id: 'local', type: 'local', capabilities: { cpu: 4, memoryGb: 8, gpus: [] } },
    {
      id: nodeName,
      type: 'slurm',
      source: source(nodeName),
      labels: { partition: 'gpu', 'partition.gpu': 'true', 'slurm.gres': 'gpu:a100:4' },
      capabilities: { cpu: 32, memoryGb: 256, gpus: [{ vendor: 'nvidia', model: 'A100', vramGb: 40, count: 4 }] },
    },
  );
  const file = taskOf({ name: 'train', requirements: { gpu: { type: 'nvidia', count: 2 }, memoryGb: 16 } });
  const options = optionsOf();
  const result = place(file, targets, options, { requestId: 'r1' }) as PlacementResult;
  const entry = {
    requestId: 'r1',
    at: '2026-11-29T10:00:00.000Z',
    taskName: 'train',
    strategy: 'auto',
    outcome: 'placed' as const,
    selectedTarget: result.selectedTarget,
    inputs: { task: file, options, targets: targets.map((target) => ({ target, capabilitiesAgeMs: null })) },
    result,
  };
  return { entry, targets, file, result };
}

describe('hand it to the scheduler', () => {
  it('a placement on a Slurm node carries the #SBATCH script place --emit writes, pinned', () => {
    const { entry, targets, file, result } = slurmEntry();
    const data = placementReport(entry);
    expect(reportData.parse(data)).toEqual(data);
    const handoff = data.placements[0]!.handoff!;
    expect(handoff.map((h) => [h.format, h.pinned])).toEqual([['slurm', true]]);
    if (!('task' in file)) throw new Error('a task');
    expect(handoff[0]!.text).toBe(emitPlacement('slurm', { task: file.task, result, targets, pinned: true }).text);
    expect(handoff[0]!.text).toContain('#SBATCH --nodelist=gpu-a');

    const markdown = renderReport(data, 'md');
    expect(markdown).toContain('#### Hand it to the scheduler');
    expect(markdown).toContain('**Slurm** (pinned to the chosen node)');
    expect(markdown).toMatch(/```shell\n#!\/bin\/bash\n[\s\S]*#SBATCH --gres=gpu:a100:2[\s\S]*\n```/);
    const html = renderReport(data, 'html');
    expect(html).toContain('<h4>Hand it to the scheduler</h4>');
    expect(html).toMatch(/<pre class="handoff">#!\/bin\/bash\n/);
  });

  it('goes into the JSON report; a history report, about many placements, has none', () => {
    const { entry } = slurmEntry();
    const json = JSON.parse(renderReport(placementReport(entry), 'json')) as { placements: { handoff?: unknown[] }[] };
    expect(json.placements[0]!.handoff).toHaveLength(1);
    expect(historyReport([entry]).placements[0]!.handoff).toBeUndefined();
  });
});
