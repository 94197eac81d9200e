// The probe script's JSON document (see probe-script.ts) → capabilities, for Linux and macOS remotes.
import {
  architecture,
  operatingSystem,
  toolName,
  type Capabilities,
  type GpuDevice,
} from '../../shared/schema/capabilities.js';
import {
  gb,
  groupGpus,
  parseCgroupLimits,
  parseMeminfo,
  parseNvidiaSmiCsv,
  parseOsRelease,
  parseSystemProfilerDisplays,
  parseToolVersion,
  vendorFromPciId,
  type CgroupFiles,
} from './parse.js';

/** Text as one printable line of at most 200 characters: control characters become spaces. */
export const oneLine = (text: string) =>
  Array.from(text, (c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);

const whole = (text: string | undefined) => (text !== undefined && /^\s*\d+\s*$/.test(text) ? Number(text) : null);
const minOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

/** `df -Pk`: the Available column of its last line, in bytes. */
function dfAvailableBytes(text: string): number | null {
  const last = text.trim().split('\n').pop() ?? '';
  const m = /\s(\d+)\s+(\d+)\s+(\d+)\s+\d+%\s/.exec(`${last} `);
  return m ? Number(m[3]) * 1024 : null;
}

/** `rocm-smi --showproductname --showmeminfo vram --json`: {"card0": {"Card Series": …, "VRAM Total Memory (B)": …}}. */
function rocmGpus(text: string): GpuDevice[] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
  } catch {
    return null;
  }
  if (doc === null || typeof doc !== 'object') return null;
  const devices: GpuDevice[] = [];
  for (const [card, value] of Object.entries(doc as Record<string, unknown>)) {
    if (!/^card\d+$/.test(card) || value === null || typeof value !== 'object') continue;
    const fields = new Map(Object.entries(value).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const vram = fields.get('vram total memory (b)');
    devices.push({
      vendor: 'amd',
      model: (fields.get('card series') ?? fields.get('device name') ?? fields.get('card model') ?? 'AMD GPU').slice(
        0,
        200,
      ),
      vramGb: vram !== undefined && /^\d+$/.test(vram) ? gb(Number(vram)) : null,
    });
  }
  return groupGpus(devices);
}

/** The probe's `drm` lines (`card0 0x1002 68702699520 Instinct MI210`), as /sys/class/drm says. */
function drmGpus(text: string, skip: ReadonlySet<string>): GpuDevice[] {
  const devices: GpuDevice[] = [];
  for (const line of text.split('\n')) {
    const [, id = '', vram = '-', ...name] = line.trim().split(/\s+/);
    const vendor = vendorFromPciId(id);
    if (vendor === null || skip.has(vendor)) continue;
    const model = name.join(' ') || `${vendor} GPU`;
    devices.push({ vendor, model, vramGb: /^\d+$/.test(vram) ? gb(Number(vram)) : null });
  }
  return devices;
}

/** Linux: a default route through an interface that is up; macOS: `route -n get default` names one. */
function hasNetwork(route: string | undefined, net: string | undefined, macRoute: string | undefined): boolean | null {
  if (macRoute !== undefined) return /interface:\s*\S+/.test(macRoute);
  if (route === undefined || net === undefined) return null;
  const up = new Set(
    net
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter(([, state]) => state === 'up' || state === 'unknown')
      .map(([name]) => name),
  );
  return route
    .split('\n')
    .slice(1)
    .some((line) => {
      const [iface, destination] = line.trim().split(/\s+/);
      return destination === '00000000' && iface !== undefined && iface !== 'lo' && up.has(iface);
    });
}

/**
 * Capabilities from a probe document (see probe-script.ts): the effective CPU and memory (a cgroup's
 * limits when lower) with the machine's as `physical` when they differ, sizes in GB to one decimal.
 * Pure; a missing or garbled section leaves its field unknown with a warning, never throws.
 */
