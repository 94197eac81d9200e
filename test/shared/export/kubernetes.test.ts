import { describe, expect, it } from 'vitest';
import { Pod } from 'kubernetes-models/v1/Pod';
import { parse } from 'yaml';
import { EmitError } from '../../../shared/export/index.js';
import type { Target } from '../../../shared/schema/targets.js';
import { comments, emitError, kubernetesFleet, laptop, placeAndEmit } from './fleets.js';
import { targetsOf } from '../inputs.js';

interface Expression {
  key: string;
  operator: string;
  values?: string[];
}
interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}
interface Spec {
  nodeSelector?: Record<string, string>;
  affinity?: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: { matchExpressions: Expression[] }[] };
    };
  };
  tolerations?: Toleration[];
  activeDeadlineSeconds?: number;
  containers: { name: string; resources?: { limits: Record<string, string>; requests: Record<string, string> } }[];
}

/** Parses the fragment and validates it, wrapped into a Pod, against Kubernetes v1.33's schema. */
function podSpec(text: string): Spec {
  const doc = parse(text) as { spec: Spec };
  expect(Object.keys(doc)).toEqual(['spec']);
  const spec = structuredClone(doc.spec);
  spec.containers[0] = { ...spec.containers[0]!, image: 'busybox:1.36' } as Spec['containers'][number];
  new Pod({ metadata: { name: 'placed' }, spec: spec as never }).validate();
  return doc.spec;
}

// The scheduler's rules, written independently of the exporter: node affinity terms, taints, requests.
function matches(e: Expression, labels: Record<string, string>): boolean {
  const v = labels[e.key];
  switch (e.operator) {
    case 'In':
      return v !== undefined && e.values!.includes(v);
    case 'NotIn':
      return v === undefined || !e.values!.includes(v);
    case 'Exists':
      return v !== undefined;
    case 'DoesNotExist':
      return v === undefined;
    case 'Gt':
      return v !== undefined && Number.parseInt(v, 10) > Number.parseInt(e.values![0]!, 10);
    default:
      return v !== undefined && Number.parseInt(v, 10) < Number.parseInt(e.values![0]!, 10);
  }
}

function schedulable(spec: Spec, node: Target): boolean {
  if (node.type !== 'kubernetes' || node.unschedulable !== undefined) return false;
  const tolerated = (taint: { key: string; value?: string; effect: string }) =>
    (spec.tolerations ?? []).some(
      (t) =>
        (t.key === undefined || t.key === taint.key) &&
        (t.operator === 'Exists' || t.value === (taint.value ?? '')) &&
        (t.effect === undefined || t.effect === taint.effect),
    );
  if ((node.taints ?? []).some((t) => t.effect !== 'PreferNoSchedule' && !tolerated(t))) return false;
  const labels = node.labels ?? {};
  if (spec.nodeSelector && Object.entries(spec.nodeSelector).some(([k, v]) => labels[k] !== v)) return false;
  const terms = spec.affinity?.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
  if (terms && !terms.some((term) => term.matchExpressions.every((e) => matches(e, labels)))) return false;
  const requests = spec.containers[0]!.resources?.requests ?? {};
  const caps = node.capabilities ?? {};
  const gpus = (caps.gpus ?? []).filter((g) => g.vendor === 'nvidia').reduce((n, g) => n + (g.count ?? 1), 0);
  if (requests['nvidia.com/gpu'] !== undefined && gpus < Number(requests['nvidia.com/gpu'])) return false;
  if (requests['cpu'] !== undefined && (caps.cpu ?? 0) < Number(requests['cpu'])) return false;
  return true;
}

const admittedIds = (spec: Spec, targets: Target[]) => targets.filter((t) => schedulable(spec, t)).map((t) => t.id);

const gpuTask = {
  requirements: {
    cpu: 4,
    memoryGb: 16,
    gpu: { type: 'nvidia', minVram: 20 },
    tolerations: ['nvidia.com/gpu=present:NoSchedule'],
    tools: ['python3>=3.10'],
    maxCost: 5,
    maxRuntimeMinutes: 90,
  },
};

