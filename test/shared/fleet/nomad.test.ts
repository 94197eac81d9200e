import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseNomadNodes } from '../../../shared/fleet/nomad.js';
import { FleetInputError } from '../../../shared/fleet/types.js';
import { targetList, type Target } from '../../../shared/schema/targets.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/fleet/nomad/${name}`, import.meta.url)), 'utf8');
const origin = { address: 'http://nomad.lab:4646', importedAt: '2026-03-02T10:30:00Z' };
const byId = (targets: Target[]) => new Map(targets.map((t) => [t.id, t]));

/** A one-node list around the given fields, as `/v1/nodes?resources=true` writes a node. */
function oneNode(fields: Record<string, unknown>): string {
  return JSON.stringify([
    { Name: 'n1', Datacenter: 'dc1', Status: 'ready', SchedulingEligibility: 'eligible', ...fields },
  ]);
}

function errorOf(text: string): FleetInputError {
  try {
    parseNomadNodes(text, origin);
  } catch (err) {
    if (err instanceof FleetInputError) return err;
    throw err;
  }
  throw new Error('expected a FleetInputError');
}

describe('parseNomadNodes: /v1/nodes?resources=true', () => {
  const { targets, warnings } = parseNomadNodes(fixture('nodes-resources.json'), origin);
  const t = byId(targets);

  it('makes one nomad target per node, each a valid target', () => {
    expect(targets.map((x) => x.id)).toEqual([
      'gpu-a100-1',
      'cpu-down-2',
      'cpu-drain-3',
      'cpu-ineligible-4',
      'mi210-5',
    ]);
    expect(targetList.parse(targets)).toHaveLength(5);
  });

  it('subtracts reserved memory, disk and cores, and reads typed device memory in MiB', () => {
    expect(t.get('gpu-a100-1')).toEqual({
      id: 'gpu-a100-1',
      type: 'nomad',
      // NodeClass "gpu", NodePool "gpu"; a stub carries no Meta.
      labels: { datacenter: 'dc1', node_class: 'gpu', node_pool: 'gpu' },
      capabilities: {
        cpu: 30, // TotalCpuCores 32 less ReservedCpuCores [0, 1]
        memoryGb: 266.1, // (257851 − 4096) MiB
        diskGb: 1947.7, // (1877930 − 20480) MiB
        // memory {Int: 81920, Unit: MiB} = 85.9 GB; all four devices counted, the unhealthy one too.
        gpus: [{ vendor: 'nvidia', model: 'NVIDIA A100-SXM4-80GB', vramGb: 85.9, count: 4 }],
      },
      source: {
        kind: 'nomad',
        address: 'http://nomad.lab:4646',
        importedAt: '2026-03-02T10:30:00Z',
        node: 'gpu-a100-1',
      },
      hourlyRate: 0,
    });
    expect(warnings).toEqual([
      'node gpu-a100-1: 1 of 4 nvidia/gpu/NVIDIA A100-SXM4-80GB devices unhealthy (XID 79: GPU has fallen off the bus); counted',
    ]);
  });

  it('says why a node is not schedulable: down, ineligible, draining, initializing', () => {
    const why = targets.map((x) => [x.id, x.type === 'nomad' ? x.unschedulable : 'not nomad']);
    expect(why).toEqual([
      ['gpu-a100-1', undefined],
      ['cpu-down-2', 'down'],
      ['cpu-drain-3', 'ineligible; draining'],
      ['cpu-ineligible-4', 'ineligible'],
      ['mi210-5', 'initializing'],
    ]);
    expect(t.get('gpu-a100-1')).not.toHaveProperty('unschedulable');
  });

  it('reads memory with reservations, GiB device memory and os.name without kernel.name', () => {
    expect(t.get('cpu-down-2')?.capabilities).toEqual({ cpu: 8, memoryGb: 33.4, diskGb: 102 });
    expect(t.get('cpu-drain-3')?.capabilities).toEqual({ cpu: 16, memoryGb: 66.1, diskGb: 209.7 });
    expect(t.get('cpu-drain-3')?.labels).toEqual({ datacenter: 'dc2', node_class: 'batch', node_pool: 'default' });
    // os.name "ubuntu" is a Linux distribution; the stub has no cpu.arch.
    expect(t.get('cpu-ineligible-4')?.capabilities).toEqual({ cpu: 4, memoryGb: 16.8, diskGb: 51, os: 'linux' });
    expect(t.get('mi210-5')?.capabilities).toEqual({
      cpu: 64,
      memoryGb: 537.9,
      diskGb: 943.7,
      gpus: [{ vendor: 'amd', model: 'Instinct MI210', vramGb: 68.7, count: 2 }], // 64 GiB
    });
    // An empty NodeClass and NodePool are no labels.
    expect(t.get('mi210-5')?.labels).toEqual({ datacenter: 'dc3' });
  });
});

