import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { access, chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../../electron/discovery/run-command.js';
import { runSlurmClient } from '../../../electron/fleet/slurm-live.js';

const INSTALL = 'apt-get install --no-install-recommends slurmctld slurmd slurm-client munge';
const PROGRAMS = ['/usr/sbin/munged', '/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/bin/sinfo', '/usr/bin/sbatch'];

/** A GPU type on a node: `gres.conf` gets one /dev/null clone per device. */
export interface SlurmGpu {
  type: string;
  count: number;
}

/** One declared node, as slurm.conf states it. */
export interface SlurmNodeSpec {
  name: string;
  cpus: number;
  realMemoryMiB: number;
  tmpDiskMiB: number;
  gpus: SlurmGpu[];
  features: string[];
  partitions: string[];
  /** Whether a slurmd runs for it; without one it stays UNKNOWN+NOT_RESPONDING (a node down). */
  daemon: boolean;
}

/** The fleet the tests read back: two GPU nodes (one with two types), a CPU node, and a node down. */
export const CLUSTER_NODES: readonly SlurmNodeSpec[] = [
  {
    name: 'gpu-a',
    cpus: 16,
    realMemoryMiB: 64000,
    tmpDiskMiB: 100000,
    gpus: [{ type: 'a100', count: 4 }],
    features: ['avx512', 'ib'],
    partitions: ['gpu', 'cpu'],
    daemon: true,
  },
  {
    name: 'gpu-b',
    cpus: 32,
    realMemoryMiB: 128000,
    tmpDiskMiB: 200000,
    gpus: [
      { type: 'h100', count: 2 },
      { type: 'l4', count: 1 },
    ],
    features: ['avx512'],
    partitions: ['gpu'],
    daemon: true,
  },
  {
    name: 'cpu-a',
    cpus: 8,
    realMemoryMiB: 16000,
    tmpDiskMiB: 50000,
    gpus: [],
    features: ['avx2'],
    partitions: ['cpu'],
    daemon: true,
  },
  {
    name: 'gpu-down',
    cpus: 16,
    realMemoryMiB: 64000,
    tmpDiskMiB: 100000,
    gpus: [{ type: 'a100', count: 2 }],
    features: ['ib'],
    partitions: ['gpu'],
    daemon: false,
  },
];

/** The partitions: `cpu` is the default. */
export const PARTITIONS = [
  { name: 'cpu', default: true },
  { name: 'gpu', default: false },
] as const;

/** What `sbatch --test-only` answered. */
export interface TestOnlyAnswer {
  accepted: boolean;
  /** The node it would start on, when accepted. */
  node: string | null;
  partition: string | null;
  /** Slurm's first line, without the `sbatch: ` prefix. */
  message: string;
}

/** A real Slurm 22.05 on 127.0.0.1 (munged, slurmctld, one slurmd per node) in a temporary directory. */
export interface TestSlurmCluster {
  dir: string;
  clusterName: string;
  /** process.env plus SLURM_CONF: what the clients need. */
  env: NodeJS.ProcessEnv;
  nodes: readonly SlurmNodeSpec[];
  /** Milliseconds from launch until every slurmd node was IDLE. */
  startMs: number;
  /** Runs `sbatch --test-only` with the script on stdin. */
  testOnly(script: string): Promise<TestOnlyAnswer>;
  stop(): Promise<void>;
}

/** A batch script: the shebang, the header lines, and `hostname` as the work. */
export function batchScript(header: string): string {
  const body = header.startsWith('#!') ? header : `#!/bin/sh\n${header}`;
  return `${body.trimEnd()}\nhostname\n`;
}

/** Parses sbatch's answer: `Job 5 to start at … using 2 processors on nodes gpu-a in partition gpu`. */
export function parseTestOnly(code: number | null, stderr: string, stdout: string): TestOnlyAnswer {
  const text = `${stderr}\n${stdout}`;
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? '';
  const placed = /on nodes (\S+) in partition (\S+)/.exec(text);
  return {
    accepted: code === 0 && placed !== null,
    node: placed?.[1] ?? null,
    partition: placed?.[2] ?? null,
    message: line.replace(/^sbatch: /, ''),
  };
}

// Below the Linux ephemeral range (32768+), so outgoing connections never take them, and random so
// two runs do not collide; each is checked free on every address, as slurmctld binds 0.0.0.0.
async function unusualPorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = randomInt(21_000, 32_000);
    if (!ports.includes(port) && (await isFree(port))) ports.push(port);
  }
  return ports;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

async function checkInstalled(): Promise<void> {
  for (const program of PROGRAMS) {
    await access(program).catch(() => {
      throw new Error(`${program} is missing: the Slurm tests need a real Slurm; run \`${INSTALL}\` (.ci/run does)`);
    });
  }
  if (process.getuid?.() !== 0) throw new Error('the Slurm test cluster runs slurmd, which needs root');
}

