import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseKubernetesNodes } from '../../../shared/fleet/kubernetes.js';
import { FleetInputError, type SourceOrigin } from '../../../shared/fleet/types.js';
import { targetList, type Target } from '../../../shared/schema/targets.js';

/** The importer's fixtures: the project's own files in real kubectl shapes (see their README.md). */
function fixture(name: string): string {
  return readFileSync(new URL(`../../fixtures/fleet/kubernetes/${name}.json`, import.meta.url), 'utf8');
}

const ORIGIN: SourceOrigin = { context: 'prod', file: 'nodes.json', importedAt: '2026-01-12T09:30:00.000Z' };
type Doc = { items: Record<string, any>[] } & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function parse(text: string) {
  const r = parseKubernetesNodes(text, ORIGIN);
  // Whatever the importer makes must be a valid targets-file entry.
  expect(targetList.safeParse(r.targets).error?.issues ?? []).toEqual([]);
  return r;
}

function byNode(targets: Target[], node: string): Target {
  const t = targets.find((x) => x.type === 'kubernetes' && x.source.node === node);
  if (t === undefined) throw new Error(`no target for node ${node}`);
  return t;
}

/** A fixture, changed by `edit`, as text again. */
function edited(name: string, edit: (doc: Doc) => void): string {
  const doc = JSON.parse(fixture(name)) as Doc;
  edit(doc);
  return JSON.stringify(doc);
}

function failure(text: string): string {
  try {
    parseKubernetesNodes(text, ORIGIN);
  } catch (err) {
    expect(err).toBeInstanceOf(FleetInputError);
    return (err as Error).message;
  }
  throw new Error('expected a FleetInputError');
}

