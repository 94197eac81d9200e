import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdtemp, readFile, rm, statfs, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities as capabilitiesSchema } from '../../../shared/schema/capabilities.js';
import { parseMeminfo, parseToolVersion } from '../../../electron/discovery/parse.js';
import { probeInput } from '../../../electron/discovery/probe-script.js';
import { normaliseProbeDocument } from '../../../electron/discovery/probe-document.js';
import {
  describeSshFailure,
  findProbeDocument,
  probeSshTarget,
  sshArgs,
  type SshTarget,
} from '../../../electron/discovery/ssh-probe.js';
import { DiscoveryError } from '../../../electron/discovery/types.js';
import { startSilentServer, startSshd, type TestSshd } from './sshd.js';

const run = promisify(execFile);

const target = (fields: Partial<SshTarget> = {}): SshTarget => ({
  id: 'gpu-box',
  type: 'ssh',
  host: '10.0.0.5',
  port: 22,
  probe: true,
  hostKeyPolicy: 'strict',
  hourlyRate: 0,
  ...fields,
});

/** The probe's failure message, or a failed expectation when it succeeded. */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DiscoveryError);
    return (error as Error).message;
  }
  throw new Error('expected the probe to fail');
}

describe('sshArgs', () => {
  it('puts only fixed options, the port, the user and the host on the command line', () => {
    expect(sshArgs(target({ user: 'ops', port: 2222 }), { connectTimeoutS: 5 })).toEqual([
      '-T',
      '-x',
      '-a',
      ...['-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', '-o', 'StrictHostKeyChecking=yes'],
      ...['-o', 'PasswordAuthentication=no', '-o', 'KbdInteractiveAuthentication=no'],
      ...['-o', 'ControlMaster=no', '-o', 'ControlPath=none', '-o', 'PermitLocalCommand=no'],
      ...['-o', 'ClearAllForwardings=yes', '-o', 'UpdateHostKeys=no', '-o', 'LogLevel=ERROR'],
      ...['-p', '2222', '-l', 'ops', '--', '10.0.0.5', 'sh', '-s'],
    ]);
  });

  it('maps hostKeyPolicy, expands ~/ in key and known_hosts paths, and strips IPv6 brackets', () => {
    const args = sshArgs(
      target({
        host: '[::1]',
        hostKeyPolicy: 'accept-new',
        identityFile: '~/.ssh/id_ed25519',
        knownHostsFile: '~/.ssh/known_hosts',
      }),
      { connectTimeoutS: 2.5, home: '/home/ann' },
    );
    expect(args).toContain('StrictHostKeyChecking=accept-new');
    expect(args).toContain('ConnectTimeout=3');
    expect(args).toContain('UserKnownHostsFile="/home/ann/.ssh/known_hosts"');
    expect(args).toContain('IdentitiesOnly=yes');
    expect(args).toContain('IdentityFile="/home/ann/.ssh/id_ed25519"');
    expect(args.slice(-4)).toEqual(['--', '::1', 'sh', '-s']);
  });

  it.each([
    ['a host that is an option', { host: '-oProxyCommand=touch /tmp/pwned' }],
    ['a host with a space', { host: 'a -oProxyCommand=x' }],
    ['a host with a user in it', { host: 'root@10.0.0.5' }],
    ['a user that is an option', { user: '-oProxyCommand=x' }],
    ['a key path that is an option', { identityFile: '-oProxyCommand=x' }],
    ['a known_hosts path with a newline', { knownHostsFile: 'a\nProxyCommand x' }],
  ])('rejects %s before ssh runs', (_name, fields) => {
    expect(() => sshArgs(target(fields as Partial<SshTarget>), { connectTimeoutS: 5 })).toThrow(
      /gpu-box: not a valid ssh target/,
    );
  });

  it('keeps odd but valid paths one value each, as ssh itself reads them (ssh -G)', async () => {
    const known = '/tmp/odd dir/"known" %h hosts';
    const key = '/tmp/odd dir/key %r';
    const args = sshArgs(target({ user: 'ops', port: 2222, identityFile: key, knownHostsFile: known }), {
      connectTimeoutS: 5,
    });
    const { stdout } = await run('ssh', ['-G', ...args]);
    const lines = stdout.split('\n').map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)] as const);
    const config = new Map(lines);
    expect(config.get('userknownhostsfile')).toBe(known);
    // ssh undoes the %% when it loads the key (see the sshd test with such a path).
    expect(lines.filter(([k]) => k === 'identityfile').map(([, v]) => v)).toEqual([key.replace(/%/g, '%%')]);
    expect(config.get('proxycommand')).toBeUndefined();
    expect(config.get('batchmode')).toBe('yes');
    expect(config.get('stricthostkeychecking')).toBe('true');
    expect(config.get('port')).toBe('2222');
    expect(config.get('user')).toBe('ops');
    expect(config.get('hostname')).toBe('10.0.0.5');
  });
});

