// Normalisation of local discovery over fixtures: what each tool printed on a machine (files under
// test/fixtures/discovery/<machine>/, each folder's README.md says where its formats come from) goes
// through the real parsers, readCgroupLimits, drmGpus, discoverGpus, assembleLocal and discoverLocal,
// and comes out as the capabilities a user of that machine would expect.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { readCgroupLimits } from '../../../electron/discovery/cgroups.js';
import { discoverGpus, drmGpus, type GpuDiscovery } from '../../../electron/discovery/gpus.js';
import { assembleLocal, discoverLocal, type LocalFacts } from '../../../electron/discovery/local.js';
import {
  gb,
  groupGpus,
  normaliseVendor,
  parseCgroupLimits,
  parseMeminfo,
  parseNvidiaSmiCsv,
  parseOsRelease,
  parseSystemProfilerDisplays,
  parseToolVersion,
  vendorFromPciId,
} from '../../../electron/discovery/parse.js';
import type { CommandResult } from '../../../electron/discovery/run-command.js';
import type { ToolProbe } from '../../../electron/discovery/tools.js';
import { capabilities as capabilitiesSchema } from '../../../shared/schema/capabilities.js';
import {
  commandResult,
  cpuinfoModel,
  dfAvailableBytes,
  exitCode,
  fixture,
  fixtureRoot,
  hasFixture,
  largestBarBytes,
  nodeProcess,
  nproc,
  nvidiaSmi,
  sysctlMemsize,
  treeFromRecording,
  type Machine,
} from './fixtures.js';

/**
 * What the machine under test looks like to discovery's own I/O: `root` stands in for `/` when
 * discovery reads /sys/class/drm, /proc/self/cgroup and /sys/fs/cgroup; `commands` are the outputs
 * of the programs it runs (by name; anything else is not installed); `siCpu` is what
 * systeminformation's cpu() returns (it rejects when null).
 */
const env = vi.hoisted(() => ({
  root: null as string | null,
  commands: {} as Record<string, unknown>,
  siCpu: null as unknown,
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const redirect = (path: unknown) =>
    typeof path === 'string' &&
    env.root !== null &&
    /^\/(sys\/class\/drm|proc\/self\/cgroup|sys\/fs\/cgroup)(\/|$)/.test(path)
      ? `${env.root}${path}`
      : path;
  const readFile = ((path: unknown, ...rest: unknown[]) =>
    (actual.readFile as (...a: unknown[]) => unknown)(redirect(path), ...rest)) as typeof actual.readFile;
  const readdir = ((path: unknown, ...rest: unknown[]) =>
    (actual.readdir as (...a: unknown[]) => unknown)(redirect(path), ...rest)) as typeof actual.readdir;
  return { ...actual, readFile, readdir, default: { ...actual, readFile, readdir } };
});

vi.mock('../../../electron/discovery/run-command.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../electron/discovery/run-command.js')>();
  const { NOT_INSTALLED: missing } = await import('./fixtures.js');
  return {
    ...actual,
    runCommand: async (file: string) => (env.commands[basename(file)] as CommandResult | undefined) ?? missing,
  };
});

vi.mock('systeminformation', () => {
  const si = {
    cpu: async () => {
      if (env.siCpu === null) throw new Error('systeminformation: no cpu data in this fixture');
      return env.siCpu;
    },
    networkInterfaceDefault: async () => '',
  };
  return { default: si, ...si };
});

const tempDirs: string[] = [];
function temp(dir: string): string {
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  env.root = null;
  env.commands = {};
  env.siCpu = null;
});

/** `MemTotal` of a `/proc/meminfo` in bytes: what `os.totalmem()` reports on that Linux machine. */
function memTotalBytes(machine: Machine): number {
  return Number(/^MemTotal:\s+(\d+) kB$/m.exec(fixture(machine, 'meminfo.stdout'))![1]) * 1024;
}

/** The machine's platform, arch, CPUs and memory as Node's `os` module would report them there. */
function pretendToBe(machine: Machine, cpus: { logical: number; available: number; model: string }, memory: number) {
  const { platform, arch } = nodeProcess(machine);
  vi.spyOn(os, 'platform').mockReturnValue(platform as NodeJS.Platform);
  vi.spyOn(os, 'arch').mockReturnValue(arch);
  vi.spyOn(os, 'cpus').mockReturnValue(
    Array.from({ length: cpus.logical }, () => ({
      model: cpus.model,
      speed: 0,
      times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 },
    })),
  );
  vi.spyOn(os, 'availableParallelism').mockReturnValue(cpus.available);
  vi.spyOn(os, 'totalmem').mockReturnValue(memory);
}

