import type { GpuDevice } from '../../shared/schema/capabilities.js';
import type { GpuVendor } from '../../shared/schema/aliases.js';

/** GB (10^9 bytes) rounded to one decimal, as every size in the app. */
export function gb(bytes: number): number {
  return Math.round(bytes / 1e8) / 10;
}

/** A vendor name as tools print it ("NVIDIA Corporation", "Advanced Micro Devices, Inc. [AMD/ATI]", "Apple") → ours. */
export function normaliseVendor(text: string): GpuVendor | null {
  const t = text.toLowerCase();
  if (/nvidia/.test(t)) return 'nvidia';
  if (/\bamd\b|advanced micro devices|\bati\b|radeon/.test(t)) return 'amd';
  if (/intel/.test(t)) return 'intel';
  if (/apple/.test(t)) return 'apple';
  return null;
}

/** Identical GPUs (same vendor, model, VRAM) become one device line with a count. */
export function groupGpus(devices: readonly GpuDevice[]): GpuDevice[] {
  const out: GpuDevice[] = [];
  for (const d of devices) {
    const same = out.find((o) => o.vendor === d.vendor && o.model === d.model && o.vramGb === d.vramGb);
    if (same) same.count = (same.count ?? 1) + (d.count ?? 1);
    else out.push({ ...d, count: d.count ?? 1 });
  }
  return out;
}

/**
 * `nvidia-smi --query-gpu=name,memory.total --format=csv,noheader,nounits`: one line per GPU,
 * `NVIDIA H100 80GB HBM3, 81559` (MiB). Extra columns after the first two are ignored.
 */
export function parseNvidiaSmiCsv(text: string): GpuDevice[] {
  const devices: GpuDevice[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const [name, mib] = line.split(',').map((s) => s.trim());
    const vram = Number(mib);
    devices.push({
      vendor: 'nvidia',
      model: name!,
      vramGb: mib !== undefined && /^\d+(\.\d+)?$/.test(mib) ? gb(vram * 1048576) : null,
    });
  }
  return groupGpus(devices);
}

/** `/proc/meminfo`: MemTotal and MemAvailable in GB. */
export function parseMeminfo(text: string): { totalGb: number | null; availableGb: number | null } {
  const field = (name: string) => {
    const m = new RegExp(`^${name}:\\s+(\\d+)\\s*kB`, 'm').exec(text);
    return m ? gb(Number(m[1]) * 1024) : null;
  };
  return { totalGb: field('MemTotal'), availableGb: field('MemAvailable') };
}

/** The cgroup files that limit CPU and memory; absent files are undefined. */
export interface CgroupFiles {
  /** v2 `/sys/fs/cgroup/cpu.max`: `max 100000` or `200000 100000`. */
  cpuMax?: string;
  /** v2 `/sys/fs/cgroup/memory.max`: `max` or bytes. */
  memoryMax?: string;
  /** v1 `cpu.cfs_quota_us` (-1 = none) and `cpu.cfs_period_us`. */
  cfsQuotaUs?: string;
  cfsPeriodUs?: string;
  /** v1 `memory.limit_in_bytes` (a huge number = none). */
  memoryLimitInBytes?: string;
}

/** The effective CPU (cores, may be fractional) and memory limit a cgroup imposes; null where it imposes none. */
export function parseCgroupLimits(files: CgroupFiles): { cpu: number | null; memoryGb: number | null } {
  let cpu: number | null = null;
  let memoryGb: number | null = null;
  const v2 = files.cpuMax?.trim().split(/\s+/);
  if (v2 && v2[0] !== 'max' && Number(v2[0]) > 0 && Number(v2[1]) > 0) cpu = Number(v2[0]) / Number(v2[1]);
  else if (files.cfsQuotaUs !== undefined && Number(files.cfsQuotaUs) > 0 && Number(files.cfsPeriodUs) > 0)
    cpu = Number(files.cfsQuotaUs) / Number(files.cfsPeriodUs);
  const mem = files.memoryMax?.trim() ?? files.memoryLimitInBytes?.trim();
  // cgroup v1 writes "no limit" as a page-rounded 2^63; anything past 2^60 bytes is no limit.
  if (mem !== undefined && /^\d+$/.test(mem) && Number(mem) < 2 ** 60) memoryGb = gb(Number(mem));
  return { cpu: cpu === null ? null : Math.round(cpu * 100) / 100, memoryGb };
}

/** `/etc/os-release`: its KEY=value pairs, quotes removed. */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
  return out;
}

/** The first version number in a tool's `--version` output (`git version 2.39.5` → `2.39.5`). */
export function parseToolVersion(text: string): string | null {
  // A dotted version anywhere (`go1.22.1`, `v20.20.2`); a bare number only as a word of its own
  // (`openjdk version "21"`), so that `python3` in `pyenv: python3: command not found` and the line
  // number in `sh: 6: docker: not found` are no versions.
  const m = /(?:^|[^\d.])v?(\d+(?:\.\d+){1,3})(?![\d.])/.exec(text) ?? /(?:^|[\s"'])v?(\d+)(?![\d.\w:])/m.exec(text);
  return m ? m[1]! : null;
}

/**
 * `system_profiler SPDisplaysDataType -json` on macOS. Apple Silicon GPUs share the machine's
 * memory (`unifiedMemoryGb`); discrete GPUs state their VRAM (`spdisplays_vram: "8 GB"`).
 */
export function parseSystemProfilerDisplays(text: string, unifiedMemoryGb: number): GpuDevice[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const list = (doc as { SPDisplaysDataType?: Record<string, unknown>[] }).SPDisplaysDataType ?? [];
  const devices: GpuDevice[] = [];
  for (const d of list) {
    const model = String(d['sppci_model'] ?? d['_name'] ?? 'GPU');
    const vendor = normaliseVendor(`${String(d['spdisplays_vendor'] ?? '')} ${model}`);
    if (vendor === null) continue;
    const vram = /^(\d+(?:\.\d+)?)\s*(GB|MB)$/i.exec(String(d['spdisplays_vram'] ?? d['spdisplays_vram_shared'] ?? ''));
    const vramGb =
      vendor === 'apple'
        ? unifiedMemoryGb
        : vram
          ? gb(Number(vram[1]) * (vram[2]!.toUpperCase() === 'GB' ? 1073741824 : 1048576))
          : null;
    devices.push({ vendor, model, vramGb });
  }
  return groupGpus(devices);
}

/** PCI vendor ids as `/sys/class/drm/card*\/device/vendor` prints them. */
export function vendorFromPciId(id: string): GpuVendor | null {
  switch (id.trim().toLowerCase()) {
    case '0x10de':
      return 'nvidia';
    case '0x1002':
      return 'amd';
    case '0x8086':
      return 'intel';
    default:
      return null;
  }
}