function slurmConf(dir: string, clusterName: string, ctldPort: number, nodePorts: Map<string, number>): string {
  const lines = [
    `ClusterName=${clusterName}`,
    `SlurmctldHost=localhost(127.0.0.1)`,
    `SlurmctldPort=${ctldPort}`,
    'SlurmUser=root',
    'SlurmdUser=root',
    'AuthType=auth/munge',
    `AuthInfo=socket=${join(dir, 'munge', 'munge.socket')}`,
    'ProctrackType=proctrack/linuxproc',
    'TaskPlugin=task/none',
    'SelectType=select/cons_tres',
    'SelectTypeParameters=CR_Core_Memory',
    'GresTypes=gpu',
    'MpiDefault=none',
    'ReturnToService=2',
    'SlurmdParameters=config_overrides',
    'SchedulerType=sched/backfill',
    'AccountingStorageType=accounting_storage/none',
    'JobAcctGatherType=jobacct_gather/none',
    'JobCompType=jobcomp/none',
    'MailProg=/bin/true',
    `StateSaveLocation=${join(dir, 'state')}`,
    `SlurmdSpoolDir=${join(dir, 'spool', '%n')}`,
    `SlurmctldPidFile=${join(dir, 'run', 'slurmctld.pid')}`,
    `SlurmdPidFile=${join(dir, 'run', 'slurmd-%n.pid')}`,
    `SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}`,
    `SlurmdLogFile=${join(dir, 'log', 'slurmd-%n.log')}`,
    `PlugStackConfig=${join(dir, 'plugstack.conf')}`,
  ];
  for (const node of CLUSTER_NODES) {
    const gres = node.gpus.map((g) => `gpu:${g.type}:${g.count}`).join(',');
    lines.push(
      [
        `NodeName=${node.name}`,
        'NodeAddr=127.0.0.1',
        `Port=${nodePorts.get(node.name)!}`,
        `CPUs=${node.cpus}`,
        `RealMemory=${node.realMemoryMiB}`,
        `TmpDisk=${node.tmpDiskMiB}`,
        gres ? `Gres=${gres}` : '',
        node.features.length ? `Feature=${node.features.join(',')}` : '',
        'State=UNKNOWN',
      ]
        .filter(Boolean)
        .join(' '),
    );
  }
  for (const partition of PARTITIONS) {
    const members = CLUSTER_NODES.filter((n) => n.partitions.includes(partition.name)).map((n) => n.name);
    lines.push(
      `PartitionName=${partition.name} Nodes=${members.join(',')} Default=${partition.default ? 'YES' : 'NO'} MaxTime=INFINITE State=UP`,
    );
  }
  return `${lines.join('\n')}\n`;
}