/** discoverGpus as it runs on `machine`: its platform, its programs' outputs, its /sys under `root`. */
async function gpusOn(
  machine: Machine,
  commands: Record<string, CommandResult>,
  root: string = fixtureRoot(machine),
  totalMemoryBytes?: number,
): Promise<GpuDiscovery> {
  const spies: { mockRestore(): void }[] = [
    vi.spyOn(os, 'platform').mockReturnValue(nodeProcess(machine).platform as NodeJS.Platform),
  ];
  if (totalMemoryBytes !== undefined) spies.push(vi.spyOn(os, 'totalmem').mockReturnValue(totalMemoryBytes));
  env.root = root;
  env.commands = commands;
  try {
    return await discoverGpus(2000);
  } finally {
    for (const spy of spies) spy.mockRestore();
    env.root = null;
    env.commands = {};
  }
}

/**
 * The tools a recording ran (`<tool>-version.stdout`/`.stderr`/`.rc`), as probeTools would report
 * them: a tool whose call exited 127 (not found) is absent; the others have the version read from
 * stdout and stderr together.
 */
function recordedTools(machine: Machine, tools: readonly string[]): ToolProbe {
  const found: Record<string, string | null> = {};
  for (const tool of tools) {
    const name = `${tool}-version`;
    if (exitCode(machine, name) === 127) continue;
    const out = (file: string) => (hasFixture(machine, file) ? fixture(machine, file) : '');
    found[tool] = parseToolVersion(`${out(`${name}.stdout`)}\n${out(`${name}.stderr`)}`);
  }
  return { tools: found, warnings: [] };
}

/** Facts of a Linux machine, each read from its fixture through the real parsers and readers. */
async function linuxFacts(
  machine: Machine,
  options: {
    root?: string;
    commands?: Record<string, CommandResult>;
    diskFreeBytes?: number | null;
    tools?: ToolProbe;
  } = {},
): Promise<LocalFacts> {
  const root = options.root ?? fixtureRoot(machine);
  const { platform, arch } = nodeProcess(machine);
  return {
    logicalCpus: nproc(machine, true),
    availableCpus: nproc(machine),
    totalMemoryBytes: memTotalBytes(machine),
    cgroup: await readCgroupLimits(root),
    cpuModel: hasFixture(machine, 'cpuinfo-model.stdout') ? cpuinfoModel(machine) : null,
    diskFreeBytes: options.diskFreeBytes ?? null,
    gpus: await gpusOn(machine, options.commands ?? {}, root),
    platform,
    arch,
    network: true,
    tools: options.tools ?? { tools: {}, warnings: [] },
  };
}

/** assembleLocal, with its output checked against the capabilities schema users' files are held to. */
function assemble(facts: LocalFacts) {
  const result = assembleLocal(facts);
  expect(capabilitiesSchema.safeParse(result.capabilities).success).toBe(true);
  return result;
}

describe('units: GB are 10^9 bytes, one decimal', () => {
  it('turns nvidia-smi MiB and kernel bytes into GB', () => {
    const mib = (n: number) => gb(n * 1048576);
    expect(mib(81559)).toBe(85.5); // H100 80GB HBM3
    expect(mib(81920)).toBe(85.9); // A100-SXM4-80GB
    expect(mib(24564)).toBe(25.8); // RTX 4090
    expect(mib(6144)).toBe(6.4); // RTX 3060 Laptop GPU
    expect(gb(4294967296)).toBe(4.3); // memory.max of 4 GiB
    expect(gb(2147483648)).toBe(2.1); // memory.limit_in_bytes of 2 GiB
    expect(gb(34359738368)).toBe(34.4); // hw.memsize of 32 GiB
  });
});

describe('vendor names as tools print them', () => {
  it('normalises lspci, rocm-smi and system_profiler vendor strings and PCI vendor ids', () => {
    expect(normaliseVendor('NVIDIA Corporation')).toBe('nvidia');
    expect(normaliseVendor('Advanced Micro Devices, Inc. [AMD/ATI]')).toBe('amd');
    expect(normaliseVendor('Intel Corporation')).toBe('intel');
    expect(normaliseVendor('sppci_vendor_Apple Apple M2 Max')).toBe('apple');
    expect(normaliseVendor('ASPEED Technology, Inc.')).toBeNull();
    expect(vendorFromPciId(fixture('nvidia-workstation', 'sys/class/drm/card0/device/vendor'))).toBe('nvidia');
    expect(vendorFromPciId(fixture('amd-box', 'sys/class/drm/card0/device/vendor'))).toBe('amd');
    expect(vendorFromPciId(fixture('amd-box', 'sys/class/drm/card1/device/vendor'))).toBe('intel');
    expect(vendorFromPciId('0x1a03\n')).toBeNull(); // a server BMC's ASPEED VGA is no GPU
  });
});