const linuxBox = {
  v: 1,
  uname: 'Linux 6.1.0-18-amd64 x86_64',
  nproc: '16',
  ncpuOnline: '16',
  meminfo: 'MemTotal:       65843088 kB\nMemFree:        1000000 kB\nMemAvailable:   60000000 kB',
  cgroups: [
    { cpuMax: '200000 100000', memoryMax: '8589934592' },
    { cpuMax: 'max 100000', memoryMax: 'max' },
  ],
  df: 'Filesystem     1024-blocks      Used Available Capacity Mounted on\n/dev/nvme0n1p2  982862268 402183580 530652804      44% /',
  osRelease: 'ID=debian\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
  cpuModel: 'AMD EPYC 7B13 64-Core Processor',
  route:
    'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\nenp1s0\t00000000\t0100A8C0\t0003\t0\t0\t0\t00000000\nenp1s0\t0000A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF',
  net: 'docker0 down\nenp1s0 up\nlo unknown',
  drm: 'card0 0x10de - \ncard1 0x1002 17163091968 AMD Radeon RX 7800 XT',
  nvidiaSmi: 'NVIDIA H100 80GB HBM3, 81559\nNVIDIA H100 80GB HBM3, 81559',
  tools: {
    git: 'git version 2.39.5\n\n@rc=0',
    docker: 'Docker version 24.0.7, build afdd53b\n@rc=0',
    java: 'openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment\n@rc=0',
  },
};

