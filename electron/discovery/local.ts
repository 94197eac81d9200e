import { readFile, statfs } from 'node:fs/promises';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import type { Capabilities } from '../../shared/schema/capabilities.js';
import { readCgroupLimits } from './cgroups.js';
import { linuxCpuName, type CpuName } from './cpu-name.js';
import { discoverGpus, type GpuDiscovery } from './gpus.js';
import { gb } from './parse.js';
import { DEFAULT_TOOLS, probeTools, type ToolProbe } from './tools.js';
import type { DiscoveryReport } from './types.js';

export interface LocalDiscoveryOptions {
  /** The volume whose free space counts as the disk (the data directory's). */
  diskDir: string;
  /** Tools to look for besides the default set. */
  tools?: readonly string[];
  /** PATH to search; the process's own by default. */
  path?: string;
  /** Bound on every external command. */
  timeoutMs?: number;
  /** ms clock, for durationMs. */
  now?: () => number;
}

/** statfs of the directory, or of its nearest existing ancestor (a data directory not made yet). */
async function freeSpace(dir: string): Promise<{ bavail: number; bsize: number } | null> {
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      return await statfs(d);
    } catch {
      if (dirname(d) === d) return null;
    }
  }
}

/** Whether a non-loopback interface that is up carries the default route. */
async function hasNetwork(): Promise<boolean> {
  const up = (name: string) => (os.networkInterfaces()[name] ?? []).some((a) => !a.internal);
  if (os.platform() === 'linux') {
    try {
      const routes = await readFile('/proc/net/route', 'utf8');
      return routes
        .split('\n')
        .slice(1)
        .some((line) => {
          const [iface, destination] = line.trim().split(/\s+/);
          return destination === '00000000' && iface !== undefined && up(iface);
        });
    } catch {
      // fall through to systeminformation
    }
  }
  const si = await systemInformation();
  const iface = await si.networkInterfaceDefault().catch(() => '');
  return iface !== '' && up(iface);
}

/** systeminformation, loaded where it is used: on Linux discovery reads what it needs itself. */
async function systemInformation() {
  return (await import('systeminformation')).default;
}

/**
 * The CPU's name as systeminformation's cpu() gives it. On macOS si.cpu() runs `ioreg` synchronously
 * (Apple Silicon core clusters), which would block the event loop; there the OS's own model name
 * (`Apple M2 Max`) is all we need.
 */
async function cpuNameOf(timeoutMs: number): Promise<CpuName | null> {
  const platform = os.platform();
  if (platform === 'darwin') return null;
  if (platform === 'linux') {
    const found = await linuxCpuName(os.cpus()[0]?.model ?? '', timeoutMs);
    if (found !== null) return found;
  }
  const si = await systemInformation();
  return si.cpu().catch(() => null);
}

/** systeminformation's manufacturer and brand as one name, without saying the maker twice. */
export function cpuName(manufacturer: string, brand: string): string | null {
  if (brand === '' || brand === 'unknown') return null;
  const maker = manufacturer === 'unknown' ? '' : manufacturer;
  // Intel's 12th-gen brand strings read "Gen Intel® Core™ i7-12700H" once systeminformation strips "12th".
  const cleaned = brand.replace(/^Gen\s+/, '');
  return maker === '' || cleaned.toLowerCase().includes(maker.toLowerCase()) ? cleaned : `${maker} ${cleaned}`;
}

/** What discovery gathered on a machine, before it becomes capabilities. */
export interface LocalFacts {
  /** Logical CPUs of the machine, and those this process may use (affinity). */
  logicalCpus: number;
  availableCpus: number;
  totalMemoryBytes: number;
  cgroup: { cpu: number | null; memoryGb: number | null };
  cpuModel: string | null;
  diskFreeBytes: number | null;
  gpus: GpuDiscovery;
  /** `process.platform` and `process.arch` values. */
  platform: string;
  arch: string;
  network: boolean;
  tools: ToolProbe;
}

/**
 * Capabilities from gathered facts: the effective CPU and memory (a cgroup's limits when lower than
 * the machine's, with the machine's beside them as `physical`), sizes in GB to one decimal, names
 * normalised (darwin → macos, win32 → windows).
 */
export function assembleLocal(facts: LocalFacts): { capabilities: Capabilities; warnings: string[] } {
  const physicalMemoryGb = gb(facts.totalMemoryBytes);
  const cpu = Math.min(facts.availableCpus, facts.cgroup.cpu ?? Infinity);
  const memoryGb = Math.min(physicalMemoryGb, facts.cgroup.memoryGb ?? Infinity);
  const capabilities: Capabilities = { cpu, memoryGb };
  if (cpu !== facts.logicalCpus || memoryGb !== physicalMemoryGb)
    capabilities.physical = { cpu: facts.logicalCpus, memoryGb: physicalMemoryGb };
  if (facts.cpuModel) capabilities.cpuModel = facts.cpuModel;
  if (facts.diskFreeBytes !== null) capabilities.diskGb = gb(facts.diskFreeBytes);
  if (facts.gpus.gpus !== null) capabilities.gpus = facts.gpus.gpus;
  const osName = { linux: 'linux', darwin: 'macos', win32: 'windows' }[facts.platform] as Capabilities['os'];
  if (osName) capabilities.os = osName;
  const arch = { x64: 'x64', arm64: 'arm64' }[facts.arch] as Capabilities['arch'];
  if (arch) capabilities.arch = arch;
  capabilities.network = facts.network;
  capabilities.tools = facts.tools.tools;
  return { capabilities, warnings: [...facts.gpus.warnings, ...facts.tools.warnings] };
}

/**
 * Everything this machine can do, in parallel, every external call bounded: CPUs and memory (the
 * cgroup's limits when lower, the machine's beside them), free disk, GPUs, OS, arch, network, tools.
 */
export async function discoverLocal(options: LocalDiscoveryOptions): Promise<DiscoveryReport> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const timeoutMs = options.timeoutMs ?? 2000;
  const toolNames = [...new Set([...DEFAULT_TOOLS, ...(options.tools ?? [])])].sort();
  // The tools first: their version calls take longest, and all of them start here, at once.
  const [tools, cpuInfo, limits, disk, gpus, network] = await Promise.all([
    probeTools(toolNames, options.path ?? process.env['PATH'] ?? '', timeoutMs),
    cpuNameOf(timeoutMs),
    readCgroupLimits(),
    freeSpace(options.diskDir),
    discoverGpus(timeoutMs),
    hasNetwork(),
  ]);
  const { capabilities, warnings } = assembleLocal({
    logicalCpus: os.cpus().length || os.availableParallelism(),
    availableCpus: os.availableParallelism(),
    totalMemoryBytes: os.totalmem(),
    cgroup: limits,
    cpuModel: (cpuInfo && cpuName(cpuInfo.manufacturer, cpuInfo.brand)) ?? os.cpus()[0]?.model ?? null,
    diskFreeBytes: disk ? disk.bavail * disk.bsize : null,
    gpus,
    platform: os.platform(),
    arch: os.arch(),
    network,
    tools,
  });
  if (disk === null) warnings.push(`free disk of ${options.diskDir} unknown`);
  return {
    targetId: 'local',
    capabilities,
    warnings,
    discoveredAt: new Date().toISOString(),
    durationMs: Math.round((now() - started) * 10) / 10,
    toolsProbed: toolNames,
  };
}
