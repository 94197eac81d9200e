// The relaxations Compare offers for the requirements of issue 15 (targetTypes, allowCloud, a numeric
// custom value), applied to the task as written: each admits the target the engine said it would,
// checked by running the engine again, and changes no more than the suggestion says.
import { describe, expect, it } from 'vitest';
import { compare } from '../../shared/engine/place';
import { checkTaskFile } from '../../shared/files/parse';
import { placementOptions, target } from '../../shared/schema/targets';
import { relaxRequirements } from '../../renderer/state/task-relax';

const caps = { cpu: 8, memoryGb: 32, os: 'linux' };
const targets = [
  { id: 'laptop', type: 'local', capabilities: { ...caps, gpus: [{ vendor: 'nvidia', model: 'A10G' }] } },
  { id: 'old-gpu', type: 'ssh', host: 'a', capabilities: { ...caps, gpus: [{ vendor: 'nvidia', model: 'T4' }] } },
  {
    id: 'aws-g5',
    type: 'cloud',
    provider: 'aws',
    hourlyRate: 1,
    capabilities: { ...caps, gpus: [{ vendor: 'nvidia', model: 'A10G' }] },
  },
].map((t) => target.parse(t));

function analysisOf(requirements: Record<string, unknown>) {
  const file = checkTaskFile({ task: { name: 't', requirements } });
  if (!file.ok) throw new Error(JSON.stringify(file.problems));
  const result = compare(file.value, targets, placementOptions.parse({}), { requestId: 'r' }).strategies.auto!;
  if ('nodes' in result) throw new Error('a task, not a pipeline');
  return result;
}

describe('relaxRequirements for kinds of target and numeric custom values', () => {
  it.each([
    [{ targetTypes: ['local', 'ssh'] }, 'targetTypes', { targetTypes: ['local', 'ssh', 'cloud'] }],
    [{ allowCloud: false }, 'allowCloud', {}],
    [{ custom: { cudaCompute: '>=8.0' } }, 'custom.cudaCompute', { custom: { cudaCompute: '>=7.5' } }],
  ])('%j: the %s suggestion admits its target, as the analysis said', (written, key, expected) => {
    const entry = analysisOf(written).analysis.find((a) => a.key === key)!;
    expect(entry.admits).not.toBeNull();
    const relaxed = relaxRequirements(written, entry);
    expect(relaxed).toEqual(expected);
    const admitted = analysisOf(relaxed!).scores.find((s) => s.targetId === entry.admits)!;
    expect(admitted.eligible, entry.suggestion!).toBe(true);
  });
});