describe('normaliseProbeDocument', () => {
  it('reads a Linux box with a cgroup limit: effective CPU and memory, the machine as physical', () => {
    const { capabilities, warnings } = normaliseProbeDocument(linuxBox);
    expect(capabilities).toEqual({
      cpu: 2,
      memoryGb: 8.6,
      physical: { cpu: 16, memoryGb: 67.4 },
      cpuModel: 'AMD EPYC 7B13 64-Core Processor',
      diskGb: 543.4,
      gpus: [
        { vendor: 'nvidia', model: 'NVIDIA H100 80GB HBM3', vramGb: 85.5, count: 2 },
        { vendor: 'amd', model: 'AMD Radeon RX 7800 XT', vramGb: 17.2, count: 1 },
      ],
      os: 'linux',
      arch: 'x64',
      network: true,
      tools: { docker: '24.0.7', git: '2.39.5', java: '17.0.15' },
    });
    expect(warnings).toEqual([]);
    expect(capabilitiesSchema.parse(capabilities)).toEqual(capabilities);
  });

  it('takes the tightest cgroup v1 limit along the path, and no physical when nothing limits', () => {
    const limited = normaliseProbeDocument({
      ...linuxBox,
      cgroups: [
        { cfsQuotaUs: '-1', cfsPeriodUs: '100000' },
        { cfsQuotaUs: '350000', cfsPeriodUs: '100000' },
        { memoryLimitInBytes: '9223372036854771712' },
        { memoryLimitInBytes: '4000000000' },
      ],
    }).capabilities;
    expect([limited.cpu, limited.memoryGb, limited.physical]).toEqual([3.5, 4, { cpu: 16, memoryGb: 67.4 }]);
    const free = normaliseProbeDocument({ ...linuxBox, cgroups: [] }).capabilities;
    expect([free.cpu, free.memoryGb, free.physical]).toEqual([16, 67.4, undefined]);
  });

  it('reads a macOS document: sysctl sizes, unified-memory GPU, route to the default gateway', () => {
    const { capabilities, warnings } = normaliseProbeDocument({
      v: 1,
      uname: 'Darwin 23.4.0 arm64',
      ncpuOnline: '10',
      macNcpu: '10',
      macMemsize: '34359738368',
      macCpuBrand: 'Apple M2 Pro',
      df: 'Filesystem   1024-blocks      Used Available Capacity  Mounted on\n/dev/disk3s5   971350180 500000000 400000000    56%    /System/Volumes/Data',
      macDisplays: JSON.stringify({
        SPDisplaysDataType: [
          { _name: 'Apple M2 Pro', sppci_model: 'Apple M2 Pro', spdisplays_vendor: 'sppci_vendor_Apple' },
        ],
      }),
      macRoute: '   route to: default\ndestination: default\n    gateway: 192.168.1.1\n  interface: en0\n',
      tools: { git: 'git version 2.39.3 (Apple Git-146)\n@rc=0' },
    });
    expect(capabilities).toEqual({
      cpu: 10,
      memoryGb: 34.4,
      cpuModel: 'Apple M2 Pro',
      diskGb: 409.6,
      gpus: [{ vendor: 'apple', model: 'Apple M2 Pro', vramGb: 34.4, count: 1 }],
      os: 'macos',
      arch: 'arm64',
      network: true,
      tools: { git: '2.39.3' },
    });
    expect(warnings).toEqual([]);
  });

  it('leaves garbled or missing sections unknown, with a warning each, and never throws', () => {
    expect(normaliseProbeDocument(42)).toEqual({
      capabilities: {},
      warnings: ['the probe document is not a JSON object; nothing is known'],
    });
    const { capabilities, warnings } = normaliseProbeDocument({
      v: 7,
      uname: 5,
      nproc: 'many',
      meminfo: 'no numbers here',
      cgroups: 'not a list',
      df: 'df: .: Permission denied',
      tools: ['git'],
    });
    expect(capabilities).toEqual({});
    expect(warnings).toEqual([
      'unexpected probe document version 7; reading it anyway',
      'probe section "uname" is not text; ignored',
      'operating system unknown',
      'architecture unknown',
      'CPU count unknown',
      'memory unknown',
      'free disk unknown',
      'tools unknown (no tools section)',
    ]);
  });

  it('does not mistake a failing nvidia-smi, a shim or a hung tool for facts', () => {
    const { capabilities, warnings } = normaliseProbeDocument({
      ...linuxBox,
      drm: '',
      nvidiaSmi:
        "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.",
      tools: {
        python3: 'pyenv: python3: command not found\n\n@rc=127',
        docker: 'Killed\n\n@rc=137',
        odd: 'no digits\n@rc=0',
        'bad name': 'x 1.0\n@rc=0',
      },
    });
    expect(capabilities.gpus).toEqual([]);
    expect(capabilities.tools).toEqual({ docker: null, odd: null });
    expect(warnings).toEqual([
      "nvidia-smi listed no GPUs: NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.",
      'python3: on PATH but its version call fails (a shim without a real tool?); not counted',
      'docker: no answer to its version call in time; version unknown',
      'odd: version not recognised in its output',
      'tool entry "bad name" ignored',
    ]);
  });
});

describe('findProbeDocument', () => {
  it('takes the last JSON object line, past whatever login scripts print', () => {
    expect(findProbeDocument('Welcome!\n{not json\n{"v":1,"nproc":"4"}\n')).toEqual({ v: 1, nproc: '4' });
    expect(findProbeDocument('garbage\n[1,2]\nnull\n')).toBeNull();
    expect(findProbeDocument('')).toBeNull();
  });
});

