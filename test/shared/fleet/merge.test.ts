import { describe, expect, it } from 'vitest';
import { describeChanges, planImport } from '../../../shared/fleet/merge.js';
import { priceNodes } from '../../../shared/fleet/pricing.js';
import { sourceKey, type Target } from '../../../shared/schema/targets.js';
import { targetsOf } from '../inputs.js';

const at = (t: string) => `2026-11-29T${t}:00Z`;
const node = (id: string, memoryGb: number, importedAt = at('10:00'), context = 'prod') => ({
  id,
  type: 'kubernetes' as const,
  source: { kind: 'kubernetes' as const, context, node: id, importedAt },
  capabilities: { cpu: 8, memoryGb },
});
const handWritten = () => targetsOf({ id: 'local', type: 'local' }, { id: 'gpu-box', type: 'ssh', host: '10.0.0.5' });
const key = sourceKey({ kind: 'kubernetes', context: 'prod', node: '-', importedAt: at('10:00') });

describe('planImport', () => {
  it('adds, changes, removes and keeps, leaving every other target as it was', () => {
    const before = [
      ...handWritten(),
      ...targetsOf(node('a', 64), node('b', 64), node('c', 64), node('x', 8, at('09:00'), 'staging')),
    ];
    const imported = targetsOf(node('a', 64, at('11:00')), node('b', 62.5, at('11:00')), node('d', 32, at('11:00')));
    const plan = planImport(before, imported, key);
    expect(plan.added.map((t) => t.id)).toEqual(['d']);
    expect(plan.changed.map((c) => [c.after.id, c.changes])).toEqual([['b', ['capabilities.memoryGb 64 → 62.5']]]);
    expect(plan.removed.map((t) => t.id)).toEqual(['c']);
    expect(plan.unchanged.map((t) => t.id)).toEqual(['a']);
    // Hand-written targets and another context's nodes stay, in their places; then this source's.
    expect(plan.targets.map((t) => t.id)).toEqual(['local', 'gpu-box', 'x', 'a', 'b', 'd']);
  });

  it('an import that finds no node removes the nodes that source had', () => {
    const plan = planImport([...handWritten(), ...targetsOf(node('a', 64))], [], key);
    expect(plan.removed.map((t) => t.id)).toEqual(['a']);
    expect(plan.targets.map((t) => t.id)).toEqual(['local', 'gpu-box']);
  });

  it('an imported id taken by a hand-written target is renamed, never overwriting it', () => {
    const plan = planImport(handWritten(), targetsOf(node('gpu-box', 64)), key);
    expect(plan.renamed).toEqual([{ from: 'gpu-box', to: 'kubernetes-gpu-box' }]);
    expect(plan.targets.map((t) => t.id)).toEqual(['local', 'gpu-box', 'kubernetes-gpu-box']);
    expect(plan.targets[1]!.type).toBe('ssh');
  });

  it('says what changed in words, ignoring the import time', () => {
    const [a, b] = targetsOf(node('a', 64), { ...node('a', 64, at('12:00')), unschedulable: 'cordoned' });
    expect(describeChanges(a!, b!)).toEqual(['unschedulable added ("cordoned")']);
  });
});

describe('priceNodes', () => {
  const catalog = (instanceType: string, region: string, hourlyRate: number, spot = false) => ({
    id: `aws-${instanceType}-${region}${spot ? '-spot' : ''}`,
    type: 'cloud' as const,
    provider: 'aws',
    instanceType,
    hourlyRate,
    labels: { region, ...(spot && { spot: 'true' }) },
    source: {
      kind: 'catalog' as const,
      context: 'skypilot',
      node: `${instanceType}@${region}`,
      importedAt: at('09:00'),
    },
    capabilities: { cpu: 4 },
  });
  const k8s = (id: string, labels: Record<string, string>): Target => targetsOf({ ...node(id, 16), labels })[0]!;

  it('prices a node from its instance type and region, at the spot price on a spot node', () => {
    const targets = [
      ...targetsOf(catalog('g5.xlarge', 'us-east-1', 1.006), catalog('g5.xlarge', 'us-east-1', 0.4, true)),
      k8s('on-demand', {
        'node.kubernetes.io/instance-type': 'g5.xlarge',
        'topology.kubernetes.io/region': 'us-east-1',
      }),
      k8s('spot', {
        'node.kubernetes.io/instance-type': 'g5.xlarge',
        'topology.kubernetes.io/region': 'us-east-1',
        'eks.amazonaws.com/capacityType': 'SPOT',
      }),
      k8s('elsewhere', {
        'node.kubernetes.io/instance-type': 'g5.xlarge',
        'topology.kubernetes.io/region': 'eu-west-1',
      }),
      k8s('on-prem', {}),
    ];
    const { targets: out, priced } = priceNodes(targets);
    expect(priced).toBe(2);
    expect(Object.fromEntries(out.slice(2).map((t) => [t.id, t.hourlyRate]))).toEqual({
      'on-demand': 1.006,
      spot: 0.4,
      elsewhere: 0,
      'on-prem': 0,
    });
  });
});
