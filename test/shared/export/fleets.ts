/**
 * Hand-written fleets of each scheduler, shaped as the importers write them (labels, taints,
 * `source`), and a way to run the real engine over them before exporting.
 */
import { place } from '../../../shared/engine/place.js';
import { emitPlacement, type EmitFormat, type Emitted } from '../../../shared/export/index.js';
import type { PlacementResult } from '../../../shared/schema/result.js';
import type { Target, TargetInput } from '../../../shared/schema/targets.js';
import { optionsOf, run, targetsOf, taskOf } from '../inputs.js';

const importedAt = '2025-06-01T12:00:00Z';
const linux = { os: 'linux', arch: 'x64', network: true, tools: { python3: '3.11.7' } } as const;

function kube(node: string, labels: Record<string, string>, rest: Partial<TargetInput> = {}): TargetInput {
  return {
    id: `k-${node}`,
    type: 'kubernetes',
    source: { kind: 'kubernetes', context: 'prod', node, importedAt },
    labels: { 'kubernetes.io/hostname': node, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', ...labels },
    ...rest,
  } as TargetInput;
}

const gpuTaint = [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' as const }];

/** Five nodes: A10G and A100 (tainted), T4, a CPU node and a cordoned one. */
export function kubernetesFleet(): Target[] {
  return targetsOf(
    kube(
      'gpu-a10g',
      { 'nvidia.com/gpu.product': 'NVIDIA-A10G', 'nvidia.com/gpu.memory': '23028' },
      {
        taints: gpuTaint,
        capabilities: {
          cpu: 8,
          memoryGb: 32,
          diskGb: 100,
          gpus: [{ vendor: 'nvidia', model: 'A10G', vramGb: 24.1 }],
          ...linux,
        },
      },
    ),
    kube(
      'gpu-a100',
      { 'nvidia.com/gpu.product': 'NVIDIA-A100-SXM4-80GB', 'nvidia.com/gpu.memory': '81920' },
      {
        taints: gpuTaint,
        capabilities: {
          cpu: 32,
          memoryGb: 256,
          diskGb: 500,
          gpus: [{ vendor: 'nvidia', model: 'A100 80GB', vramGb: 85.9, count: 4 }],
          ...linux,
        },
      },
    ),
    kube(
      'gpu-t4',
      { 'nvidia.com/gpu.product': 'Tesla-T4', 'nvidia.com/gpu.memory': '15360' },
      {
        capabilities: {
          cpu: 4,
          memoryGb: 16,
          diskGb: 100,
          gpus: [{ vendor: 'nvidia', model: 'T4', vramGb: 16.1 }],
          ...linux,
        },
      },
    ),
    kube(
      'cpu-1',
      {},
      {
        capabilities: {
          cpu: 16,
          memoryGb: 64,
          diskGb: 200,
          gpus: [],
          ...linux,
          tools: { docker: '27.1.1', python3: '3.11.7' },
        },
      },
    ),
    kube(
      'cpu-2',
      {},
      { unschedulable: 'cordoned', capabilities: { cpu: 16, memoryGb: 64, diskGb: 200, gpus: [], ...linux } },
    ),
  );
}

function slurm(node: string, labels: Record<string, string>, rest: Partial<TargetInput>): TargetInput {
  return {
    id: `s-${node}`,
    type: 'slurm',
    source: { kind: 'slurm', cluster: 'hpc', node, importedAt },
    labels,
    ...rest,
  } as TargetInput;
}

/** A gpu partition (A100s; H100s and H200s on one node) and a cpu partition with a drained and an arm64 node. */
export function slurmFleet(): Target[] {
  return targetsOf(
    slurm(
      'gpu01',
      { partition: 'gpu', nvme: 'true' },
      {
        capabilities: {
          cpu: 64,
          memoryGb: 512,
          diskGb: 800,
          gpus: [{ vendor: 'nvidia', model: 'a100', vramGb: 40, count: 4 }],
          ...linux,
        },
      },
    ),
    slurm(
      'gpu02',
      { partition: 'gpu' },
      {
        capabilities: {
          cpu: 64,
          memoryGb: 1024,
          diskGb: 800,
          gpus: [
            { vendor: 'nvidia', model: 'h100', vramGb: 80, count: 2 },
            { vendor: 'nvidia', model: 'h200', vramGb: 141, count: 4 },
          ],
          ...linux,
        },
      },
    ),
    slurm(
      'cpu01',
      { partition: 'cpu', 'partition.debug': 'true', nvme: 'true' },
      { capabilities: { cpu: 32, memoryGb: 128, diskGb: 400, gpus: [], ...linux } },
    ),
    slurm(
      'cpu02',
      { partition: 'cpu', 'partition.debug': 'true' },
      {
        unschedulable: 'DRAIN (Reason=maintenance)',
        capabilities: { cpu: 32, memoryGb: 128, diskGb: 400, gpus: [], ...linux },
      },
    ),
    slurm(
      'cpu03',
      { partition: 'cpu' },
      { capabilities: { cpu: 8, memoryGb: 32, diskGb: 100, gpus: [], ...linux, arch: 'arm64' } },
    ),
  );
}

function nomad(node: string, labels: Record<string, string>, rest: Partial<TargetInput>): TargetInput {
  return {
    id: `n-${node}`,
    type: 'nomad',
    source: { kind: 'nomad', address: 'http://127.0.0.1:4646', node, importedAt },
    labels,
    ...rest,
  } as TargetInput;
}

/** Two GPU nodes in two datacenters, a CPU node and an arm64 one. */
export function nomadFleet(): Target[] {
  return targetsOf(
    nomad(
      'gpu-1',
      { datacenter: 'dc1', 'node.class': 'gpu', 'meta.rack': 'r1', team: 'ml' },
      {
        capabilities: {
          cpu: 8,
          memoryGb: 32,
          diskGb: 200,
          gpus: [{ vendor: 'nvidia', model: 'A10G', vramGb: 24.1 }],
          ...linux,
        },
      },
    ),
    nomad(
      'gpu-2',
      { datacenter: 'dc2', 'node.class': 'gpu' },
      {
        capabilities: {
          cpu: 8,
          memoryGb: 32,
          diskGb: 200,
          gpus: [{ vendor: 'nvidia', model: 'T4', vramGb: 16.1 }],
          ...linux,
        },
      },
    ),
    nomad(
      'cpu-1',
      { datacenter: 'dc1', 'node.class': 'cpu', team: 'ml' },
      { capabilities: { cpu: 16, memoryGb: 64, diskGb: 400, gpus: [], ...linux } },
    ),
    nomad(
      'arm-1',
      { datacenter: 'dc1', 'node.class': 'cpu' },
      { capabilities: { cpu: 16, memoryGb: 64, diskGb: 400, gpus: [], ...linux, arch: 'arm64' } },
    ),
  );
}

function cloud(id: string, rest: Partial<TargetInput>): TargetInput {
  return { id, type: 'cloud', provider: 'aws', ...rest } as TargetInput;
}

const g5 = {
  cpu: 4,
  memoryGb: 16,
  diskGb: 250,
  gpus: [{ vendor: 'nvidia', model: 'A10G', vramGb: 24 }],
  ...linux,
};

/** Cloud instance types as a catalog import writes them: on-demand and spot, GPU and CPU. */
export function cloudFleet(): Target[] {
  return targetsOf(
    cloud('g5.xlarge.us-east-1', {
      instanceType: 'g5.xlarge',
      hourlyRate: 1.006,
      labels: { region: 'us-east-1' },
      capabilities: g5,
    }),
    cloud('g5.xlarge-spot.us-east-1', {
      instanceType: 'g5.xlarge',
      hourlyRate: 0.45,
      labels: { region: 'us-east-1', zone: 'us-east-1a', spot: 'true' },
      capabilities: g5,
    }),
    cloud('p4d.24xlarge.us-east-1', {
      instanceType: 'p4d.24xlarge',
      hourlyRate: 32.77,
      labels: { region: 'us-east-1' },
      capabilities: {
        cpu: 96,
        memoryGb: 1152,
        diskGb: 8000,
        gpus: [{ vendor: 'nvidia', model: 'A100', vramGb: 40, count: 8 }],
        ...linux,
      },
    }),
    cloud('n2-standard-8.us-central1', {
      provider: 'gcp',
      instanceType: 'n2-standard-8',
      hourlyRate: 0.39,
      labels: { region: 'us-central1' },
      capabilities: { cpu: 8, memoryGb: 32, diskGb: 100, gpus: [], ...linux },
    }),
  );
}

/** A laptop that `auto` prefers whenever it is eligible. */
export function laptop(): Target[] {
  return targetsOf({
    id: 'local',
    type: 'local',
    capabilities: { cpu: 8, memoryGb: 16, diskGb: 200, gpus: [], ...linux },
  });
}

/** Places the task with the real engine, then exports the decision. */
export function placeAndEmit(
  format: EmitFormat,
  task: Record<string, unknown>,
  targets: Target[],
  pinned: boolean,
  options: Parameters<typeof optionsOf>[0] = {},
): { emitted: Emitted; result: PlacementResult; eligible: string[] } {
  const file = taskOf(task);
  if (!('task' in file)) throw new Error('expected a task');
  const result = place(file, targets, optionsOf(options), run) as PlacementResult;
  const emitted = emitPlacement(format, { task: file.task, result, targets, pinned });
  return { emitted, result, eligible: result.scores.filter((s) => s.eligible).map((s) => s.targetId) };
}

/** The same, returning the error an export throws. */
export function emitError(
  format: EmitFormat,
  task: Record<string, unknown>,
  targets: Target[],
  pinned: boolean,
  options: Parameters<typeof optionsOf>[0] = {},
): unknown {
  try {
    placeAndEmit(format, task, targets, pinned, options);
  } catch (err) {
    return err;
  }
  throw new Error('expected the export to throw');
}

/** The comment lines of an export's text, without `# `. */
export function comments(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('# '))
    .map((l) => l.slice(2));
}