describe('describeSshFailure', () => {
  const t = { host: 'box.example', port: 22, hostKeyPolicy: 'accept-new' as const };
  it.each([
    [
      '@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\nHost key verification failed.\n',
      'host key for box.example has CHANGED since it was recorded (possible man-in-the-middle); check it, then update known_hosts',
    ],
    [
      'ssh: Could not resolve hostname box.example: Name or service not known\n',
      'cannot resolve host name box.example',
    ],
    ['ssh: connect to host box.example port 22: No route to host\n', 'host unreachable (box.example:22)'],
    [
      'Warning: Identity file /nope not accessible: No such file or directory.\nops@box.example: Permission denied (publickey).\n',
      'permission denied (publickey); Warning: Identity file /nope not accessible: No such file or directory.',
    ],
    [
      'kex_exchange_identification: Connection closed by remote host\nConnection closed by 10.0.0.5 port 22\n',
      'connection closed by box.example:22 during the SSH handshake (not an SSH server, or it turned us away)',
    ],
    ['something new\x1b[31m went wrong\n', 'ssh failed: something new [31m went wrong'],
    ['', 'ssh failed (exit 255) without saying why'],
  ])('%j → one line', (stderr, expected) => {
    expect(describeSshFailure(stderr, t, 5)).toBe(expected);
  });
});

describe('the probe script', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(os.tmpdir(), 'pe-probe-'));
    const tool = async (name: string, body: string) => {
      await writeFile(join(dir, name), `#!/bin/sh\n${body}\n`);
      await chmod(join(dir, name), 0o755);
    };
    await tool('weirdtool', String.raw`printf 'weird "1.2.3" \\ back\tslash\001\033[0m\r\n'`);
    await tool('hangtool', 'sleep 30');
    // A `timeout` that cannot be used makes the script fall back to its own watchdog.
    await tool('timeout', 'exit 1');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('prints one JSON document escaping quotes, backslashes, tabs and control characters', async () => {
    const { stdout } = await runScript(probeInput(['weirdtool', 'git']), `${dir}:${process.env['PATH']}`);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const doc = JSON.parse(stdout) as { tools: Record<string, string>; nproc: string };
    expect(doc.tools['weirdtool']).toBe('weird "1.2.3" \\ back\tslash[0m\n\n@rc=0');
    expect(normaliseProbeDocument(doc).capabilities.tools).toEqual({
      git: parseToolVersion((await run('git', ['--version'])).stdout),
      weirdtool: '1.2.3',
    });
  });

  it('bounds a tool that hangs even where the remote has no usable timeout(1)', async () => {
    const started = Date.now();
    const { stdout } = await runScript(probeInput(['hangtool', 'git'], 1), `${dir}:${process.env['PATH']}`);
    expect(Date.now() - started).toBeLessThan(6000);
    const { capabilities, warnings } = normaliseProbeDocument(JSON.parse(stdout));
    expect(capabilities.tools).toEqual({ hangtool: null, git: expect.any(String) });
    expect(warnings).toContain('hangtool: no answer to its version call in time; version unknown');
  });
});

function runScript(input: string, path: string): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile('sh', ['-s'], { env: { PATH: path, HOME: os.homedir() }, timeout: 15_000 }, (e, stdout) =>
      e ? reject(e) : resolve({ stdout }),
    );
    child.stdin?.end(input);
  });
}

