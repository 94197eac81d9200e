import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSlurmNodes } from '../../../shared/fleet/slurm.js';
import { FleetInputError, type SourceOrigin } from '../../../shared/fleet/types.js';
import { targetList, type Target } from '../../../shared/schema/targets.js';

const AT = '2026-11-29T10:00:00Z';
const origin: SourceOrigin = { importedAt: AT, file: 'nodes.json' };
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/fleet/slurm/${name}`, import.meta.url), 'utf8');

function byId(targets: Target[]): Record<string, Target> {
  return Object.fromEntries(targets.map((t) => [t.id, t]));
}

function inputError(text: string): string {
  try {
    parseSlurmNodes(text, origin);
  } catch (err) {
    expect(err).toBeInstanceOf(FleetInputError);
    return (err as Error).message;
  }
  throw new Error('expected a FleetInputError');
}

const linux = { os: 'linux', arch: 'x64', network: true } as const;

describe('scontrol show nodes --json (Slurm 24.11, slurmrestd v0.0.41)', () => {
  const result = parseSlurmNodes(fixture('scontrol-nodes-24.11.json'), origin);
  const t = byId(result.targets);

  it('gives one valid slurm target per node, in order', () => {
    expect(result.targets.map((x) => x.id)).toEqual(['cpu1', 'cpu2', 'cpu3', 'gpu1', 'gpu2', 'gpu3', 'arm1']);
    expect(() => targetList.parse(result.targets)).not.toThrow();
  });

  it('reads a GPU node in full: effective CPUs, MiB → GB, socket suffix and shards dropped', () => {
    expect(t['gpu2']).toEqual({
      id: 'gpu2',
      type: 'slurm',
      source: { kind: 'slurm', importedAt: AT, file: 'nodes.json', node: 'gpu2', cluster: 'hpc' },
      hourlyRate: 0,
      capabilities: {
        cpu: 60,
        physical: { cpu: 64 },
        memoryGb: 540,
        diskGb: 1000,
        gpus: [{ vendor: 'nvidia', model: 'A100 40GB', vramGb: 40, count: 4 }],
        ...linux,
      },
      labels: {
        partition: 'gpu',
        'partition.gpu': 'true',
        'partition.debug': 'true',
        'slurm.gres': 'gpu:a100:4(S:0-1),shard:8',
        'slurm.state': 'IDLE',
      },
    });
  });

  it('gives one device per GPU type on a mixed node, and features as labels', () => {
    expect(t['gpu1']!.capabilities).toEqual({
      cpu: 128,
      memoryGb: 1081.1,
      diskGb: 2000,
      gpus: [
        { vendor: 'nvidia', model: 'H100 PCIe', vramGb: 80, count: 2 },
        { vendor: 'nvidia', model: 'H200', vramGb: 141, count: 4 },
      ],
      ...linux,
    });
    expect(t['gpu1']!.labels).toEqual({
      hopper: 'true',
      nvlink: 'true',
      partition: 'gpu',
      'partition.gpu': 'true',
      'slurm.gres': 'gpu:h100:2,gpu:h200:4',
      'slurm.state': 'MIXED',
    });
  });

  it('keeps busy nodes usable and says why the others are not', () => {
    const why = (id: string) => (t[id] as { unschedulable?: string }).unschedulable;
    expect(why('cpu1')).toBeUndefined();
    expect(why('gpu1')).toBeUndefined();
    expect(why('cpu2')).toBe('DRAIN (Reason=ECC memory error)');
    expect(why('cpu3')).toBe('DOWN (Reason=psu: state=failed, replace unit 2)');
    expect(why('gpu3')).toBe('UNKNOWN+NOT_RESPONDING');
    expect(t['cpu2']!.labels).toEqual({
      skylake: 'true',
      ib: 'true',
      partition: 'standard',
      'partition.standard': 'true',
      'partition.debug': 'true',
      'slurm.state': 'IDLE+DRAIN',
    });
  });

  it('leaves unknown what a node that never registered does not say, and TmpDisk 0 unknown', () => {
    expect(t['gpu3']!.capabilities).toEqual({
      cpu: 32,
      memoryGb: 134.2,
      gpus: [{ vendor: 'nvidia', model: 'mystery', vramGb: null, count: 2 }],
      network: true,
    });
    expect(t['cpu1']!.capabilities).toEqual({ cpu: 64, memoryGb: 269.5, gpus: [], ...linux });
  });

  it('normalises aarch64 and reads a Grace Hopper node', () => {
    expect(t['arm1']!.capabilities).toEqual({
      cpu: 72,
      memoryGb: 503.3,
      gpus: [{ vendor: 'nvidia', model: 'GH200 96GB', vramGb: 96, count: 1 }],
      os: 'linux',
      arch: 'arm64',
      network: true,
    });
  });

  it('warns once, naming the node, about the GPU type it does not know', () => {
    expect(result.warnings).toEqual([
      `GPU "h100": 'h100' could be H100 PCIe, H100 SXM or H100 NVL: assumed H100 PCIe (the smaller figures); name the model in full to be sure`,
      `GPU "a100": 'a100' could be A100 40GB or A100 80GB: assumed A100 40GB (the smaller figures); name the model in full to be sure`,
      'node gpu3: GPU type "mystery" (GRES "gpu:mystery:2") is not in the GPU table; VRAM unknown, vendor taken as nvidia',
      `GPU "gh200": 'gh200' could be GH200 96GB or GH200 144GB: assumed GH200 96GB (the smaller figures); name the model in full to be sure`,
    ]);
  });

  it('keeps the cluster the origin names over the one in the document', () => {
    const named = parseSlurmNodes(fixture('scontrol-nodes-24.11.json'), { importedAt: AT, cluster: 'prod' });
    expect(named.targets[0]!.type === 'slurm' && named.targets[0]!.source).toEqual({
      kind: 'slurm',
      importedAt: AT,
      cluster: 'prod',
      node: 'cpu1',
    });
  });
});

describe('sinfo --json (Slurm 21.08–22.05)', () => {
  const result = parseSlurmNodes(fixture('sinfo-21.08.json'), origin);
  const t = byId(result.targets);
  const why = (id: string) => (t[id] as { unschedulable?: string }).unschedulable;

  it('gives one valid target per node, with no cluster when neither says one', () => {
    expect(result.targets.map((x) => x.id)).toEqual([
      'cs1.example.org',
      'cs2.example.org',
      'cs3.example.org',
      'cs4.example.org',
      'cs5.example.org',
    ]);
    expect(() => targetList.parse(result.targets)).not.toThrow();
    expect(t['cs1.example.org']!.type === 'slurm' && t['cs1.example.org']!.source).toEqual({
      kind: 'slurm',
      importedAt: AT,
      file: 'nodes.json',
      node: 'cs1.example.org',
    });
  });

  it('reads GRES with a socket suffix and MPS, comma-list features and two partitions', () => {
    expect(t['cs1.example.org']!.capabilities).toEqual({
      cpu: 64,
      memoryGb: 524.3,
      gpus: [{ vendor: 'nvidia', model: 'A100 40GB', vramGb: 40, count: 8 }],
      ...linux,
    });
    expect(t['cs1.example.org']!.labels).toEqual({
      a100: 'true',
      nvlink: 'true',
      partition: 'hw',
      'partition.hw': 'true',
      'partition.gpu': 'true',
      'slurm.gres': 'gpu:a100:8(S:0-1),mps:20',
      'slurm.state': 'MIXED',
    });
    expect(why('cs1.example.org')).toBeUndefined();
  });

  it('joins the state and its flags: idle + DRAIN, mixed + DRAIN, down + NOT_RESPONDING', () => {
    expect(why('cs2.example.org')).toBe('DRAIN (Reason=maint: fan=broken)');
    expect(t['cs2.example.org']!.labels!['slurm.state']).toBe('IDLE+DRAIN');
    expect(why('cs5.example.org')).toBe('DRAIN (Reason=reboot for kernel update)');
    expect(t['cs5.example.org']!.labels!['slurm.state']).toBe('MIXED+DRAIN');
    expect(why('cs4.example.org')).toBe('DOWN+NOT_RESPONDING (Reason=Not responding)');
    expect(why('cs3.example.org')).toBeUndefined();
  });

  it('reads several GPU types, non-GPU GRES, a zero count and an untyped count', () => {
    const gpus = (id: string) => t[id]!.capabilities!.gpus;
    expect(gpus('cs2.example.org')).toEqual([
      { vendor: 'nvidia', model: 'A100 40GB', vramGb: 40, count: 4 },
      { vendor: 'nvidia', model: 'H100 PCIe', vramGb: 80, count: 2 },
    ]);
    expect(gpus('cs3.example.org')).toEqual([]);
    expect(t['cs3.example.org']!.capabilities!.diskGb).toBe(419.4);
    expect(gpus('cs5.example.org')).toEqual([]);
    expect(gpus('cs4.example.org')).toEqual([{ vendor: 'nvidia', vramGb: null, count: 8 }]);
    expect(result.warnings).toEqual([
      `GPU "a100": 'a100' could be A100 40GB or A100 80GB: assumed A100 40GB (the smaller figures); name the model in full to be sure`,
      `GPU "h100": 'h100' could be H100 PCIe, H100 SXM or H100 NVL: assumed H100 PCIe (the smaller figures); name the model in full to be sure`,
      'node cs4.example.org: GRES "gpu:8" names no GPU model; taken as 8 nvidia GPUs, VRAM unknown',
    ]);
  });
});

describe('scontrol show nodes -o (text, Slurm 22.05)', () => {
  const result = parseSlurmNodes(fixture('scontrol-nodes-o-22.05.txt'), { importedAt: AT, cluster: 'lab' });
  const t = byId(result.targets);
  const why = (id: string) => (t[id] as { unschedulable?: string }).unschedulable;

  it('gives one valid target per line', () => {
    expect(result.targets.map((x) => x.id)).toEqual(['n1', 'n2', 'n3', 'n4', 'a1']);
    expect(() => targetList.parse(result.targets)).not.toThrow();
  });

  it('reads a drained GPU node whose OS holds spaces and # and whose reason holds =', () => {
    expect(t['n1']).toEqual({
      id: 'n1',
      type: 'slurm',
      source: { kind: 'slurm', importedAt: AT, cluster: 'lab', node: 'n1' },
      hourlyRate: 0,
      capabilities: {
        cpu: 8,
        memoryGb: 67.1,
        diskGb: 104.9,
        gpus: [{ vendor: 'nvidia', model: 'A100 40GB', vramGb: 40, count: 4 }],
        ...linux,
      },
      labels: {
        a100: 'true',
        ib: 'true',
        partition: 'gpu',
        'partition.gpu': 'true',
        'partition.debug': 'true',
        'slurm.gres': 'gpu:a100:4(S:0)',
        'slurm.state': 'IDLE+DRAIN',
      },
      unschedulable: 'DRAIN (Reason=maint: fan=broken)',
    });
  });

  it('reads CPUEfctv, mixed GRES with sockets written 0,1, and ignores MPS', () => {
    expect(t['n2']!.capabilities).toEqual({
      cpu: 62,
      physical: { cpu: 64 },
      memoryGb: 540,
      diskGb: 2000,
      gpus: [
        { vendor: 'nvidia', model: 'H100 PCIe', vramGb: 80, count: 2 },
        { vendor: 'nvidia', model: 'L40S', vramGb: 48, count: 4 },
      ],
      ...linux,
    });
    expect(why('n2')).toBeUndefined();
  });

  it('ends a reason at the next key, keeping its = and spaces and dropping who set it', () => {
    expect(why('n3')).toBe('DOWN (Reason=bad DIMM: slot=B2 errors=412)');
    expect(t['n3']!.capabilities).toEqual({ cpu: 16, memoryGb: 33.6, gpus: [], ...linux });
    expect(t['n3']!.labels).toEqual({ partition: 'debug', 'partition.debug': 'true', 'slurm.state': 'DOWN' });
  });

  it('reads a node with no slurmd: no OS or Arch, an untyped GPU count, UNKNOWN+NOT_RESPONDING', () => {
    expect(t['n4']!.capabilities).toEqual({
      cpu: 4,
      memoryGb: 8.4,
      gpus: [{ vendor: 'nvidia', vramGb: null, count: 2 }],
      network: true,
    });
    expect(why('n4')).toBe('UNKNOWN+NOT_RESPONDING');
    expect(result.warnings).toEqual([
      `GPU "a100": 'a100' could be A100 40GB or A100 80GB: assumed A100 40GB (the smaller figures); name the model in full to be sure`,
      `GPU "h100": 'h100' could be H100 PCIe, H100 SXM or H100 NVL: assumed H100 PCIe (the smaller figures); name the model in full to be sure`,
      'node n4: GRES "gpu:2" names no GPU model; taken as 2 nvidia GPUs, VRAM unknown',
    ]);
  });

  it('reads an aarch64 node that is busy but usable', () => {
    expect(t['a1']!.capabilities).toEqual({
      cpu: 72,
      memoryGb: 503.3,
      gpus: [],
      os: 'linux',
      arch: 'arm64',
      network: true,
    });
    expect(t['a1']!.labels).toEqual({
      grace: 'true',
      partition: 'arm',
      'partition.arm': 'true',
      'slurm.state': 'ALLOCATED',
    });
    expect(why('a1')).toBeUndefined();
  });
});

describe('scontrol show nodes (multi-line text)', () => {
  it('reads indented lines as the same node, a reason on two lines as one', () => {
    const result = parseSlurmNodes(fixture('scontrol-nodes-22.05.txt'), { importedAt: AT });
    const oneLine = parseSlurmNodes(fixture('scontrol-nodes-o-22.05.txt'), { importedAt: AT });
    expect(result.targets.map((x) => x.id)).toEqual(['n1', 'n3']);
    expect(result.targets[1]).toEqual(oneLine.targets[2]);
    expect((result.targets[0] as { unschedulable?: string }).unschedulable).toBe(
      'DRAIN (Reason=maint: fan=broken second fan also noisy)',
    );
    expect(result.targets[0]!.capabilities).toEqual(oneLine.targets[0]!.capabilities);
  });
});

describe('shapes the JSON reader accepts beyond the fixtures', () => {
  const doc = (node: Record<string, unknown>) => JSON.stringify({ nodes: [{ name: 'x1', state: ['IDLE'], ...node }] });

  it('reads numbers written as {set, infinite, number}, and an unset one as unknown', () => {
    const [x] = parseSlurmNodes(
      doc({
        cpus: { set: true, infinite: false, number: 16 },
        real_memory: { set: true, infinite: false, number: 32000 },
        temporary_disk: { set: false, infinite: false, number: 0 },
      }),
      origin,
    ).targets;
    expect(x!.capabilities).toEqual({ cpu: 16, memoryGb: 33.6, gpus: [], network: true });
  });

  it('reads features and partitions as comma strings, preferring active features', () => {
    const [x] = parseSlurmNodes(
      doc({ features: 'knl,cache,flat', active_features: 'knl,cache', partitions: 'batch,long' }),
      origin,
    ).targets;
    expect(x!.labels).toEqual({
      knl: 'true',
      cache: 'true',
      partition: 'batch',
      'partition.batch': 'true',
      'partition.long': 'true',
      'slurm.state': 'IDLE',
    });
  });

  it('takes the cluster from the node when it names one, and sets the instance type', () => {
    const [x] = parseSlurmNodes(doc({ cluster_name: 'west', instance_type: 'p4d.24xlarge' }), {
      importedAt: AT,
    }).targets;
    expect(x!.type === 'slurm' && [x!.source.cluster, x!.instanceType]).toEqual(['west', 'p4d.24xlarge']);
  });

  it('warns about features that cannot be label keys, an unknown OS and architecture', () => {
    const result = parseSlurmNodes(
      doc({ features: ['ok', 'has space', 'partition'], architecture: 'ppc64le', operating_system: 'AIX 7.3' }),
      origin,
    );
    expect(result.targets[0]!.labels).toEqual({ ok: 'true', 'slurm.state': 'IDLE' });
    expect(result.warnings).toEqual([
      'node x1: operating system "AIX 7.3" not recognised; left unknown',
      'node x1: architecture "ppc64le" not recognised; left unknown',
      'node x1: feature "has space" cannot be a label key; left out of the labels',
      'node x1: feature "partition" cannot be a label key; left out of the labels',
    ]);
  });

  it('copies only a source’s own fields from the origin', () => {
    const wider = { importedAt: AT, file: 'n.json', cloud: 'aws' } as SourceOrigin;
    const result = parseSlurmNodes(doc({}), wider);
    expect(result.targets[0]!.type === 'slurm' && result.targets[0]!.source).toEqual({
      kind: 'slurm',
      importedAt: AT,
      file: 'n.json',
      node: 'x1',
    });
    expect(() => targetList.parse(result.targets)).not.toThrow();
  });

  it('names a node whose id repeats another’s, and leaves it out', () => {
    const text = JSON.stringify({
      nodes: [
        { name: 'a b', state: ['IDLE'] },
        { name: 'a-b', state: ['IDLE'] },
      ],
    });
    const result = parseSlurmNodes(text, origin);
    expect(result.targets.map((x) => [x.id, x.name])).toEqual([['a-b', 'a b']]);
    expect(result.warnings).toEqual(['node a-b: same target id "a-b" as node a b; left out']);
  });

  it('says so when the list is empty, and passes on Slurm’s own errors', () => {
    expect(parseSlurmNodes('{"nodes": [], "errors": []}', origin)).toEqual({
      targets: [],
      warnings: ['the input lists no nodes'],
    });
    expect(parseSlurmNodes('No nodes in the system\n', origin).targets).toEqual([]);
    expect(
      inputError('{"nodes": [], "errors": [{"description": "Unable to query nodes", "error": "Invalid user"}]}'),
    ).toBe('Slurm answered with an error: Unable to query nodes: Invalid user');
  });
});

describe('bad input', () => {
  const accepted =
    'expected the JSON of scontrol show nodes --json (Slurm 23.02+) or sinfo --json (21.08–22.05), ' +
    'or the text of scontrol show nodes -o (lines starting NodeName=)';

  it('names the accepted formats when the input is neither JSON nor scontrol text', () => {
    expect(inputError('PARTITION AVAIL TIMELIMIT NODES STATE NODELIST\ngpu* up infinite 2 idle n[1-2]\n')).toBe(
      `not a Slurm node list: ${accepted}`,
    );
    expect(inputError('  \n')).toBe(`not a Slurm node list: the input is empty; ${accepted}`);
  });

  it('says where truncated JSON stops', () => {
    const text = fixture('sinfo-21.08.json');
    expect(inputError(text.slice(0, 300))).toMatch(/^not a Slurm node list: invalid JSON \(.+\)$/);
  });

  it('names JSON that is no node list', () => {
    const expected =
      'expected {"nodes": [...]} as scontrol show nodes --json or sinfo --json (Slurm 21.08–22.05) print';
    expect(inputError('[1, 2]')).toBe(`not a Slurm node list: ${expected}`);
    expect(inputError('{"items": []}')).toBe(`not a Slurm node list (nodes: undefined): ${expected}`);
    expect(inputError('{"sinfo": []}')).toBe(
      'not a Slurm node list: this is sinfo --json from Slurm 23.02 or later, which groups nodes; save scontrol show nodes --json instead',
    );
  });

  it('names the field and node of a wrong type', () => {
    const nodes = (...list: unknown[]) => JSON.stringify({ nodes: list });
    const ok = { name: 'n0', state: 'idle' };
    expect(inputError(nodes(ok, ok, ok, { name: 'n3', state: 'idle', real_memory: 'x' }))).toBe(
      'nodes[3].real_memory: expected a number, got "x"',
    );
    expect(inputError(nodes(ok, { name: 'n1', state: ['IDLE'] }))).toBe(
      'nodes[1].state: expected a state name, as sinfo --json writes, got a list',
    );
    expect(inputError(nodes({ name: 'n0', state: ['IDLE'] }, { name: 'n1', state: 'idle' }))).toBe(
      'nodes[1].state: expected a list of states, as scontrol show nodes --json writes, got "idle"',
    );
    expect(inputError(nodes({ name: 'n0', state: 3 }))).toBe(
      'nodes[0].state: expected a list of states (scontrol show nodes --json) or a state name (sinfo --json), got 3',
    );
    expect(inputError(nodes(ok, { state: 'idle' }))).toBe('nodes[1].name: expected a node name, got undefined');
    expect(inputError(nodes(ok, 'n1'))).toBe('nodes[1]: expected a node object, got "n1"');
    expect(inputError(nodes({ ...ok, cpus: -1 }))).toBe('nodes[0].cpus: expected a number, got -1');
    expect(inputError(nodes({ ...ok, features: 7 }))).toBe(
      'nodes[0].features: expected a list of names or a comma-separated string, got 7',
    );
    expect(inputError(nodes({ ...ok, partitions: ['a', 2] }))).toBe('nodes[0].partitions[1]: expected a string, got 2');
    expect(inputError(nodes({ ...ok, gres: { gpu: 2 } }))).toBe('nodes[0].gres: expected a string, got an object');
    expect(inputError(nodes({ ...ok, real_memory: { set: true, infinite: false, number: 'lots' } }))).toBe(
      'nodes[0].real_memory.number: expected a number, got "lots"',
    );
  });

  it('names the line without NodeName= and the line of a bad number', () => {
    const lines = fixture('scontrol-nodes-o-22.05.txt').split('\n');
    const broken = [...lines.slice(0, 3), 'Arch=x86_64 CoresPerSocket=4 State=IDLE', ...lines.slice(3)].join('\n');
    expect(inputError(broken)).toBe('line 4: expected NodeName=…, got "Arch=x86_64 CoresPerSocket=4 State=IDLE"');
    const bad = lines.map((l, i) => (i === 1 ? l.replace('RealMemory=515000', 'RealMemory=lots') : l)).join('\n');
    expect(inputError(bad)).toBe('line 2: RealMemory: expected a number, got "lots"');
    const multi = fixture('scontrol-nodes-22.05.txt').replace('TmpDisk=0', 'TmpDisk=1.5T');
    expect(inputError(multi)).toBe('line 29: TmpDisk: expected a number, got "1.5T"');
    expect(inputError('NodeName= Arch=x86_64 State=IDLE')).toBe(
      'line 1: expected NodeName=…, got "NodeName= Arch=x86_64 State=IDLE"',
    );
  });
});