describe('parseNomadNodes: /v1/node/:id documents', () => {
  const { targets, warnings } = parseNomadNodes(fixture('node-docs.json'), origin);
  const t = byId(targets);

  it('reads units of each device, the GPU table when a device has no memory, and skips non-GPU devices', () => {
    expect(targetList.parse(targets)).toHaveLength(2);
    expect(t.get('edge-t4-1')?.capabilities).toEqual({
      cpu: 80, // no TotalCpuCores: attribute cpu.numcores
      cpuModel: 'Neoverse-N1',
      memoryGb: 269.5,
      diskGb: 450.9,
      gpus: [
        { vendor: 'nvidia', model: 'Tesla T4', vramGb: 16.1, count: 2 }, // 15360 MiB
        { vendor: 'nvidia', model: 'Tesla K80', vramGb: 12, count: 1 }, // GPU table
        { vendor: 'nvidia', model: 'Tesla P100-PCIE-16GB', vramGb: 16, count: 1 }, // 16000 MB
      ],
      os: 'linux',
      arch: 'arm64',
    });
  });

  it('makes every Meta key a label, and datacenter, node class and pool win over them', () => {
    expect(t.get('edge-t4-1')?.labels).toEqual({
      rack: 'r12',
      'connect.log_level': 'info',
      datacenter: 'edge-east',
      node_class: 'edge',
      node_pool: 'default',
    });
    expect(warnings).toEqual(['node edge-t4-1: meta "gpu tier" cannot be a label (key or value); left out']);
  });

  it('reads a Windows node: kernel.name windows, cpu.arch amd64', () => {
    expect(t.get('win-build-2')?.capabilities).toEqual({
      cpu: 12,
      cpuModel: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz',
      memoryGb: 31.4,
      diskGb: 115.3,
      os: 'windows',
      arch: 'x64',
    });
  });

  it('reads one document on its own', () => {
    const docs = JSON.parse(fixture('node-docs.json')) as unknown[];
    const one = parseNomadNodes(JSON.stringify(docs[1]), origin);
    expect(one.targets.map((x) => x.id)).toEqual(['win-build-2']);
  });
});

