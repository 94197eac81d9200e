// The built CLI's `import`: fleets read from saved outputs (the project's fixtures, in the formats of
// real published outputs) and from live sources that refuse or are missing, written to targets files.
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { targetsFile } from '../../../shared/schema/targets.js';
import { freePort } from '../discovery/sshd.js';
import { cliWorkspace, expectBadInput, expectNoStackTrace, json, ROOT, runCli } from './cli-harness.js';

const { ws, inWs } = cliWorkspace();

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'fleet');
const fixture = (name: string) => {
  copyFileSync(path.join(FIXTURES, name), ws.path(path.basename(name)));
  return path.basename(name);
};

const HAND_WRITTEN = `# Our fleet: the laptop and the lab's GPU box
placement: {strategy: auto, discoveryEnabled: false}
targets:
  - id: local # this machine
    type: local
    capabilities: {cpu: 8, memoryGb: 16, os: linux, arch: x64}
  - id: gpu-box
    type: ssh
    host: 10.0.0.5
`;

describe.concurrent('import from a saved file', () => {
  it('writes a new targets file with one target per node, and says what it did', async () => {
    const file = fixture('kubernetes/aks-nodes.json');
    const r = await inWs('import', 'kubernetes', '--file', file, '--context', 'aks-prod', '--out', 'aks.yaml');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      `Imported 3 kubernetes nodes from ${file} into aks.yaml: 3 added, 0 changed, 0 removed, 0 unchanged.`,
    );
    const written = targetsFile.parse(parse(readFileSync(ws.path('aks.yaml'), 'utf8')));
    expect(written.targets.map((t) => t.type)).toEqual(['kubernetes', 'kubernetes', 'kubernetes']);
    expect(written.targets.every((t) => 'source' in t && t.source?.context === 'aks-prod')).toBe(true);
    const valid = await inWs('validate', 'aks.yaml');
    expect(valid.stdout).toBe('aks.yaml: valid targets file\n');
  });

  it('without --out or --merge, prints the targets file itself, the summary on stderr', async () => {
    const file = fixture('slurm/sinfo-21.08.json');
    const r = await inWs('import', 'slurm', '--file', file, '--cluster', 'hpc');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split('\n')[0]).toMatch(/^Imported \d+ slurm nodes from sinfo-21\.08\.json: \d+ added/);
    const parsed = targetsFile.parse(parse(r.stdout));
    expect(parsed.targets.length).toBeGreaterThan(0);
    expect(parsed.targets.every((t) => t.type === 'slurm')).toBe(true);
  });

  it('--merge keeps every hand-written target and comment, and a re-import replaces only that source', async () => {
    ws.write('merge.yaml', HAND_WRITTEN);
    const nodes = JSON.parse(readFileSync(path.join(FIXTURES, 'kubernetes/aks-nodes.json'), 'utf8')) as {
      items: unknown[];
    };
    ws.write('three.json', JSON.stringify(nodes));
    ws.write('two.json', JSON.stringify({ ...nodes, items: nodes.items.slice(0, 2) }));
    const first = await inWs(
      'import',
      'kubernetes',
      '--file',
      'three.json',
      '--context',
      'aks',
      '--merge',
      'merge.yaml',
    );
    expect(first.code, first.stderr).toBe(0);
    const slurm = await inWs(
      'import',
      'slurm',
      '--file',
      fixture('slurm/scontrol-nodes-o-22.05.txt'),
      '--merge',
      'merge.yaml',
    );
    expect(slurm.code, slurm.stderr).toBe(0);
    const again = await inWs(
      'import',
      'kubernetes',
      '--file',
      'two.json',
      '--context',
      'aks',
      '--merge',
      'merge.yaml',
      '--json',
    );
    expect(again.code, again.stderr).toBe(0);
    const report = json(again) as { added: string[]; removed: string[]; unchanged: string[] };
    expect(report).toMatchObject({ added: [], removed: ['aks-agentpool-30520393-vmss000002'] });
    expect(report.unchanged).toHaveLength(2);
    const text = readFileSync(ws.path('merge.yaml'), 'utf8');
    expect(text).toContain("# Our fleet: the laptop and the lab's GPU box");
    expect(text).toContain('- id: local # this machine');
    const merged = targetsFile.parse(parse(text));
    const types = merged.targets.map((t) => t.type);
    expect(types.slice(0, 2)).toEqual(['local', 'ssh']);
    expect(types.filter((t) => t === 'kubernetes')).toHaveLength(2);
    expect(types.filter((t) => t === 'slurm').length).toBeGreaterThan(0);
  });

  it('--dry-run shows the preview and writes nothing', async () => {
    ws.write('dry.yaml', HAND_WRITTEN);
    const r = await inWs(
      'import',
      'nomad',
      '--file',
      fixture('nomad/nodes-resources.json'),
      '--merge',
      'dry.yaml',
      '--dry-run',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^Imported \d+ nomad nodes? from nodes-resources\.json \(dry run for dry\.yaml\): \d+ added/,
    );
    expect(r.stdout).toMatch(/^\+ +\S+ +nomad +\d+ cores/m);
    expect(readFileSync(ws.path('dry.yaml'), 'utf8')).toBe(HAND_WRITTEN);
  });

  it('a catalog prices the Kubernetes nodes that run on its instance types', async () => {
    ws.write('priced.yaml', 'targets: []\n');
    const cat = await inWs(
      'import',
      'catalog',
      '--file',
      path.join(FIXTURES, 'catalog/aws/vms.csv'),
      '--merge',
      'priced.yaml',
    );
    expect(cat.code, cat.stderr).toBe(0);
    const node = {
      kind: 'Node',
      apiVersion: 'v1',
      metadata: {
        name: 'ip-10-0-1-5.ec2.internal',
        labels: {
          'node.kubernetes.io/instance-type': 'g5.xlarge',
          'topology.kubernetes.io/region': 'us-east-1',
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
        },
      },
      status: {
        allocatable: { cpu: '3920m', memory: '15147272Ki', 'ephemeral-storage': '95491281146', 'nvidia.com/gpu': '1' },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    };
    ws.write('eks-node.json', JSON.stringify(node));
    const r = await inWs(
      'import',
      'kubernetes',
      '--file',
      'eks-node.json',
      '--context',
      'eks',
      '--merge',
      'priced.yaml',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const out = json(r) as { targets: { id: string; hourlyRate: number }[] };
    expect(out.targets).toEqual([expect.objectContaining({ id: 'ip-10-0-1-5.ec2.internal', hourlyRate: 1.006 })]);
  });
});

