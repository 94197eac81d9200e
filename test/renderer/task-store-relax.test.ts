// The relaxations Compare offers, applied to the task as written: each must admit the target the
// engine said it would, checked by running the engine again.
import { describe, expect, it } from 'vitest';
import { compare } from '../../shared/engine/place';
import { checkTaskFile } from '../../shared/files/parse';
import { placementOptions, target } from '../../shared/schema/targets';
import { relaxRequirements } from '../../renderer/state/task-relax';

// Each target misses exactly one requirement of `written`, so each has a relaxation of its own.
const fits = {
  cpu: 8,
  memoryGb: 32,
  gpus: [{ vendor: 'nvidia', vramGb: 24, count: 2 }],
  os: 'linux',
  arch: 'x64',
  network: true,
  tools: { docker: '27.0.0' },
};
const eu = { region: 'eu-west-1' };
const targets = [
  { id: 'local', type: 'local', labels: eu, capabilities: { ...fits, cpu: 4 } },
  {
    id: 'small-vram',
    type: 'ssh',
    host: 'a',
    labels: eu,
    capabilities: { ...fits, gpus: [{ vendor: 'nvidia', vramGb: 16, count: 2 }] },
  },
  {
    id: 'one-gpu',
    type: 'ssh',
    host: 'b',
    labels: eu,
    capabilities: { ...fits, gpus: [{ vendor: 'nvidia', vramGb: 24 }] },
  },
  { id: 'old-docker', type: 'ssh', host: 'c', labels: eu, capabilities: { ...fits, tools: { docker: '20.10.7' } } },
  { id: 'windows', type: 'ssh', host: 'd', labels: eu, capabilities: { ...fits, os: 'windows' } },
  { id: 'offline', type: 'ssh', host: 'e', labels: eu, capabilities: { ...fits, network: false } },
  { id: 'us', type: 'ssh', host: 'f', labels: { region: 'us-east-1' }, capabilities: fits },
  { id: 'pricey', type: 'cloud', provider: 'aws', hourlyRate: 40, labels: eu, capabilities: fits },
  {
    id: 'amd',
    type: 'ssh',
    host: 'g',
    labels: eu,
    capabilities: { ...fits, gpus: [{ vendor: 'amd', vramGb: 24, count: 2 }] },
  },
].map((t) => target.parse(t));

const written = {
  cpu: 6,
  memoryGb: 24,
  gpu: { type: 'cuda', minVram: 24, count: 2 },
  tools: ['docker>=24'],
  os: 'linux',
  network: true,
  maxCost: 20,
  custom: { region: 'eu-west-1' },
};

function analysisOf(requirements: Record<string, unknown>) {
  const file = checkTaskFile({ task: { name: 't', requirements } });
  if (!file.ok) throw new Error(JSON.stringify(file.problems));
  const result = compare(file.value, targets, placementOptions.parse({}), { requestId: 'r' }).strategies.auto!;
  if ('nodes' in result) throw new Error('a task, not a pipeline');
  return result;
}

describe('relaxRequirements', () => {
  it('applies every suggestion of the analysis so that it admits the target it names', () => {
    const entries = analysisOf(written).analysis.filter((a) => a.admits !== null);
    expect(entries.map((a) => a.key).sort()).toEqual([
      'cpu',
      'custom.region',
      'gpu.count',
      'gpu.minVram',
      'gpu.type',
      'maxCost',
      'network',
      'os',
      'tools.docker',
    ]);
    for (const entry of entries) {
      const relaxed = relaxRequirements(written, entry);
      expect(relaxed, entry.key).not.toBeNull();
      // The aliases and keys the user wrote stay as written, except for the one relaxed.
      const after = analysisOf(relaxed!);
      const admitted = after.scores.find((s) => s.targetId === entry.admits)!;
      expect(admitted.mismatches, entry.suggestion!).toEqual([]);
      expect(admitted.eligible).toBe(true);
    }
  });

  it('keeps a tool with any version rather than dropping it, and rounds a cost up to the cent', () => {
    const tools = relaxRequirements(written, {
      key: 'tools.docker',
      eliminated: 1,
      suggestion: 'any docker version (it has 20.10.7) admits small-gpu',
      relaxTo: '20.10.7',
      admits: 'small-gpu',
    });
    expect(tools!['tools']).toEqual(['docker']);
    const cost = relaxRequirements(written, {
      key: 'maxCost',
      eliminated: 1,
      suggestion: 'maxCost ≥ $40.01 admits pricey',
      relaxTo: 40.004,
      admits: 'pricey',
    });
    expect(cost!['maxCost']).toBe(40.01);
    expect(written.maxCost).toBe(20);
  });

  it('offers nothing when the analysis found no single change', () => {
    expect(
      relaxRequirements(written, { key: 'cpu', eliminated: 4, suggestion: null, relaxTo: null, admits: null }),
    ).toBeNull();
  });
});