describe('h100: a real NVIDIA H100 machine (recorded)', () => {
  const machine = 'h100';

  it('nvidia-smi CSV: one NVIDIA H100 80GB HBM3 of 85.5 GB; the driver and bus id columns are ignored', () => {
    expect(parseNvidiaSmiCsv(fixture(machine, 'nvidia-smi-query.stdout'))).toEqual([
      { vendor: 'nvidia', model: 'NVIDIA H100 80GB HBM3', vramGb: 85.5, count: 1 },
    ]);
  });

  it('/proc/meminfo: 131981020 kB total is 135.1 GB, 131473732 kB available is 134.6 GB', () => {
    expect(parseMeminfo(fixture(machine, 'meminfo.stdout'))).toEqual({ totalGb: 135.1, availableGb: 134.6 });
  });

  it('os-release: Ubuntu 24.04, quotes removed', () => {
    const release = parseOsRelease(fixture(machine, 'os-release.stdout'));
    expect(release).toMatchObject({ ID: 'ubuntu', ID_LIKE: 'debian', VERSION_ID: '24.04' });
    expect(release['PRETTY_NAME']).toBe('Ubuntu 24.04.3 LTS');
  });

  it('cgroups: a v2 path whose limit files do not exist imposes no limit', async () => {
    const root = temp(treeFromRecording(machine));
    expect(fixture(machine, 'cgroup-self.stdout')).toMatch(/^0::\//);
    expect(await readCgroupLimits(root)).toEqual({ cpu: null, memoryGb: null });
  });

  it('assembled: 16 CPUs, 135.1 GB, one H100 of 85.5 GB, free disk from df, linux/x64, tool versions', async () => {
    const root = temp(treeFromRecording(machine));
    const facts = await linuxFacts(machine, {
      root,
      commands: { 'nvidia-smi': nvidiaSmi(machine) },
      diskFreeBytes: dfAvailableBytes(fixture(machine, 'df-k.stdout')),
      tools: recordedTools(machine, ['docker', 'gcc', 'git', 'node', 'nvcc', 'nvidia-smi', 'python3']),
    });
    const { capabilities, warnings } = assemble(facts);
    expect(capabilities).toEqual({
      cpu: 16,
      memoryGb: 135.1,
      cpuModel: 'Intel(R) Xeon(R) Processor',
      diskGb: 68.7,
      gpus: [{ vendor: 'nvidia', model: 'NVIDIA H100 80GB HBM3', vramGb: 85.5, count: 1 }],
      os: 'linux',
      arch: 'x64',
      network: true,
      tools: { gcc: '13.3.0', git: '2.43.0', nvcc: '13.0', 'nvidia-smi': '580.159.04', python3: '3.12.3' },
    });
    expect(warnings).toEqual([]);
  });
  it('agrees with what `discover --json` printed on that machine the same day', async () => {
    const root = temp(treeFromRecording(machine));
    const facts = await linuxFacts(machine, {
      root,
      commands: { 'nvidia-smi': nvidiaSmi(machine) },
      tools: recordedTools(machine, ['docker', 'gcc', 'git', 'node', 'nvcc', 'nvidia-smi', 'python3']),
    });
    const { capabilities } = assemble(facts);
    const discovered = (JSON.parse(fixture(machine, 'discover.json')) as { capabilities: typeof capabilities })
      .capabilities;
    for (const key of ['cpu', 'memoryGb', 'gpus', 'os', 'arch', 'physical'] as const)
      expect(capabilities[key], key).toEqual(discovered[key]);
    // Node was carried there only for that run, after the tools were recorded.
    const { node: _node, ...discoveredTools } = discovered.tools!;
    expect(capabilities.tools).toEqual(discoveredTools);
  });
});

describe('NVIDIA workstation: one RTX 4090', () => {
  const machine = 'nvidia-workstation';

  it('nvidia-smi CSV: one NVIDIA GeForce RTX 4090 of 25.8 GB (24564 MiB)', () => {
    expect(parseNvidiaSmiCsv(fixture(machine, 'nvidia-smi-query.stdout'))).toEqual([
      { vendor: 'nvidia', model: 'NVIDIA GeForce RTX 4090', vramGb: 25.8, count: 1 },
    ]);
  });

  it('/proc/meminfo and os-release: 67.1 GB, Ubuntu 22.04', () => {
    expect(parseMeminfo(fixture(machine, 'meminfo.stdout')).totalGb).toBe(67.1);
    expect(parseOsRelease(fixture(machine, 'os-release.stdout'))).toMatchObject({
      ID: 'ubuntu',
      VERSION_ID: '22.04',
      PRETTY_NAME: 'Ubuntu 22.04.4 LTS',
    });
  });

  it('the card nvidia-drm shows in /sys/class/drm is left to nvidia-smi: one GPU, counted once', async () => {
    expect(await drmGpus(fixtureRoot(machine), true)).toEqual([]);
    expect(await gpusOn(machine, { 'nvidia-smi': nvidiaSmi(machine) })).toEqual({
      gpus: [{ vendor: 'nvidia', model: 'NVIDIA GeForce RTX 4090', vramGb: 25.8, count: 1 }],
      warnings: [],
    });
  });

  it('nvidia-smi failing (driver/library mismatch): the card is still found, its VRAM unknown, not its 32 GiB BAR', async () => {
    expect(largestBarBytes(fixture(machine, 'sys/class/drm/card0/device/resource'))).toBe(32 * 2 ** 30);
    expect(await drmGpus(fixtureRoot(machine))).toEqual([
      { vendor: 'nvidia', model: 'nvidia GPU 0x2684', vramGb: null, count: 1 },
    ]);
    const message = fixture(machine, 'nvidia-smi-mismatch.output');
    const failing = commandResult(message, exitCode(machine, 'nvidia-smi-mismatch'), message);
    const found = await gpusOn(machine, { 'nvidia-smi': failing });
    expect(found.gpus).toEqual([{ vendor: 'nvidia', model: 'nvidia GPU 0x2684', vramGb: null, count: 1 }]);
    expect(found.warnings).toEqual([
      'nvidia-smi failed (exit 18): Failed to initialize NVML: Driver/library version mismatch',
      'nvidia GPU 0x2684: VRAM unknown',
    ]);
  });

  it('a desktop session in a v2 cgroup without limit files: no limits', async () => {
    expect(await readCgroupLimits(fixtureRoot(machine))).toEqual({ cpu: null, memoryGb: null });
  });

  it('assembled: 32 CPUs, 67.1 GB, the RTX 4090, linux/x64, nothing physical beside them', async () => {
    const facts = await linuxFacts(machine, {
      commands: { 'nvidia-smi': nvidiaSmi(machine) },
      tools: recordedTools(machine, ['cargo', 'docker', 'gcc', 'go', 'python3']),
    });
    const { capabilities, warnings } = assemble(facts);
    expect(capabilities).toEqual({
      cpu: 32,
      memoryGb: 67.1,
      cpuModel: '13th Gen Intel(R) Core(TM) i9-13900K',
      gpus: [{ vendor: 'nvidia', model: 'NVIDIA GeForce RTX 4090', vramGb: 25.8, count: 1 }],
      os: 'linux',
      arch: 'x64',
      network: true,
      tools: { cargo: '1.80.0', docker: '27.1.1', gcc: '11.4.0', go: '1.22.5', python3: '3.10.12' },
    });
    expect(warnings).toEqual([]);
  });
});

describe('multi-GPU server: 8× A100-SXM4-80GB', () => {
  const machine = 'multi-gpu-server';

  it('nvidia-smi CSV: eight identical GPUs are one line with count 8, 85.9 GB each', () => {
    expect(fixture(machine, 'nvidia-smi-query.stdout').trim().split('\n')).toHaveLength(8);
    expect(parseNvidiaSmiCsv(fixture(machine, 'nvidia-smi-query.stdout'))).toEqual([
      { vendor: 'nvidia', model: 'NVIDIA A100-SXM4-80GB', vramGb: 85.9, count: 8 },
    ]);
  });

  it('different models stay apart when grouped: the H100 and the eight A100s are two lines', () => {
    const all = [
      ...parseNvidiaSmiCsv(fixture('h100', 'nvidia-smi-query.stdout')),
      ...parseNvidiaSmiCsv(fixture(machine, 'nvidia-smi-query.stdout')),
    ];
    expect(groupGpus(all)).toEqual([
      { vendor: 'nvidia', model: 'NVIDIA H100 80GB HBM3', vramGb: 85.5, count: 1 },
      { vendor: 'nvidia', model: 'NVIDIA A100-SXM4-80GB', vramGb: 85.9, count: 8 },
    ]);
  });

  it('os-release: Rocky Linux 9.4, quoted ID unquoted', () => {
    expect(parseOsRelease(fixture(machine, 'os-release.stdout'))).toMatchObject({
      ID: 'rocky',
      ID_LIKE: 'rhel centos fedora',
      VERSION_ID: '9.4',
    });
  });

  it('cgroup v2: `max` in cpu.max and memory.max all the way up is no limit', async () => {
    expect(parseCgroupLimits({ cpuMax: 'max 100000\n', memoryMax: 'max\n' })).toEqual({ cpu: null, memoryGb: null });
    expect(await readCgroupLimits(fixtureRoot(machine))).toEqual({ cpu: null, memoryGb: null });
  });

  it('assembled: 256 CPUs, 2164.1 GB, 8 A100s on one line, no physical block', async () => {
    const { capabilities, warnings } = assemble(
      await linuxFacts(machine, { commands: { 'nvidia-smi': nvidiaSmi(machine) } }),
    );
    expect(capabilities).toEqual({
      cpu: 256,
      memoryGb: 2164.1,
      cpuModel: 'AMD EPYC 7763 64-Core Processor',
      gpus: [{ vendor: 'nvidia', model: 'NVIDIA A100-SXM4-80GB', vramGb: 85.9, count: 8 }],
      os: 'linux',
      arch: 'x64',
      network: true,
      tools: {},
    });
    expect(warnings).toEqual([]);
  });
});

describe('AMD GPU box: Radeon RX 7900 XTX beside an Intel iGPU', () => {
  const machine = 'amd-box';

  it('/sys/class/drm: AMD VRAM from mem_info_vram_total (25.8 GB), not the 32 GiB BAR; the iGPU VRAM unknown', async () => {
    expect(largestBarBytes(fixture(machine, 'sys/class/drm/card0/device/resource'))).toBe(32 * 2 ** 30);
    expect(largestBarBytes(fixture(machine, 'sys/class/drm/card1/device/resource'))).toBe(256 * 2 ** 20);
    const gpus = await drmGpus(fixtureRoot(machine));
    // card0 and card1 only: connectors (card0-DP-1), render nodes and the version file are no cards.
    expect(gpus).toHaveLength(2);
    expect(gpus[0]).toMatchObject({ vendor: 'amd', vramGb: 25.8, count: 1 });
    expect(gpus[1]).toEqual({ vendor: 'intel', model: 'intel GPU 0x4680', vramGb: null, count: 1 });
  });

  it('an empty product_name (no FRU on a consumer board) names the card by its PCI device id', async () => {
    expect(fixture(machine, 'sys/class/drm/card0/device/product_name')).toBe('\n');
    const [amd] = await drmGpus(fixtureRoot(machine));
    expect(amd!.model).toBe('amd GPU 0x744c');
  });

  it('rocm-smi --json agrees: the same VRAM in bytes, and its vendor string is amd', async () => {
    const rocm = JSON.parse(fixture(machine, 'rocm-smi.stdout')) as Record<string, Record<string, string>>;
    const card = rocm['card0']!;
    expect(card['VRAM Total Memory (B)']).toBe(
      fixture(machine, 'sys/class/drm/card0/device/mem_info_vram_total').trim(),
    );
    expect(gb(Number(card['VRAM Total Memory (B)']))).toBe(25.8);
    expect(normaliseVendor(card['Card vendor']!)).toBe('amd');
  });

  it('discoverGpus without nvidia-smi: both GPUs, and a warning for the one whose VRAM is unknown', async () => {
    const found = await gpusOn(machine, {});
    expect(found.gpus).toHaveLength(2);
    expect(found.gpus![0]).toMatchObject({ vendor: 'amd', vramGb: 25.8, count: 1 });
    expect(found.gpus![1]).toEqual({ vendor: 'intel', model: 'intel GPU 0x4680', vramGb: null, count: 1 });
    expect(found.warnings).toEqual(['intel GPU 0x4680: VRAM unknown']);
  });

  it('assembled: 24 CPUs, 67.2 GB, the AMD GPU with VRAM and the Intel one without, and the warning', async () => {
    const { capabilities, warnings } = assemble(await linuxFacts(machine));
    expect(capabilities).toMatchObject({ cpu: 24, memoryGb: 67.2, os: 'linux', arch: 'x64' });
    expect(capabilities.physical).toBeUndefined();
    expect(capabilities.gpus).toEqual([
      expect.objectContaining({ vendor: 'amd', vramGb: 25.8, count: 1 }),
      { vendor: 'intel', model: 'intel GPU 0x4680', vramGb: null, count: 1 },
    ]);
    expect(warnings).toEqual(['intel GPU 0x4680: VRAM unknown']);
  });
});

describe('Apple Silicon Mac: M2 Max, 32 GB', () => {
  const machine = 'apple-silicon-mac';
  const memsize = () => sysctlMemsize(fixture(machine, 'sysctl-hw-memsize.stdout'));
  const siCpu = () => JSON.parse(fixture(machine, 'si-cpu.json')) as { cores: number; manufacturer: string };

  it('system_profiler: one Apple M2 Max whose VRAM is the unified memory (hw.memsize 34359738368 → 34.4 GB)', () => {
    expect(memsize()).toBe(34359738368);
    expect(parseSystemProfilerDisplays(fixture(machine, 'system-profiler-displays.stdout'), gb(memsize()))).toEqual([
      { vendor: 'apple', model: 'Apple M2 Max', vramGb: 34.4, count: 1 },
    ]);
  });

  it('discoverGpus on macOS asks system_profiler and gives the GPU the machine memory', async () => {
    const profiler = commandResult(fixture(machine, 'system-profiler-displays.stdout'));
    expect(await gpusOn(machine, { system_profiler: profiler }, fixtureRoot(machine), memsize())).toEqual({
      gpus: [{ vendor: 'apple', model: 'Apple M2 Max', vramGb: 34.4, count: 1 }],
      warnings: [],
    });
  });

  it('assembled: darwin/arm64 become macos/arm64; GPU VRAM equals memory', async () => {
    const { platform, arch } = nodeProcess(machine);
    expect([platform, arch]).toEqual(['darwin', 'arm64']);
    const gpus = parseSystemProfilerDisplays(fixture(machine, 'system-profiler-displays.stdout'), gb(memsize()));
    const { capabilities } = assemble({
      logicalCpus: siCpu().cores,
      availableCpus: siCpu().cores,
      totalMemoryBytes: memsize(),
      cgroup: { cpu: null, memoryGb: null },
      cpuModel: null,
      diskFreeBytes: null,
      gpus: { gpus, warnings: [] },
      platform,
      arch,
      network: true,
      tools: { tools: {}, warnings: [] },
    });
    expect(capabilities).toEqual({
      cpu: 12,
      memoryGb: 34.4,
      gpus: [{ vendor: 'apple', model: 'Apple M2 Max', vramGb: 34.4, count: 1 }],
      os: 'macos',
      arch: 'arm64',
      network: true,
      tools: {},
    });
  });

  it('discoverLocal on this Mac: Apple M2 Max (from the OS, never si.cpu(), which blocks there), 12 CPUs, 34.4 GB, macos/arm64', async () => {
    const diskDir = temp(mkdtempSync(join(os.tmpdir(), 'pe-normalise-')));
    pretendToBe(machine, { logical: 12, available: 12, model: 'Apple M2 Max' }, memsize());
    env.siCpu = { ...siCpu(), brand: 'must not be asked' };
    env.root = fixtureRoot(machine);
    env.commands = { system_profiler: commandResult(fixture(machine, 'system-profiler-displays.stdout')) };
    const report = await discoverLocal({ diskDir, path: '', timeoutMs: 2000 });
    expect(report.capabilities).toMatchObject({
      cpu: 12,
      memoryGb: 34.4,
      cpuModel: 'Apple M2 Max',
      gpus: [{ vendor: 'apple', model: 'Apple M2 Max', vramGb: 34.4, count: 1 }],
      os: 'macos',
      arch: 'arm64',
      tools: {},
    });
    expect(report.capabilities.physical).toBeUndefined();
    expect(report.warnings).toEqual([]);
  });
});

describe('Windows laptop: RTX 3060 Laptop GPU', () => {
  const machine = 'windows-laptop';
  const totalmem = () => Number(fixture(machine, 'os-totalmem.stdout').trim());
  const siCpu = () => JSON.parse(fixture(machine, 'si-cpu.json')) as { cores: number };

  it('nvidia-smi CSV with CRLF line ends: one RTX 3060 Laptop GPU of 6.4 GB, no stray \\r', () => {
    expect(fixture(machine, 'nvidia-smi-query.stdout')).toMatch(/\r\n$/);
    expect(parseNvidiaSmiCsv(fixture(machine, 'nvidia-smi-query.stdout'))).toEqual([
      { vendor: 'nvidia', model: 'NVIDIA GeForce RTX 3060 Laptop GPU', vramGb: 6.4, count: 1 },
    ]);
  });

  it('discoverGpus on Windows: the NVIDIA GPU from nvidia-smi; without nvidia-smi, GPUs unknown with a warning', async () => {
    expect(await gpusOn(machine, { 'nvidia-smi': nvidiaSmi(machine) })).toEqual({
      gpus: [{ vendor: 'nvidia', model: 'NVIDIA GeForce RTX 3060 Laptop GPU', vramGb: 6.4, count: 1 }],
      warnings: [],
    });
    const none = await gpusOn(machine, {});
    expect(none.gpus).toBeNull();
    expect(none.warnings).toEqual(['GPUs other than NVIDIA are not discovered on windows; GPUs unknown']);
  });

  it('assembled: win32/x64 become windows/x64; unknown GPUs are absent, not an empty list', async () => {
    const { platform, arch } = nodeProcess(machine);
    const facts: LocalFacts = {
      logicalCpus: siCpu().cores,
      availableCpus: siCpu().cores,
      totalMemoryBytes: totalmem(),
      cgroup: { cpu: null, memoryGb: null },
      cpuModel: null,
      diskFreeBytes: null,
      gpus: await gpusOn(machine, { 'nvidia-smi': nvidiaSmi(machine) }),
      platform,
      arch,
      network: true,
      tools: { tools: {}, warnings: [] },
    };
    expect(assemble(facts).capabilities).toEqual({
      cpu: 20,
      memoryGb: 16.9,
      gpus: [{ vendor: 'nvidia', model: 'NVIDIA GeForce RTX 3060 Laptop GPU', vramGb: 6.4, count: 1 }],
      os: 'windows',
      arch: 'x64',
      network: true,
      tools: {},
    });
    const unknown = assemble({ ...facts, gpus: await gpusOn(machine, {}) });
    expect('gpus' in unknown.capabilities).toBe(false);
    expect(unknown.warnings).toEqual(['GPUs other than NVIDIA are not discovered on windows; GPUs unknown']);
  });

  it('discoverLocal on this laptop: 20 CPUs, 16.9 GB, the RTX 3060, windows/x64', async () => {
    const diskDir = temp(mkdtempSync(join(os.tmpdir(), 'pe-normalise-')));
    pretendToBe(machine, { logical: 20, available: 20, model: '12th Gen Intel(R) Core(TM) i7-12700H' }, totalmem());
    env.siCpu = siCpu();
    env.root = fixtureRoot(machine);
    env.commands = { 'nvidia-smi': nvidiaSmi(machine) };
    const report = await discoverLocal({ diskDir, path: '', timeoutMs: 2000 });
    expect(report.capabilities).toMatchObject({
      cpu: 20,
      memoryGb: 16.9,
      gpus: [{ vendor: 'nvidia', model: 'NVIDIA GeForce RTX 3060 Laptop GPU', vramGb: 6.4, count: 1 }],
      os: 'windows',
      arch: 'x64',
    });
    expect(report.capabilities.physical).toBeUndefined();
  });

  it('cpuModel of a 12th-gen Intel CPU reads as its name, not "Intel Gen Intel® Core™ i7-12700H"', async () => {
    // systeminformation drops the first word of the brand ("12th") and keeps "Gen Intel® …" as brand.
    const diskDir = temp(mkdtempSync(join(os.tmpdir(), 'pe-normalise-')));
    pretendToBe(machine, { logical: 20, available: 20, model: '12th Gen Intel(R) Core(TM) i7-12700H' }, totalmem());
    env.siCpu = siCpu();
    env.root = fixtureRoot(machine);
    const { capabilities } = await discoverLocal({ diskDir, path: '', timeoutMs: 2000 });
    expect(capabilities.cpuModel).toMatch(/Core™ i7-12700H$/);
    expect(capabilities.cpuModel).not.toMatch(/Gen Intel.*Gen Intel|Intel Gen Intel/);
  });
});

describe('cgroup v2 container: --cpus=1.5 --memory=4g', () => {
  const machine = 'cgroup-v2-container';

  it('cpu.max "150000 100000" is 1.5 CPUs, memory.max 4294967296 is 4.3 GB', async () => {
    expect(fixture(machine, 'proc/self/cgroup')).toBe('0::/\n');
    expect(await readCgroupLimits(fixtureRoot(machine))).toEqual({ cpu: 1.5, memoryGb: 4.3 });
  });

  it('assembled: effective 1.5 CPUs and 4.3 GB, the host 16 CPUs and 33.6 GB beside them as physical', async () => {
    const { capabilities } = assemble(await linuxFacts(machine));
    expect(capabilities).toEqual({
      cpu: 1.5,
      memoryGb: 4.3,
      physical: { cpu: 16, memoryGb: 33.6 },
      gpus: [],
      os: 'linux',
      arch: 'x64',
      network: true,
      tools: {},
    });
    expect(parseOsRelease(fixture(machine, 'os-release.stdout'))['ID']).toBe('debian');
  });

  it('discoverLocal inside it reads its own /proc/self/cgroup and /sys/fs/cgroup', async () => {
    const diskDir = temp(mkdtempSync(join(os.tmpdir(), 'pe-normalise-')));
    pretendToBe(machine, { logical: 16, available: 16, model: 'AMD EPYC 7B13' }, memTotalBytes(machine));
    env.root = fixtureRoot(machine);
    const { capabilities } = await discoverLocal({ diskDir, path: '', timeoutMs: 2000 });
    expect(capabilities).toMatchObject({
      cpu: 1.5,
      memoryGb: 4.3,
      physical: { cpu: 16, memoryGb: 33.6 },
      cpuModel: 'AMD EPYC 7B13',
      gpus: [],
      os: 'linux',
      arch: 'x64',
    });
  });
});

describe('cgroup v1 container: a Kubernetes pod on a v1 node', () => {
  const machine = 'cgroup-v1-container';
  const pod = 'kubepods/burstable/pod5f3c2d1e-8a4b-4c6d-9e0f-1a2b3c4d5e6f';

  it('the v1 "no limit" value and a quota of -1 are no limit', () => {
    const noLimit = fixture(machine, 'sys/fs/cgroup/memory/memory.limit_in_bytes');
    expect(noLimit).toBe('9223372036854771712\n');
    expect(
      parseCgroupLimits({
        memoryLimitInBytes: noLimit,
        cfsQuotaUs: fixture(machine, 'sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us'),
        cfsPeriodUs: fixture(machine, 'sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us'),
      }),
    ).toEqual({ cpu: null, memoryGb: null });
  });

  it('walks up the nested path: the pod-level 2 GiB limit applies, and the tighter CPU quota (2 of the pod’s 4) wins', async () => {
    expect(fixture(machine, `sys/fs/cgroup/memory/${pod}/memory.limit_in_bytes`)).toBe('2147483648\n');
    expect(fixture(machine, `sys/fs/cgroup/cpu,cpuacct/${pod}/cpu.cfs_quota_us`)).toBe('400000\n');
    expect(await readCgroupLimits(fixtureRoot(machine))).toEqual({ cpu: 2, memoryGb: 2.1 });
  });

  it('assembled: effective 2 CPUs and 2.1 GB, the node’s 8 CPUs and 16.7 GB as physical', async () => {
    const { capabilities } = assemble(await linuxFacts(machine));
    expect(capabilities).toEqual({
      cpu: 2,
      memoryGb: 2.1,
      physical: { cpu: 8, memoryGb: 16.7 },
      gpus: [],
      os: 'linux',
      arch: 'x64',
      network: true,
      tools: {},
    });
    expect(parseOsRelease(fixture(machine, 'os-release.stdout'))).toMatchObject({ ID: 'alpine', VERSION_ID: '3.20.3' });
  });
});

describe('tool versions from what the tools print', () => {
  it('java -version (on stderr): OpenJDK 17.0.12', () => {
    expect(parseToolVersion(fixture('nvidia-workstation', 'java-version.stderr'))).toBe('17.0.12');
  });

  it('java -version of a GA release, which prints no dotted version ("21" 2023-09-19): 21', () => {
    expect(parseToolVersion(fixture('windows-laptop', 'java-version.stderr'))).toBe('21');
  });

  it('go version: go1.22.5 on Linux and macOS', () => {
    expect(parseToolVersion(fixture('nvidia-workstation', 'go-version.stdout'))).toBe('1.22.5');
    expect(parseToolVersion(fixture('apple-silicon-mac', 'go-version.stdout'))).toBe('1.22.5');
  });

  it('python3 -V, with LF and CRLF line ends', () => {
    expect(parseToolVersion(fixture('h100', 'python3-version.stdout'))).toBe('3.12.3');
    expect(parseToolVersion(fixture('nvidia-workstation', 'python3-version.stdout'))).toBe('3.10.12');
    expect(parseToolVersion(fixture('windows-laptop', 'python3-version.stdout'))).toBe('3.12.4');
  });

  it('kubectl version --client: the client version, not Kustomize’s', () => {
    expect(parseToolVersion(fixture('nvidia-workstation', 'kubectl-version-client.stdout'))).toBe('1.30.3');
  });

  it('docker --version: 27.1.1, not the build hash', () => {
    expect(parseToolVersion(fixture('nvidia-workstation', 'docker-version.stdout'))).toBe('27.1.1');
  });

  it('nvidia-smi --version (h100): the NVIDIA-SMI version 580.159.04', () => {
    expect(parseToolVersion(fixture('h100', 'nvidia-smi-version.stdout'))).toBe('580.159.04');
  });

  it('gcc --version: the compiler version, not the distribution package’s', () => {
    expect(parseToolVersion(fixture('h100', 'gcc-version.stdout'))).toBe('13.3.0');
    expect(parseToolVersion(fixture('nvidia-workstation', 'gcc-version.stdout'))).toBe('11.4.0');
  });

  it('cargo --version: 1.80.0', () => {
    expect(parseToolVersion(fixture('nvidia-workstation', 'cargo-version.stdout'))).toBe('1.80.0');
  });

  it('nvcc --version (h100): the CUDA release 13.0, not a year of its copyright or build date', () => {
    expect(parseToolVersion(fixture('h100', 'nvcc-version.stdout'))).toBe('13.0');
  });

  it('git --version (h100): 2.43.0', () => {
    expect(parseToolVersion(fixture('h100', 'git-version.stdout'))).toBe('2.43.0');
  });

  it('a shell’s "not found" message (h100, docker missing) is no version: its line number is not one', () => {
    expect(exitCode('h100', 'docker-version')).toBe(127);
    expect(parseToolVersion(fixture('h100', 'docker-version.stderr'))).toBeNull();
  });
});