describe.concurrent('import: what goes wrong is one line naming the file or the source', () => {
  it('a file that is not the format named', async () => {
    const file = fixture('slurm/scontrol-nodes-o-22.05.txt');
    const [line] = expectBadInput(await inWs('import', 'kubernetes', '--file', file), file);
    expect(line).toMatch(/^scontrol-nodes-o-22\.05\.txt: not kubectl get nodes -o json output: invalid JSON/);
  });

  it('a truncated JSON file', async () => {
    const whole = readFileSync(path.join(FIXTURES, 'kubernetes/gcp-node.json'), 'utf8');
    ws.write('cut.json', whole.slice(0, Math.floor(whole.length / 2)));
    expectBadInput(await inWs('import', 'kubernetes', '--file', 'cut.json'), 'cut.json');
  });

  it('a file that does not exist', async () => {
    const [line] = expectBadInput(await inWs('import', 'slurm', '--file', 'nope.json'), 'nope.json');
    expect(line).toBe('nope.json: file not found');
  });

  it('kubectl that is not installed', async () => {
    const r = await runCli(['import', 'kubernetes', '--context', 'prod'], {
      cwd: ws.dir,
      env: { PATH: '/nonexistent' },
    });
    const [line] = expectBadInput(r, 'kubectl not found on PATH');
    expect(line).toContain('kubectl get nodes -o json > nodes.json');
  });

  it('a Nomad address that refuses, and nothing already imported is lost', async () => {
    ws.write('keep.yaml', HAND_WRITTEN);
    const port = await freePort();
    const r = await inWs('import', 'nomad', '--address', `http://127.0.0.1:${port}`, '--merge', 'keep.yaml');
    const [line] = expectBadInput(r, `Nomad at http://127.0.0.1:${port} refused the connection`);
    expect(line).toContain('NOMAD_ADDR');
    expect(readFileSync(ws.path('keep.yaml'), 'utf8')).toBe(HAND_WRITTEN);
  });

  it('--out onto an existing file refuses, pointing to --merge', async () => {
    ws.write('exists.yaml', HAND_WRITTEN);
    const [line] = expectBadInput(
      await inWs('import', 'kubernetes', '--file', fixture('kubernetes/gcp-node.json'), '--out', 'exists.yaml'),
      'exists.yaml',
    );
    expect(line).toContain('use --merge exists.yaml');
    expect(readFileSync(ws.path('exists.yaml'), 'utf8')).toBe(HAND_WRITTEN);
  });

  it('an unknown source, or a flag for another source', async () => {
    const r = await inWs('import', 'mesos', '--file', 'x');
    expect(r.code).toBe(2);
    expectNoStackTrace(r.stderr);
    expectBadInput(await inWs('import', 'slurm', '--context', 'x', '--file', 'y'), 'import slurm');
  });
});