describe('probeSshTarget against a real sshd on 127.0.0.1', () => {
  let sshd: TestSshd;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(() => sshd?.stop());

  const local = (fields: Partial<SshTarget> = {}) =>
    target({
      id: 'loopback',
      host: '127.0.0.1',
      port: sshd.port,
      user: sshd.user,
      identityFile: sshd.userKey,
      knownHostsFile: sshd.knownHosts,
      ...fields,
    });
  const options = { timeoutMs: 20_000, connectTimeoutS: 5 };

  it('reports this machine: CPUs as local discovery counts them, memory, disk, OS, arch, git', async () => {
    const report = await probeSshTarget(local(), options);
    const caps = report.capabilities;
    expect(report.targetId).toBe('loopback');
    expect(caps.cpu).toBe(os.availableParallelism());
    const memTotal = parseMeminfo(await readFile('/proc/meminfo', 'utf8')).totalGb!;
    expect(Math.abs((caps.physical?.memoryGb ?? caps.memoryGb!) - memTotal)).toBeLessThanOrEqual(0.1);
    const fs = await statfs(os.homedir());
    expect(Math.abs(caps.diskGb! - (fs.bavail * fs.bsize) / 1e9)).toBeLessThan(1);
    expect(caps.os).toBe('linux');
    expect(caps.arch).toBe(os.arch() === 'arm64' ? 'arm64' : 'x64');
    expect(caps.tools?.['git']).toBe(parseToolVersion((await run('git', ['--version'])).stdout));
    expect(report.toolsProbed).toContain('git');
    expect(capabilitiesSchema.parse(caps)).toEqual(caps);
  });

  it('keys and known_hosts at paths with spaces, quotes and % work as written', async () => {
    const key = join(sshd.dir, 'my "odd" key %r');
    const known = join(sshd.dir, 'known hosts %h');
    await copyFile(sshd.userKey, key);
    await copyFile(sshd.knownHosts, known);
    const report = await probeSshTarget(local({ identityFile: key, knownHostsFile: known }), options);
    expect(report.capabilities.cpu).toBe(os.availableParallelism());
  });

  it('a closed port: connection refused, at once', async () => {
    const started = Date.now();
    const closed = await startSilentServer();
    const port = closed.port;
    await closed.close();
    expect(await failure(probeSshTarget(local({ port }), options))).toBe(
      `loopback: connection refused (127.0.0.1:${port})`,
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a key the server does not know: permission denied', async () => {
    expect(await failure(probeSshTarget(local({ identityFile: sshd.otherKey }), options))).toBe(
      'loopback: permission denied (publickey)',
    );
  });

  it('an unknown host key: refused under strict, accepted and recorded under accept-new', async () => {
    const empty = join(sshd.dir, 'empty_known_hosts');
    await writeFile(empty, '');
    expect(await failure(probeSshTarget(local({ knownHostsFile: empty }), options))).toBe(
      'loopback: host key for 127.0.0.1 is not known (hostKeyPolicy: strict); add it to known_hosts or use hostKeyPolicy: accept-new',
    );
    expect(await readFile(empty, 'utf8')).toBe('');
    const report = await probeSshTarget(local({ knownHostsFile: empty, hostKeyPolicy: 'accept-new' }), options);
    expect(report.capabilities.cpu).toBe(os.availableParallelism());
    expect(await readFile(empty, 'utf8')).toContain(`ssh-ed25519 ${sshd.hostKeyBlob}`);
  });

  it('a server that accepts but never speaks: timed out within the connect timeout', async () => {
    const silent = await startSilentServer();
    try {
      let started = Date.now();
      expect(
        await failure(probeSshTarget(local({ port: silent.port }), { timeoutMs: 20_000, connectTimeoutS: 1 })),
      ).toBe(`loopback: timed out after 1 s connecting to 127.0.0.1:${silent.port}`);
      expect(Date.now() - started).toBeLessThan(4000);
      started = Date.now();
      expect(await failure(probeSshTarget(local({ port: silent.port }), { timeoutMs: 300, connectTimeoutS: 10 }))).toBe(
        'loopback: timed out after 0.3 s (the probe did not finish)',
      );
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await silent.close();
    }
  });

  it('garbage on stdout, or no ssh at all: one clear line', async () => {
    const fake = join(sshd.dir, 'fake-ssh');
    await writeFile(fake, '#!/bin/sh\ncat >/dev/null\necho "Last login: yesterday"\necho "{oops"\n');
    await chmod(fake, 0o755);
    expect(await failure(probeSshTarget(local(), { ...options, sshPath: fake }))).toBe(
      'loopback: probe printed no JSON document',
    );
    expect(await failure(probeSshTarget(local(), { ...options, sshPath: join(sshd.dir, 'no-such-ssh') }))).toBe(
      `loopback: cannot run ${join(sshd.dir, 'no-such-ssh')} (ENOENT)`,
    );
  });
});