export function normaliseProbeDocument(doc: unknown): { capabilities: Capabilities; warnings: string[] } {
  const warnings: string[] = [];
  const capabilities: Capabilities = {};
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
    return { capabilities, warnings: ['the probe document is not a JSON object; nothing is known'] };
  const d = doc as Record<string, unknown>;
  if (d['v'] !== 1) warnings.push(`unexpected probe document version ${JSON.stringify(d['v'])}; reading it anyway`);
  const text = (key: string, from: Record<string, unknown> = d): string | undefined => {
    const v = from[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    warnings.push(`probe section "${key}" is not text; ignored`);
    return undefined;
  };

  // `uname -srm`: "Linux 6.1.0-18-amd64 x86_64".
  const uname = (text('uname') ?? '').trim().split(/\s+/);
  const kernel = uname[0];
  const machine = uname.length > 1 ? uname[uname.length - 1] : undefined;
  const osName = operatingSystem.safeParse(kernel?.toLowerCase());
  if (osName.success) capabilities.os = osName.data;
  else if (parseOsRelease(text('osRelease') ?? '')['ID'] !== undefined) capabilities.os = 'linux';
  else warnings.push('operating system unknown');
  const arch = architecture.safeParse(machine?.toLowerCase());
  if (arch.success) capabilities.arch = arch.data;
  else warnings.push(`architecture unknown${machine ? ` (${oneLine(machine)})` : ''}`);

  let cgroupCpu: number | null = null;
  let cgroupMemoryGb: number | null = null;
  const cgroups = Array.isArray(d['cgroups']) ? d['cgroups'] : [];
  for (const level of cgroups) {
    if (level === null || typeof level !== 'object') continue;
    const files: CgroupFiles = {};
    for (const k of ['cpuMax', 'memoryMax', 'cfsQuotaUs', 'cfsPeriodUs', 'memoryLimitInBytes'] as const) {
      const v = text(k, level as Record<string, unknown>);
      if (v !== undefined) files[k] = v;
    }
    const limits = parseCgroupLimits(files);
    cgroupCpu = minOf(cgroupCpu, limits.cpu);
    cgroupMemoryGb = minOf(cgroupMemoryGb, limits.memoryGb);
  }

  const logicalCpus = whole(text('ncpuOnline')) ?? whole(text('macNcpu')) ?? whole(text('nproc'));
  const availableCpus = whole(text('nproc')) ?? logicalCpus;
  const memsize = whole(text('macMemsize'));
  const physicalMemoryGb = parseMeminfo(text('meminfo') ?? '').totalGb ?? (memsize === null ? null : gb(memsize));
  if (availableCpus !== null) capabilities.cpu = Math.min(availableCpus, cgroupCpu ?? Infinity);
  else warnings.push('CPU count unknown');
  if (physicalMemoryGb !== null) capabilities.memoryGb = Math.min(physicalMemoryGb, cgroupMemoryGb ?? Infinity);
  else warnings.push('memory unknown');
  if (
    (logicalCpus !== null && capabilities.cpu !== undefined && capabilities.cpu !== logicalCpus) ||
    (physicalMemoryGb !== null && capabilities.memoryGb !== physicalMemoryGb)
  ) {
    capabilities.physical = {};
    if (logicalCpus !== null) capabilities.physical.cpu = logicalCpus;
    if (physicalMemoryGb !== null) capabilities.physical.memoryGb = physicalMemoryGb;
  }
  const cpuModel = oneLine(text('cpuModel') ?? text('macCpuBrand') ?? '');
  if (cpuModel !== '') capabilities.cpuModel = cpuModel;

  const disk = dfAvailableBytes(text('df') ?? '');
  if (disk !== null) capabilities.diskGb = gb(disk);
  else warnings.push('free disk unknown');

  const gpus = probeGpus(d, text, capabilities.os, physicalMemoryGb, warnings);
  if (gpus !== null) capabilities.gpus = gpus;

  const network = hasNetwork(text('route'), text('net'), text('macRoute'));
  if (network !== null) capabilities.network = network;

  const tools = probeTools(d['tools'], warnings);
  if (tools !== null) capabilities.tools = tools;
  return { capabilities, warnings };
}

function probeGpus(
  d: Record<string, unknown>,
  text: (key: string) => string | undefined,
  osName: Capabilities['os'],
  memoryGb: number | null,
  warnings: string[],
): GpuDevice[] | null {
  const displays = text('macDisplays');
  if (osName === 'macos') {
    if (displays === undefined || memoryGb === null) {
      warnings.push('GPUs unknown (no system_profiler output)');
      return null;
    }
    return parseSystemProfilerDisplays(displays, memoryGb);
  }
  if (osName !== 'linux') return null;
  const found: GpuDevice[] = [];
  const listed = new Set<string>();
  const nvidia = text('nvidiaSmi');
  if (nvidia !== undefined) {
    // Only "name, MiB" lines: nvidia-smi prints its failures ("couldn't communicate with the driver") on stdout.
    const rows = nvidia.split('\n').filter((l) => /^[^,]+,\s*(\d+(\.\d+)?|\[[^\]]*\])\s*$/.test(l.trim()));
    if (rows.length > 0 || nvidia.trim() === '') {
      found.push(...parseNvidiaSmiCsv(rows.join('\n')));
      listed.add('nvidia');
    } else warnings.push(`nvidia-smi listed no GPUs: ${oneLine(nvidia.split('\n')[0] ?? '')}`);
  }
  const rocm = text('rocmSmi');
  if (rocm !== undefined) {
    const amd = rocmGpus(rocm);
    if (amd !== null) {
      found.push(...amd);
      listed.add('amd');
    } else warnings.push('rocm-smi printed no JSON; AMD GPUs read from /sys/class/drm');
  }
  found.push(...drmGpus(text('drm') ?? '', listed));
  const gpus = groupGpus(found);
  for (const g of gpus) if (g.vramGb === null) warnings.push(`${g.model ?? g.vendor}: VRAM unknown`);
  return gpus;
}

/** The probe's `tools` section (`name → output\n@rc=N`): versions; a shim that fails without one is no tool. */
function probeTools(section: unknown, warnings: string[]): Record<string, string | null> | null {
  if (section === null || typeof section !== 'object' || Array.isArray(section)) {
    warnings.push('tools unknown (no tools section)');
    return null;
  }
  const tools: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(section)) {
    if (!toolName.safeParse(name).success || typeof value !== 'string') {
      warnings.push(`tool entry ${JSON.stringify(name.slice(0, 64))} ignored`);
      continue;
    }
    const m = /\n?@rc=(\d+)\s*$/.exec(value);
    const rc = m ? Number(m[1]) : null;
    const version = parseToolVersion(m ? value.slice(0, m.index) : value);
    if (rc === 137 || rc === 124) warnings.push(`${name}: no answer to its version call in time; version unknown`);
    else if (rc !== null && rc !== 0 && version === null) {
      warnings.push(`${name}: on PATH but its version call fails (a shim without a real tool?); not counted`);
      continue;
    } else if (version === null) warnings.push(`${name}: version not recognised in its output`);
    tools[name] = rc === 137 || rc === 124 ? null : version;
  }
  return tools;
}