describe('kubernetes export, pinned', () => {
  it('selects the node by hostname, tolerates its taint and asks for its resources', () => {
    const { emitted, result } = placeAndEmit('kubernetes', gpuTask, kubernetesFleet(), true, {
      strategy: 'performance',
    });
    expect(result.selectedTarget).toBe('k-gpu-a100');
    const spec = podSpec(emitted.text);
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'gpu-a100' });
    expect(spec.affinity).toBeUndefined();
    expect(spec.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Equal', value: 'present', effect: 'NoSchedule' },
    ]);
    expect(spec.activeDeadlineSeconds).toBe(5400);
    const limits = { cpu: '4', memory: '16G', 'nvidia.com/gpu': '1' };
    expect(spec.containers[0]!.resources).toEqual({ limits, requests: limits });
    expect(admittedIds(spec, kubernetesFleet())).toEqual(['k-gpu-a100']);
  });

  it('lists what Kubernetes cannot express, each also a comment', () => {
    const { emitted } = placeAndEmit('kubernetes', gpuTask, kubernetesFleet(), true);
    expect(emitted.unexpressed).toEqual([
      'tool python3>=3.10: Kubernetes does not select by installed tools',
      'maxCost $5.00: Kubernetes has no cost cap',
    ]);
    for (const u of emitted.unexpressed) expect(comments(emitted.text)).toContain(`not expressed: ${u}`);
    expect(comments(emitted.text).some((c) => c.includes('10^9'))).toBe(true);
  });

  it('writes a CPU-only task with fractional cores and memory, and no GPU resource', () => {
    const task = { requirements: { cpu: 0.5, memoryGb: 1.5, diskGb: 20, os: 'macos' } };
    const macs = targetsOf({
      id: 'k-mac',
      type: 'kubernetes',
      source: { kind: 'kubernetes', context: 'prod', node: 'mac-1', importedAt: '2025-06-01T12:00:00Z' },
      capabilities: { cpu: 8, memoryGb: 16, diskGb: 100, os: 'macos', arch: 'arm64' },
    });
    const { emitted } = placeAndEmit('kubernetes', task, macs, true);
    const spec = podSpec(emitted.text);
    const limits = { cpu: '500m', memory: '1500M', 'ephemeral-storage': '20G' };
    expect(spec.containers[0]!.resources).toEqual({ limits, requests: limits });
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'mac-1' });
    expect(emitted.unexpressed).toEqual(['os macos: Kubernetes nodes run linux or windows']);
  });

  it('maps each toleration form to its operator', () => {
    const task = {
      requirements: { cpu: 1, tolerations: ['dedicated=ml:NoSchedule', 'spot:NoExecute', 'nvidia.com/gpu'] },
    };
    const { emitted } = placeAndEmit('kubernetes', task, kubernetesFleet(), true);
    expect(podSpec(emitted.text).tolerations).toEqual([
      { key: 'dedicated', operator: 'Equal', value: 'ml', effect: 'NoSchedule' },
      { key: 'spot', operator: 'Exists', effect: 'NoExecute' },
      { key: 'nvidia.com/gpu', operator: 'Exists' },
    ]);
  });
});

describe('kubernetes export, unpinned', () => {
  it('admits exactly the eligible GPU nodes with a gpu.memory expression', () => {
    const targets = kubernetesFleet();
    const { emitted, eligible } = placeAndEmit('kubernetes', gpuTask, targets, false);
    expect(eligible.sort()).toEqual(['k-gpu-a100', 'k-gpu-a10g']);
    const spec = podSpec(emitted.text);
    const terms = spec.affinity!.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    // 20 GB = 19073.5 MiB: at least 19074 MiB.
    expect(terms[0]!.matchExpressions).toContainEqual({
      key: 'nvidia.com/gpu.memory',
      operator: 'Gt',
      values: ['19073'],
    });
    expect(spec.nodeSelector).toBeUndefined();
    expect(admittedIds(spec, targets).sort()).toEqual(eligible.sort());
  });

  it('selects by GPU product when the nodes carry no gpu.memory label', () => {
    const targets = kubernetesFleet().map((t) => {
      const { 'nvidia.com/gpu.memory': _memory, ...labels } = t.labels ?? {};
      return { ...t, labels };
    });
    const { emitted, eligible } = placeAndEmit('kubernetes', gpuTask, targets, false);
    expect(eligible.sort()).toEqual(['k-gpu-a100', 'k-gpu-a10g']);
    const spec = podSpec(emitted.text);
    const terms = spec.affinity!.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(terms[0]!.matchExpressions).toEqual([
      { key: 'nvidia.com/gpu.product', operator: 'In', values: ['NVIDIA-A100-SXM4-80GB', 'NVIDIA-A10G'] },
    ]);
    expect(admittedIds(spec, targets).sort()).toEqual(eligible.sort());
    expect(emitted.unexpressed).toContain(
      'gpu.minVram 20 GB: no nvidia.com/gpu.memory label to select on; only the node choice keeps to it',
    );
  });

  it('falls back to hostnames when no label tells the eligible nodes apart', () => {
    const targets = kubernetesFleet();
    const task = { requirements: { cpu: 2, tools: ['docker>=24'] } };
    const { emitted, eligible } = placeAndEmit('kubernetes', task, targets, false);
    expect(eligible).toEqual(['k-cpu-1']);
    const spec = podSpec(emitted.text);
    const terms = spec.affinity!.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(terms[0]!.matchExpressions).toEqual([{ key: 'kubernetes.io/hostname', operator: 'In', values: ['cpu-1'] }]);
    expect(comments(emitted.text).some((c) => c.includes('listed by hostname'))).toBe(true);
    expect(admittedIds(spec, targets)).toEqual(eligible);
  });

  it('keeps to the requirement labels when they alone are exact', () => {
    const targets = kubernetesFleet();
    const { emitted, eligible } = placeAndEmit('kubernetes', { requirements: { cpu: 2, os: 'linux' } }, targets, false);
    const spec = podSpec(emitted.text);
    expect(eligible.sort()).toEqual(['k-cpu-1', 'k-gpu-t4']);
    expect(admittedIds(spec, targets).sort()).toEqual(eligible);
    const terms = spec.affinity!.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(terms[0]!.matchExpressions).toEqual([{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }]);
  });
});

