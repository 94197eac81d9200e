import { describe, expect, it } from 'vitest';
import { place } from '../../../shared/engine/place.js';
import { tolerates } from '../../../shared/engine/checks.js';
import type { PlacementResult } from '../../../shared/schema/result.js';
import { targetSource } from '../../../shared/schema/targets.js';
import { optionsOf, run, taskOf, targetsOf } from '../inputs.js';

const source = (node: string) => ({
  kind: 'kubernetes' as const,
  context: 'prod',
  node,
  importedAt: '2026-11-29T10:00:00Z',
});
const caps = { cpu: 16, memoryGb: 64, os: 'linux', arch: 'x64', network: true };

function nodes() {
  return targetsOf(
    { id: 'ready', type: 'kubernetes', source: source('ready'), capabilities: caps },
    { id: 'cordoned', type: 'kubernetes', source: source('cordoned'), unschedulable: 'cordoned', capabilities: caps },
    {
      id: 'gpu-node',
      type: 'kubernetes',
      source: source('gpu-node'),
      taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
      capabilities: { ...caps, gpus: [{ vendor: 'nvidia', model: 'A100', vramGb: 40, count: 4 }] },
    },
    {
      id: 'soft',
      type: 'slurm',
      source: { kind: 'slurm', cluster: 'hpc', node: 'soft', importedAt: '2026-11-29T10:00:00Z' },
      taints: [{ key: 'spot', effect: 'PreferNoSchedule' }],
      capabilities: caps,
    },
    { id: 'aws', type: 'cloud', provider: 'aws', hourlyRate: 1, capabilities: caps },
    { id: 'box', type: 'ssh', host: '10.0.0.5', capabilities: caps },
  );
}

function placeOn(requirements: Record<string, unknown>, strategy = 'auto') {
  return place(taskOf({ requirements }), nodes(), optionsOf({ strategy: strategy as 'auto' }), run) as PlacementResult;
}
const score = (r: PlacementResult, id: string) => r.scores.find((s) => s.targetId === id)!;

describe('scheduler nodes', () => {
  it('a node the scheduler would not use is ineligible, saying why', () => {
    const r = placeOn({ cpu: 2 });
    expect(score(r, 'cordoned')).toMatchObject({ eligible: false, score: 0 });
    expect(score(r, 'cordoned').mismatches.map((m) => m.message)).toEqual(['node: cordoned']);
    expect(score(r, 'ready').eligible).toBe(true);
  });

  it('a NoSchedule taint excludes the node until the task tolerates it; PreferNoSchedule never does', () => {
    const r = placeOn({ cpu: 2 });
    expect(score(r, 'gpu-node').mismatches.map((m) => m.message)).toEqual([
      'taint nvidia.com/gpu=present:NoSchedule not tolerated',
    ]);
    expect(score(r, 'soft').eligible).toBe(true);
    for (const toleration of ['nvidia.com/gpu', 'nvidia.com/gpu=present', 'nvidia.com/gpu=present:NoSchedule'])
      expect(score(placeOn({ cpu: 2, tolerations: [toleration] }), 'gpu-node').eligible).toBe(true);
    for (const toleration of ['nvidia.com/gpu=absent', 'nvidia.com/gpu:NoExecute', 'other'])
      expect(score(placeOn({ cpu: 2, tolerations: [toleration] }), 'gpu-node').eligible).toBe(false);
  });

  it('analysis suggests tolerating a taint, and says a node state is not the task to change', () => {
    const r = placeOn({ gpu: { type: 'nvidia' } });
    expect(r.success).toBe(false);
    const byKey = Object.fromEntries(r.analysis.map((a) => [a.key, a.suggestion]));
    expect(byKey['taint']).toBe('tolerating nvidia.com/gpu=present:NoSchedule admits gpu-node');
    const down = placeOn({ cpu: 2 }).analysis.find((a) => a.key === 'node')!;
    expect(down.eliminated).toBe(1);
    expect(down.suggestion).toContain('no task change admits them');
  });

  it('cloud-first orders cloud, then scheduler nodes, then ssh, then local', () => {
    const r = placeOn({ cpu: 2 }, 'cloud-first');
    expect(r.scores.filter((s) => s.eligible).map((s) => s.targetType)).toEqual([
      'cloud',
      'kubernetes',
      'slurm',
      'ssh',
    ]);
  });

  it('a toleration is key[=value][:effect]', () => {
    expect(tolerates(['a=b:NoExecute'], { key: 'a', value: 'b', effect: 'NoExecute' })).toBe(true);
    expect(tolerates(['a:NoExecute'], { key: 'a', effect: 'NoSchedule' })).toBe(false);
    expect(() => taskOf({ requirements: { tolerations: ['-bad key'] } })).toThrow(/toleration/);
  });

  it('a source names its kind, node and import time', () => {
    expect(targetSource.safeParse(source('n1')).success).toBe(true);
    expect(targetSource.safeParse({ ...source('n1'), importedAt: 'yesterday' }).success).toBe(false);
    expect(targetSource.safeParse({ ...source('n1'), kind: 'mesos' }).success).toBe(false);
  });
});