// One /dev/null clone per GPU: with no File= the node goes INVAL, and File=/dev/null with a count is fatal.
async function gresConf(dir: string): Promise<string> {
  const lines: string[] = [];
  for (const node of CLUSTER_NODES) {
    for (const gpu of node.gpus) {
      const files: string[] = [];
      for (let i = 0; i < gpu.count; i++) {
        const file = join(dir, 'dev', `${node.name}-${gpu.type}-${i}`);
        const made = await runCommand('mknod', [file, 'c', '1', '3'], 5000);
        if (made.code !== 0) throw new Error(`mknod ${file} failed: ${made.stderr.trim() || made.spawnError}`);
        files.push(file);
      }
      lines.push(`NodeName=${node.name} Name=gpu Type=${gpu.type} File=${files.join(',')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A daemon run in the foreground, so that its PID is ours and its exit is seen. */
interface Daemon {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
  alive: () => boolean;
  output: () => string;
}

function startDaemon(name: string, file: string, args: string[], env: NodeJS.ProcessEnv): Daemon {
  const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: string) => (output = (output + chunk).slice(-4000));
  child.stdout!.setEncoding('utf8').on('data', keep);
  child.stderr!.setEncoding('utf8').on('data', keep);
  let alive = true;
  const exited = new Promise<void>((resolve) => {
    child.once('error', (err) => {
      keep(String(err));
      alive = false;
      resolve();
    });
    child.once('exit', () => {
      alive = false;
      resolve();
    });
  });
  return { name, child, exited, alive: () => alive, output: () => output };
}

// A slurmd that cannot reach the controller may ignore SIGTERM for 20 s: SIGKILL after a short wait.
async function stopDaemon(daemon: Daemon): Promise<void> {
  if (!daemon.alive()) return;
  daemon.child.kill('SIGTERM');
  const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), 2000).unref());
  if ((await Promise.race([daemon.exited, timer])) === 'late') {
    daemon.child.kill('SIGKILL');
    await daemon.exited;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function tail(file: string): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-5).join(' | ');
}

/** Waits until `ready` holds, failing when a daemon exits first or the deadline passes. */
async function until(ready: () => Promise<boolean>, daemons: Daemon[], deadline: number, what: string): Promise<void> {
  while (!(await ready())) {
    const dead = daemons.find((d) => !d.alive());
    if (dead) throw new Error(`${dead.name} exited before ${what}`);
    if (Date.now() > deadline) throw new Error(`no ${what} after 30 s`);
    await sleep(10);
  }
}

async function idleNodes(env: NodeJS.ProcessEnv): Promise<Set<string>> {
  const states = await runSlurmClient('sinfo', ['-h', '-N', '-o', '%N %T'], env, 5000);
  return new Set(
    states.stdout
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter(([, state]) => state === 'idle')
      .map(([name]) => name!),
  );
}

/**
 * Starts munged, slurmctld and one slurmd per node with a daemon, all as children of this process,
 * and waits until every such node is IDLE. Fails, never skips, when Slurm is not installed.
 */
export async function startSlurmCluster(): Promise<TestSlurmCluster> {
  await checkInstalled();
  const launched = Date.now();
  const deadline = launched + 30_000;
  const dir = await mkdtemp(join(os.tmpdir(), 'pe-slurm-'));
  const daemons: Daemon[] = [];
  // Should the test process end without stop(), the daemons must not outlive it.
  const killAll = () => daemons.forEach((d) => d.alive() && d.child.kill('SIGKILL'));
  process.once('exit', killAll);
  const stop = async () => {
    process.off('exit', killAll);
    // The slurmds first, then the controller, then munged: the start in reverse.
    await Promise.all(daemons.filter((d) => d.name.startsWith('slurmd-')).map(stopDaemon));
    for (const d of [...daemons].reverse()) await stopDaemon(d);
    await rm(dir, { recursive: true, force: true });
  };

  const clusterName = `pe${randomBytes(3).toString('hex')}`;
  const conf = join(dir, 'slurm.conf');
  const env: NodeJS.ProcessEnv = { ...process.env, SLURM_CONF: conf };
  try {
    // munged refuses a socket directory that is not searchable by all (mkdtemp makes it 700).
    await chmod(dir, 0o711);
    for (const sub of ['munge', 'state', 'spool', 'run', 'log', 'dev']) await mkdir(join(dir, sub), { mode: 0o711 });
    const [ctldPort, ...ports] = await unusualPorts(1 + CLUSTER_NODES.length);
    const nodePorts = new Map(CLUSTER_NODES.map((n, i) => [n.name, ports[i]!]));
    await writeFile(conf, slurmConf(dir, clusterName, ctldPort!, nodePorts));
    await writeFile(join(dir, 'gres.conf'), await gresConf(dir));
    await writeFile(join(dir, 'plugstack.conf'), '');
    const munge = join(dir, 'munge');
    const key = join(munge, 'munge.key');
    await writeFile(key, randomBytes(1024), { mode: 0o400 });

    const mungeArgs = [
      '--foreground',
      `--socket=${join(munge, 'munge.socket')}`,
      `--key-file=${key}`,
      `--log-file=${join(dir, 'log', 'munged.log')}`,
      `--pid-file=${join(munge, 'munged.pid')}`,
      `--seed-file=${join(munge, 'munged.seed')}`,
    ];
    daemons.push(startDaemon('munged', '/usr/sbin/munged', mungeArgs, env));
    const socketThere = () =>
      access(join(munge, 'munge.socket')).then(
        () => true,
        () => false,
      );
    await until(socketThere, daemons, deadline, 'munge socket');

    daemons.push(startDaemon('slurmctld', '/usr/sbin/slurmctld', ['-D', '-i', '-f', conf], env));
    // A slurmd or client started before the controller listens retries only a second later: knock first.
    await until(() => accepts(ctldPort!), daemons, deadline, `slurmctld on port ${ctldPort}`);
    const withDaemon = CLUSTER_NODES.filter((n) => n.daemon);
    for (const node of withDaemon)
      daemons.push(startDaemon(`slurmd-${node.name}`, '/usr/sbin/slurmd', ['-D', '-N', node.name, '-f', conf], env));
    const allIdle = async () => {
      const idle = await idleNodes(env);
      return withDaemon.every((n) => idle.has(n.name));
    };
    await until(allIdle, daemons, deadline, 'IDLE nodes');
  } catch (err) {
    const logs = await Promise.all(
      daemons.map(async (d) => `${d.name}: ${d.output().trim() || (await tail(join(dir, 'log', `${d.name}.log`)))}`),
    );
    await stop();
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`the Slurm test cluster did not start: ${why}${logs.map((l) => `\n${l}`).join('')}`, {
      cause: err,
    });
  }

  return {
    dir,
    clusterName,
    env,
    nodes: CLUSTER_NODES,
    startMs: Date.now() - launched,
    async testOnly(script) {
      const r = await runSlurmClient('sbatch', ['--test-only'], env, 10_000, script);
      return parseTestOnly(r.code, r.stderr, r.stdout);
    },
    stop,
  };
}
