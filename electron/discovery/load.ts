import { readFile } from 'node:fs/promises';
import os, { type CpuInfo } from 'node:os';
import { join } from 'node:path';

/** This machine's load at one moment: what `machine.load` answers. */
export interface MachineLoad {
  /** Share of all CPU time spent busy since the previous sample, 0–100. */
  cpuPercent: number;
  memoryUsedGb: number;
  /** The memory this process may use: the cgroup's limit when one is set, the machine's otherwise. */
  memoryTotalGb: number;
  at: string;
}

interface CpuTimes {
  busy: number;
  total: number;
}

/** Busy and total CPU time (ms) summed over every core, as `os.cpus()` counts them since boot. */
export function cpuTimes(cpus: readonly CpuInfo[]): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** The busy share between two samples in percent, one decimal; 0 when no time passed. */
export function busyPercent(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  if (total <= 0) return 0;
  const share = (after.busy - before.busy) / total;
  return Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10;
}

const gb = (bytes: number) => Math.round(bytes / 1e8) / 10;

async function read(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

/** A `memory.stat` field (`inactive_file 1234`), 0 when absent. */
function statField(stat: string | undefined, name: string): number {
  const m = new RegExp(`^${name} (\\d+)$`, 'm').exec(stat ?? '');
  return m ? Number(m[1]) : 0;
}

/**
 * The memory limit and use of this process's cgroup (v2, or v1's `memory` controller), read under
 * `root`; null when no limit is set, so the machine's own numbers apply. Use leaves out inactive
 * page cache, which the kernel reclaims before it would kill anything (as `docker stats` does).
 */
export async function cgroupMemory(root = '/'): Promise<{ usedBytes: number; limitBytes: number } | null> {
  const self = await read(join(root, 'proc/self/cgroup'));
  if (self === undefined) return null;
  for (const line of self.split('\n')) {
    const [, controllers = '', path = '/'] = line.split(':');
    const v2 = controllers === '';
    if (!v2 && !controllers.split(',').includes('memory')) continue;
    const mount = join(root, v2 ? 'sys/fs/cgroup' : 'sys/fs/cgroup/memory');
    // Inside a container's cgroup namespace the path may not exist below the mount: its root is ours.
    for (const dir of [join(mount, path), mount]) {
      const limit = await read(join(dir, v2 ? 'memory.max' : 'memory.limit_in_bytes'));
      const usage = await read(join(dir, v2 ? 'memory.current' : 'memory.usage_in_bytes'));
      if (limit === undefined || usage === undefined) continue;
      // "max" (v2) or a page-rounded 2^63 (v1) mean no limit.
      if (!/^\d+$/.test(limit) || Number(limit) >= 2 ** 60) return null;
      const stat = await read(join(dir, 'memory.stat'));
      const inactive = statField(stat, v2 ? 'inactive_file' : 'total_inactive_file');
      return { usedBytes: Math.max(0, Number(usage) - inactive), limitBytes: Number(limit) };
    }
  }
  return null;
}

export interface LoadSamplerOptions {
  /** Where /proc and /sys are (a fixture tree in tests). */
  root?: string;
  cpus?: () => readonly CpuInfo[];
  totalmem?: () => number;
  freemem?: () => number;
  now?: () => Date;
  /** The first sample has no previous one to compare with: it measures over this long instead. */
  firstIntervalMs?: number;
}

/**
 * Samples this machine's load. CPU is the busy share since the previous sample (the app polls every
 * couple of seconds, so that is the recent load); memory is the cgroup's when limited, else the OS's.
 */
export function createLoadSampler(options: LoadSamplerOptions = {}): () => Promise<MachineLoad> {
  const cpus = options.cpus ?? os.cpus;
  const totalmem = options.totalmem ?? os.totalmem;
  const freemem = options.freemem ?? os.freemem;
  const now = options.now ?? (() => new Date());
  let previous: CpuTimes | null = null;

  return async function sample(): Promise<MachineLoad> {
    if (previous === null) {
      previous = cpuTimes(cpus());
      await new Promise((resolve) => setTimeout(resolve, options.firstIntervalMs ?? 100));
    }
    const current = cpuTimes(cpus());
    const cpuPercent = busyPercent(previous, current);
    previous = current;
    const machineTotal = totalmem();
    const limited = await cgroupMemory(options.root);
    const [used, total] =
      limited === null
        ? [machineTotal - freemem(), machineTotal]
        : [limited.usedBytes, Math.min(limited.limitBytes, machineTotal)];
    return { cpuPercent, memoryUsedGb: gb(Math.min(used, total)), memoryTotalGb: gb(total), at: now().toISOString() };
  };
}