describe('parseKubernetesNodes: AKS node list', () => {
  const { targets, warnings } = parse(fixture('aks-nodes'));

  it('makes one target per node, with resources from allocatable (1900m, Ki, plain bytes), never capacity', () => {
    expect(warnings).toEqual([]);
    expect(targets.map((t) => t.id)).toEqual([
      'aks-agentpool-30520393-vmss000000',
      'aks-agentpool-30520393-vmss000001',
      'aks-agentpool-30520393-vmss000002',
    ]);
    const first = targets[0]!;
    // capacity would give 2 cores, 8.3 GB and 133.0 GB
    expect(first.capabilities).toEqual({
      cpu: 1.9,
      memoryGb: 5.6,
      diskGb: 119.7,
      gpus: [],
      os: 'linux',
      arch: 'x64',
      network: true,
    });
    expect(first).toMatchObject({ type: 'kubernetes', hourlyRate: 0, instanceType: 'Standard_D2s_v3' });
    expect(first).not.toHaveProperty('unschedulable');
    expect(first).not.toHaveProperty('taints');
  });

  it('records where each target came from', () => {
    expect(targets[0]).toMatchObject({
      source: {
        kind: 'kubernetes',
        context: 'prod',
        file: 'nodes.json',
        importedAt: '2026-01-12T09:30:00.000Z',
        node: 'aks-agentpool-30520393-vmss000000',
      },
    });
  });

  it('keeps every label, as strings, empty ones included', () => {
    const labels = targets[0]!.labels!;
    expect(labels).toEqual((JSON.parse(fixture('aks-nodes')) as Doc).items[0]!['metadata'].labels);
    expect(Object.keys(labels)).toHaveLength(18);
    expect(labels['node-role.kubernetes.io/agent']).toBe('');
    expect(labels['topology.kubernetes.io/region']).toBe('southcentralus');
    expect(labels['topology.kubernetes.io/zone']).toBe('0');
  });

  it('says a cordoned node is cordoned, and keeps its taints', () => {
    expect(targets[1]).toMatchObject({
      unschedulable: 'cordoned',
      taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
    });
  });

  it('joins the reasons of a cordoned node whose kubelet stopped reporting, saying Unknown', () => {
    expect(targets[2]).toMatchObject({
      unschedulable: 'cordoned; not Ready (Unknown, NodeStatusUnknown: Kubelet stopped posting node status.)',
      taints: [
        { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
        { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
      ],
    });
  });
});

describe('parseKubernetesNodes: GPUs', () => {
  it('reads a vGPU from GPU Feature Discovery: A16-4Q with 4096 MiB is 4.3 GB, not the A16’s 16', () => {
    const { targets, warnings } = parse(fixture('k3s-a16-vgpu'));
    expect(warnings).toEqual([]);
    expect(targets[0]!.capabilities).toEqual({
      cpu: 2,
      memoryGb: 16.8,
      diskGb: 76,
      gpus: [{ vendor: 'nvidia', model: 'NVIDIA-A16-4Q', vramGb: 4.3, count: 1 }],
      os: 'linux',
      arch: 'x64',
      network: true,
    });
    // The compute capability has no capabilities field: it stays a label, for constraints to use.
    expect(targets[0]!.labels).toMatchObject({
      'nvidia.com/gpu.compute.major': '8',
      'nvidia.com/gpu.compute.minor': '6',
    });
    expect(targets[0]).toMatchObject({ id: 'vgpu-a16-01', instanceType: 'rke2' });
  });

  it('never guesses a vGPU profile’s memory from the whole GPU in the table', () => {
    const text = edited('k3s-a16-vgpu', (d) => delete d.items[0]!['metadata'].labels['nvidia.com/gpu.memory']);
    const { targets, warnings } = parse(text);
    expect(targets[0]!.capabilities!.gpus).toEqual([
      { vendor: 'nvidia', model: 'NVIDIA-A16-4Q', vramGb: null, count: 1 },
    ]);
    expect(warnings).toEqual([
      'node vgpu-a16-01: GPU "NVIDIA-A16-4Q" is a vGPU or MIG profile without a usable nvidia.com/gpu.memory label; VRAM unknown (the GPU table knows whole GPUs only)',
    ]);
  });

  const mixed = parse(fixture('gpu-mixed'));
  const gpusOf = (node: string) => byNode(mixed.targets, node).capabilities!.gpus;

  it('takes the model from a cloud accelerator label and its VRAM from the GPU table; keeps the GPU taint', () => {
    const t = byNode(mixed.targets, 'gke-ml-a100-pool-5f2c9a1b-x7k2');
    expect(t.capabilities).toMatchObject({ cpu: 95.69, memoryGb: 639.3, diskGb: 47.1 });
    expect(gpusOf('gke-ml-a100-pool-5f2c9a1b-x7k2')).toEqual([
      { vendor: 'nvidia', model: 'nvidia-tesla-a100', vramGb: 40, count: 8 },
    ]);
    expect(t).toMatchObject({
      instanceType: 'a2-highgpu-8g',
      taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
    });
    expect(t).not.toHaveProperty('unschedulable');
  });

  it('counts a time-sliced GPU once: gpu.count 1, not the 4 replicas allocatable offers', () => {
    expect(gpusOf('ip-10-0-12-34.ec2.internal')).toEqual([
      { vendor: 'nvidia', model: 'Tesla-T4', vramGb: 16.1, count: 1 },
    ]);
    expect(byNode(mixed.targets, 'ip-10-0-12-34.ec2.internal').labels!['nvidia.com/gpu.replicas']).toBe('4');
  });

  it('without gpu.count divides allocatable by the replicas, and ignores a gpu.memory that is not MiB', () => {
    expect(gpusOf('ip-10-0-12-35.ec2.internal')).toEqual([
      { vendor: 'nvidia', model: 'Tesla-T4', vramGb: 16, count: 1 },
    ]);
  });

  it('reads AMD labeller labels, VRAM as a quantity, the count from allocatable', () => {
    const t = byNode(mixed.targets, 'mi300x-node-01');
    expect(t.capabilities).toMatchObject({ cpu: 191.5, memoryGb: 2162.5, diskGb: 1500 });
    expect(gpusOf('mi300x-node-01')).toEqual([
      { vendor: 'amd', model: 'AMD_Instinct_MI300X_OAM', vramGb: 192, count: 8 },
    ]);
    expect(t.labels).toMatchObject({ 'amd.com/gpu.device-id': '74a1', 'beta.amd.com/gpu.family': 'AI' });
  });

  it('reports GPUs the device plugin offers without labels: model and VRAM unknown, never guessed', () => {
    expect(byNode(mixed.targets, 'bare-gpu-02').capabilities).toMatchObject({
      cpu: 31.8,
      memoryGb: 133.1,
      diskGb: 483.2,
      gpus: [{ vendor: 'nvidia', vramGb: null, count: 2 }],
    });
  });

  it('reports labelled GPUs whose allocatable count is 0, with a warning', () => {
    expect(gpusOf('l4-node-03')).toEqual([{ vendor: 'nvidia', model: 'NVIDIA-L4', vramGb: 24.2, count: 2 }]);
  });

  it('says what was odd, one line per thing, naming the node', () => {
    expect(mixed.warnings).toEqual([
      'node ip-10-0-12-35.ec2.internal: label nvidia.com/gpu.memory="16106127360" is not a size in MiB; ignored',
      'node bare-gpu-02: 2 NVIDIA GPUs in status.allocatable without GPU Feature Discovery labels; model and VRAM unknown',
      'node l4-node-03: labels say 2 NVIDIA GPUs but status.allocatable offers no nvidia.com/gpu; reported, but Kubernetes will not schedule a GPU pod there until the device plugin advertises them',
    ]);
  });

  it('warns about a GPU model it does not know, and about AMD GPUs only the device plugin reports', () => {
    const text = edited('gpu-mixed', (d) => {
      d.items[3]!['metadata'].labels = {};
      d.items[7]!['metadata'].labels['nvidia.com/gpu.product'] = 'NVIDIA-Mystery-9000';
      delete d.items[7]!['metadata'].labels['nvidia.com/gpu.memory'];
    });
    const { targets, warnings } = parse(text);
    expect(byNode(targets, 'mi300x-node-01').capabilities!.gpus).toEqual([{ vendor: 'amd', vramGb: null, count: 8 }]);
    expect(byNode(targets, 'l4-node-03').capabilities!.gpus).toEqual([
      { vendor: 'nvidia', model: 'NVIDIA-Mystery-9000', vramGb: null, count: 2 },
    ]);
    expect(warnings).toContain(
      'node mi300x-node-01: 8 AMD GPUs in status.allocatable without node labeller labels; model and VRAM unknown',
    );
    expect(warnings).toContain(
      'node l4-node-03: GPU "NVIDIA-Mystery-9000" has no nvidia.com/gpu.memory label and is not in the GPU table; VRAM unknown',
    );
  });
});

describe('parseKubernetesNodes: platform, readiness, shapes', () => {
  const mixed = parse(fixture('gpu-mixed'));

  it('normalises arm64 and says why a NotReady node is unusable, saying False', () => {
    const t = byNode(mixed.targets, 'ip-10-0-40-7.ec2.internal');
    expect(t.capabilities).toMatchObject({ cpu: 3.92, memoryGb: 15.5, diskGb: 18.2, os: 'linux', arch: 'arm64' });
    expect(t).toMatchObject({
      // the legacy beta label, when the current one is absent
      instanceType: 'm7g.xlarge',
      unschedulable:
        'not Ready (False, KubeletNotReady: container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized)',
      taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }],
    });
  });

  it('takes os and arch from nodeInfo when the node has no such labels', () => {
    expect(byNode(mixed.targets, 'akswin000000').capabilities).toEqual({
      cpu: 3.86,
      memoryGb: 13.2,
      diskGb: 137.2,
      gpus: [],
      os: 'windows',
      arch: 'x64',
      network: true,
    });
  });

  it('maps x86_64 and aarch64, and leaves an architecture it cannot express unknown, with a warning', () => {
    const text = edited('aks-nodes', (d) => {
      d.items[0]!['metadata'].labels['kubernetes.io/arch'] = 'x86_64';
      d.items[1]!['metadata'].labels['kubernetes.io/arch'] = 'aarch64';
      d.items[2]!['metadata'].labels['kubernetes.io/arch'] = 's390x';
    });
    const { targets, warnings } = parse(text);
    expect(targets.map((t) => t.capabilities!.arch)).toEqual(['x64', 'arm64', undefined]);
    expect(warnings).toEqual([
      'node aks-agentpool-30520393-vmss000002: architecture "s390x" is not x64 or arm64; left unknown',
    ]);
  });

  it('reads a single Node document (kubectl get node X -o json)', () => {
    const { targets, warnings } = parse(fixture('gcp-node'));
    expect(warnings).toEqual([]);
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({
      id: 'ci-worker-b-7x8mw',
      instanceType: 'n1-standard-4',
      capabilities: { cpu: 3.5, memoryGb: 14.6, diskGb: 122.1, os: 'linux', arch: 'x64', network: true },
    });
    expect(targets[0]!.labels!['topology.kubernetes.io/zone']).toBe('us-east1-b');
  });

  it('without allocatable leaves resources unknown, never taking capacity', () => {
    const text = edited('aks-nodes', (d) => delete d.items[0]!['status'].allocatable);
    const { targets, warnings } = parse(text);
    expect(targets[0]!.capabilities).toEqual({ os: 'linux', arch: 'x64', network: true });
    expect(warnings).toEqual([
      'node aks-agentpool-30520393-vmss000000: no status.allocatable; cpu, memory and disk unknown (capacity is not used: it includes what the node reserves for itself)',
    ]);
  });

  it('takes a node without a Ready condition as not Ready, and a bare number as a quantity', () => {
    const text = edited('gcp-node', (d) => {
      d['status'].conditions = [];
      d['status'].allocatable.cpu = 4;
    });
    const { targets } = parse(text);
    expect(targets[0]).toMatchObject({
      capabilities: { cpu: 4 },
      unschedulable: 'not Ready (no Ready condition reported)',
    });
  });

  it('gives distinct ids to node names that map to the same id', () => {
    const text = edited('aks-nodes', (d) => {
      d.items[0]!['metadata'].name = 'node:a';
      d.items[1]!['metadata'].name = 'node-a';
    });
    const { targets, warnings } = parse(text);
    expect(targets.map((t) => t.id)).toEqual(['node-a', 'node-a-2', 'aks-agentpool-30520393-vmss000002']);
    expect(warnings).toEqual(['node node-a: target id "node-a" is taken by node node:a; using "node-a-2"']);
  });

  it('leaves out a label the targets file could not hold, with a warning', () => {
    const long = edited('gcp-node', (d) => (d['metadata'].labels['team'] = 'y'.repeat(257)));
    const { targets, warnings } = parse(long.replace('"labels":{', '"labels":{"__proto__":"x",'));
    expect(targets[0]!.labels).not.toHaveProperty('team');
    expect(Object.getPrototypeOf(targets[0]!.labels)).toBe(Object.prototype);
    expect(warnings).toEqual([
      'node ci-worker-b-7x8mw: label "__proto__" left out (not a valid label key or value)',
      'node ci-worker-b-7x8mw: label "team" left out (not a valid label key or value)',
    ]);
  });

  it('reads an empty list, written either way, as no targets', () => {
    for (const items of ['[]', 'null'])
      expect(parse(`{"apiVersion":"v1","kind":"NodeList","items":${items}}`)).toEqual({
        targets: [],
        warnings: ['the node list is empty: no targets imported'],
      });
  });

  it('reads thousands of nodes', () => {
    const doc = JSON.parse(fixture('aks-nodes')) as Doc;
    const node = doc.items[0]!;
    doc.items = Array.from({ length: 3000 }, (_, i) => ({ ...node, metadata: { ...node['metadata'], name: `n${i}` } }));
    const { targets } = parseKubernetesNodes(JSON.stringify(doc), ORIGIN);
    expect(targets).toHaveLength(3000);
    expect(targets[2999]).toMatchObject({ id: 'n2999', capabilities: { cpu: 1.9, memoryGb: 5.6 } });
  });
});