describe('import at catalog scale', () => {
  it('writes a .json targets file one target per line, which validate and place read', async () => {
    const csv = path.join(FIXTURES, 'catalog/aws/vms.csv');
    const r = await inWs('import', 'catalog', '--file', csv, '--out', 'catalog.json');
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(ws.path('catalog.json'), 'utf8');
    const lines = text.trim().split('\n');
    const file = targetsFile.parse(JSON.parse(text));
    // `{"targets": [`, one line per target, `]}`.
    expect(lines).toHaveLength(file.targets.length + 2);
    expect((await inWs('validate', 'catalog.json')).stdout).toBe('catalog.json: valid targets file\n');
    ws.write('gpu.yaml', 'task: {name: gpu, requirements: {gpu: {minVram: 20}}}\n');
    const placed = await inWs(
      'place',
      '--task',
      'gpu.yaml',
      '--targets',
      'catalog.json',
      '--no-discovery',
      '--no-history',
    );
    expect(placed.code, placed.stderr).toBe(0);
    expect(placed.stdout.split('\n')[0]).toMatch(/^Task 'gpu' → aws-/);
  });
});

describe('a catalog past the 16 MB of a task file', () => {
  it('is written, validated and placed on: a targets file may be up to 64 MB', async () => {
    const header =
      'InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone';
    const gpu = `"{'Gpus': [{'Name': 'A10G', 'Manufacturer': 'NVIDIA', 'Count': 1.0, 'MemoryInfo': {'SizeInMiB': 24576}}], 'TotalGpuMemoryInMiB': 24576}"`;
    const rows = Array.from({ length: 25_000 }, (_, i) =>
      i % 2 === 0
        ? `m5.large,,,2.0,8.0,,0.096,0.0374,region-number-${i},region-number-${i}a`
        : `g5.xlarge,A10G,1.0,4.0,16.0,${gpu},1.006,0.4321,region-number-${i},region-number-${i}a`,
    );
    ws.write('big-vms.csv', `${header}\n${rows.join('\n')}\n`);
    const r = await runCli(['import', 'catalog', '--file', 'big-vms.csv', '--cloud', 'aws', '--out', 'big.json'], {
      cwd: ws.dir,
      timeoutMs: 30_000,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(ws.path('big.json')).length).toBeGreaterThan(16_000_000);
    expect((await runCli(['validate', 'big.json'], { cwd: ws.dir, timeoutMs: 30_000 })).stdout).toBe(
      'big.json: valid targets file\n',
    );
    ws.write('a10g.yaml', 'task: {name: a10g, requirements: {gpu: {minVram: 20}, maxCost: 0.5}}\n');
    const placed = await runCli(
      ['place', '--task', 'a10g.yaml', '--targets', 'big.json', '--no-discovery', '--no-history', '--json'],
      { cwd: ws.dir, timeoutMs: 30_000 },
    );
    expect(placed.code, placed.stderr).toBe(0);
    expect((JSON.parse(placed.stdout) as { selectedTarget: string }).selectedTarget).toMatch(
      /^aws-g5\.xlarge-.*-spot$/,
    );
  }, 90_000);
});

describe('imported targets grow old', () => {
  it('place says which live import is past cacheMinutes and how to read it again; a file import is not', async () => {
    ws.write(
      'aged.yaml',
      `placement: {discoveryEnabled: false, cacheMinutes: 5}
targets:
  - id: n1
    type: slurm
    source: {kind: slurm, cluster: hpc, node: n1, importedAt: '2026-01-01T00:00:00Z'}
    capabilities: {cpu: 8}
  - id: k1
    type: kubernetes
    source: {kind: kubernetes, context: saved, file: nodes.json, node: k1, importedAt: '2026-01-01T00:00:00Z'}
    capabilities: {cpu: 8}
`,
    );
    ws.write('two.yaml', 'task: {name: two, requirements: {cpu: 2}}\n');
    const r = await inWs('place', '--task', 'two.yaml', '--targets', 'aged.yaml', '--no-history');
    expect(r.code, r.stderr).toBe(0);
    const warnings = r.stderr.trim().split('\n');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^warning: slurm \(cluster hpc\): imported \d+ h ago, past cacheMinutes; read it again: placement-explorer import slurm --cluster hpc --merge aged\.yaml$/,
    );
  });
});