describe('parseNomadNodes: device attributes and odd nodes', () => {
  const gpuNode = (memory: unknown, name = 'Tesla V100-SXM2-32GB', vendor = 'nvidia') =>
    oneNode({
      NodeResources: {
        Devices: [
          {
            Vendor: vendor,
            Type: 'gpu',
            Name: name,
            Attributes: memory === undefined ? {} : { memory },
            Instances: [{ ID: 'g0', Healthy: true }],
          },
        ],
      },
    });
  const vram = (memory: unknown, name?: string) =>
    parseNomadNodes(gpuNode(memory, name), origin).targets[0]?.capabilities?.gpus?.[0]?.vramGb;

  it('honours every byte unit, Int or Float', () => {
    expect(vram({ Int: 32768, Unit: 'MiB' })).toBe(34.4);
    expect(vram({ Float: 1.5, Unit: 'GiB' })).toBe(1.6);
    expect(vram({ Int: 24, Unit: 'GB' })).toBe(24);
    expect(vram({ Int: 33554432, Unit: 'KiB' })).toBe(34.4);
    expect(vram({ Int: 34359738368, Unit: 'B' })).toBe(34.4);
    expect(vram({ Int: 1, Unit: 'TiB' })).toBe(1099.5);
  });

  it('falls back to the GPU table when memory is not a byte size, and says so', () => {
    const r = parseNomadNodes(gpuNode({ Int: 300, Unit: 'W' }), origin);
    expect(r.targets[0]?.capabilities?.gpus).toEqual([
      { vendor: 'nvidia', model: 'Tesla V100-SXM2-32GB', vramGb: 32, count: 1 },
    ]);
    expect(r.warnings).toEqual([
      'node n1: nvidia/gpu/Tesla V100-SXM2-32GB memory {"Int":300,"Unit":"W"} is not a byte size; from the GPU table',
    ]);
  });

  it('keeps a GPU the table does not know with unknown VRAM, and says so', () => {
    const r = parseNomadNodes(gpuNode(undefined, 'Mystery Accelerator 9'), origin);
    expect(r.targets[0]?.capabilities?.gpus).toEqual([
      { vendor: 'nvidia', model: 'Mystery Accelerator 9', vramGb: null, count: 1 },
    ]);
    expect(r.warnings).toEqual(['node n1: nvidia/gpu/Mystery Accelerator 9 has no known VRAM']);
  });

  it('leaves out a GPU of a vendor it does not know', () => {
    const r = parseNomadNodes(gpuNode({ Int: 1024, Unit: 'MB' }, 'modelA', 'hashicorp'), origin);
    expect(r.targets[0]?.capabilities).toEqual({});
    expect(r.warnings).toEqual([
      'node n1: GPU hashicorp/gpu/modelA is from a vendor the project does not know; left out',
    ]);
  });

  it('normalises architectures and keeps the id rules', () => {
    const r = parseNomadNodes(
      JSON.stringify([
        { Name: 'arm #1', Attributes: { 'cpu.arch': 'aarch64', 'kernel.name': 'linux' } },
        { Name: 'arm @1', Attributes: { 'cpu.arch': 'x86_64', 'kernel.name': 'darwin' } },
        { Name: 'bsd', Attributes: { 'os.name': 'freebsd', 'cpu.arch': 'riscv64' } },
      ]),
      origin,
    );
    expect(r.targets.map((x) => [x.id, x.capabilities])).toEqual([
      ['arm--1', { os: 'linux', arch: 'arm64' }],
      ['arm--1-2', { os: 'macos', arch: 'x64' }],
      ['bsd', {}],
    ]);
    expect(r.targets.map((x) => (x.type === 'nomad' ? x.source.node : ''))).toEqual(['arm #1', 'arm @1', 'bsd']);
  });

  it('reads an empty list as no targets', () => {
    expect(parseNomadNodes('[]', origin)).toEqual({ targets: [], warnings: [] });
  });
});

describe('parseNomadNodes: bad input', () => {
  it('says where the docs-sample trap (a missing comma) stops being JSON, in one line', () => {
    const err = errorOf(fixture('node-doc-invalid.json'));
    expect(err.message).toMatch(
      /^not a Nomad node list: invalid JSON \(Expected ',' or '}' after property value in JSON at position 513/,
    );
    expect(err.message).toMatch(/line 27 column 3\)+$/);
    expect(err.message).not.toContain('\n');
  });

  it('names what is wrong and where', () => {
    expect(errorOf('{"nodes": []}').message).toBe(
      'not a Nomad node list: expected an array of nodes (/v1/nodes?resources=true) or a /v1/node/:id document, got an object',
    );
    expect(errorOf('[1]').message).toBe('[0]: expected a node object, got 1');
    expect(errorOf('[{"ID": "x"}]').message).toBe("[0].Name: expected the node's name");
    expect(errorOf('[{"Name": 5}]').message).toBe('[0].Name: expected a string, got 5');
    expect(errorOf(oneNode({ NodeResources: { Memory: { MemoryMB: 'lots' } } })).message).toBe(
      '[0].NodeResources.Memory.MemoryMB: expected a number ≥ 0, got "lots"',
    );
    expect(errorOf(oneNode({ NodeResources: { Devices: {} } })).message).toBe(
      '[0].NodeResources.Devices: expected an array',
    );
    expect(errorOf('').message).toMatch(/^not a Nomad node list: invalid JSON \(/);
  });
});