describe('parseKubernetesNodes: input that is not a node list', () => {
  it('says where the text stops being JSON', () => {
    expect(failure('nodes: [')).toMatch(/^not kubectl get nodes -o json output: invalid JSON \(.+\)$/);
    const text = fixture('aks-nodes');
    expect(failure(text.slice(0, text.length / 2))).toMatch(/^not kubectl get nodes -o json output: invalid JSON/);
  });

  it('names the kind it got instead of nodes', () => {
    expect(failure('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"}}')).toBe(
      'not kubectl get nodes -o json output: expected kind List/NodeList or Node, got "Pod"',
    );
    expect(failure('{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"Pod"}]}')).toBe(
      'not kubectl get nodes -o json output: items[0] has kind "Pod", expected Node',
    );
    expect(failure('[]')).toBe('not kubectl get nodes -o json output: expected a JSON object, got an array');
    expect(failure('{"items":[]}')).toBe(
      'not kubectl get nodes -o json output: expected kind List/NodeList or Node, got nothing',
    );
  });

  it('says which field has the wrong type, and where', () => {
    const cases: [(d: Doc) => void, string][] = [
      [
        (d) => (d.items[2]!['status'].allocatable.memory = 'lots'),
        'items[2].status.allocatable.memory: expected a Kubernetes quantity, got "lots"',
      ],
      [
        (d) => (d.items[0]!['status'].allocatable.cpu = '-2'),
        'items[0].status.allocatable.cpu: expected a quantity ≥ 0, got "-2"',
      ],
      [
        (d) => (d.items[0]!['status'].allocatable['nvidia.com/gpu'] = '1500m'),
        'items[0].status.allocatable["nvidia.com/gpu"]: expected a whole number of GPUs, got "1500m"',
      ],
      [
        (d) => (d.items[1]!['status'].allocatable = ['cpu']),
        'items[1].status.allocatable: expected an object, got an array',
      ],
      [(d) => ((d as Record<string, unknown>)['items'] = {}), 'items: expected an array of nodes, got an object'],
      [(d) => (d.items[1] = 'node' as never), 'items[1]: expected a Node object, got "node"'],
      [(d) => delete d.items[0]!['metadata'].name, 'items[0].metadata.name: expected a node name, got nothing'],
      [
        (d) => (d.items[0]!['metadata'].labels.agentpool = { a: 1 }),
        'items[0].metadata.labels.agentpool: expected a label value, got an object',
      ],
      [
        (d) => (d.items[0]!['spec'].unschedulable = 'yes'),
        'items[0].spec.unschedulable: expected true or false, got "yes"',
      ],
      [
        (d) => (d.items[1]!['spec'].taints[0].effect = 'NoWay'),
        'items[1].spec.taints[0].effect: expected NoSchedule | PreferNoSchedule | NoExecute, got "NoWay"',
      ],
      [
        (d) => (d.items[0]!['status'].conditions = [null]),
        'items[0].status.conditions[0]: expected a condition object, got null',
      ],
      [
        (d) => (d.items[0]!['status'].nodeInfo.operatingSystem = 7),
        'items[0].status.nodeInfo.operatingSystem: expected a string, got 7',
      ],
    ];
    for (const [edit, message] of cases) {
      // Without the labels, os and arch are read from nodeInfo, so that case reaches its field.
      const text = edited('aks-nodes', (d) => {
        if (message.includes('nodeInfo')) d.items[0]!['metadata'].labels = {};
        edit(d);
      });
      expect(failure(text)).toBe(message);
    }
  });
});