describe('kubernetes export, escaping', () => {
  it('keeps hostile label values, node names and task names inside their strings and comments', () => {
    const hostile = 'A10G\n"evil": true\n# x';
    const targets = targetsOf({
      id: 'k-odd',
      type: 'kubernetes',
      source: { kind: 'kubernetes', context: 'prod', node: 'odd\nnode: "x"', importedAt: '2025-06-01T12:00:00Z' },
      labels: { 'nvidia.com/gpu.product': hostile, 'kubernetes.io/hostname': 'odd\u2028"x"' },
      capabilities: {
        cpu: 8,
        memoryGb: 32,
        gpus: [{ vendor: 'nvidia', model: 'A10G', vramGb: 24 }],
        tools: ['python3'],
      },
    });
    // Eligible but for the tool: only the product label tells it from the others.
    const other = targetsOf({
      id: 'k-other',
      type: 'kubernetes',
      source: { kind: 'kubernetes', context: 'prod', node: 'other', importedAt: '2025-06-01T12:00:00Z' },
      labels: { 'nvidia.com/gpu.product': 'Other"\n- x' },
      capabilities: { cpu: 8, memoryGb: 32, gpus: [{ vendor: 'nvidia', model: 'A10G', vramGb: 24 }], tools: [] },
    });
    const task = { name: 'evil\nspec: {}\r\n# "x"', requirements: { gpu: true, tools: ['python3'] } };
    const pinned = placeAndEmit('kubernetes', task, targets, true).emitted;
    expect(podSpec(pinned.text).nodeSelector).toEqual({ 'kubernetes.io/hostname': 'odd\u2028"x"' });
    const all = [...targets, ...other, ...kubernetesFleet()];
    const { emitted: unpinned, eligible } = placeAndEmit('kubernetes', task, all, false);
    const spec = podSpec(unpinned.text);
    expect(spec.containers[0]!.name).toBe('evil-spec-x');
    const text = unpinned.text.split('\n');
    expect(text.filter((l) => l.startsWith('#')).every((l) => l.startsWith('# '))).toBe(true);
    expect(eligible).toEqual(['k-odd', 'k-gpu-t4']);
    expect(admittedIds(spec, all)).toEqual(eligible);
    const terms = spec.affinity!.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
    expect(terms[0]!.matchExpressions).toContainEqual({
      key: 'nvidia.com/gpu.product',
      operator: 'In',
      values: [hostile, 'Tesla-T4'],
    });
  });
});

describe('kubernetes export, errors', () => {
  it('says so in one line when nothing can be written', () => {
    const cases = [
      emitError('kubernetes', { requirements: { gpu: { minVram: 500 } } }, kubernetesFleet(), true),
      emitError('kubernetes', { requirements: { cpu: 1 } }, [...laptop(), ...kubernetesFleet()], true),
      emitError('kubernetes', { requirements: { cpu: 1 } }, laptop(), false),
    ];
    for (const err of cases) expect(err).toBeInstanceOf(EmitError);
    const messages = cases.map((e) => (e as Error).message);
    expect(messages).toEqual([
      'nothing to emit for Kubernetes: the placement selected no target',
      "cannot pin to Kubernetes: the selected target 'local' is a local target, not a kubernetes one",
      'nothing to emit for Kubernetes: no kubernetes target is among the targets (import some: placement-explorer import)',
    ]);
  });

  it('the schema check rejects what Kubernetes would (so a passing check means something)', () => {
    const bad = { containers: [{ name: 'x', image: 'y' }], tolerations: [{ key: 'k', operator: 'Maybe' }] };
    expect(() => new Pod({ metadata: { name: 'p' }, spec: bad as never }).validate()).toThrow(/operator/);
  });
});
