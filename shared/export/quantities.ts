import type { GpuDevice } from '../schema/capabilities.js';
import type { Requirements } from '../schema/requirements.js';
import type { Target } from '../schema/targets.js';
import type { Task } from '../schema/task.js';
import { usd } from '../engine/format.js';

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

/** Rounds up to a whole number; float noise (0.1 × 3 = 0.30000000000000004) never pushes it one unit up. */
export function ceilClean(x: number): number {
  return Math.ceil(Math.round(x * 1e6) / 1e6);
}

/** Our GB (10^9 bytes) as whole MiB, rounded up so that the scheduler never grants less. */
export function gbToMiB(gb: number): number {
  return ceilClean((gb * 1e9) / MIB);
}

/** Our GB as GiB, rounded up to one decimal. */
export function gbToGiB(gb: number): number {
  return ceilClean(((gb * 1e9) / GIB) * 10) / 10;
}

/** Our GB (10^9 bytes) as a whole number of GB, rounded up. */
export function wholeGb(gb: number): number {
  return ceilClean(gb);
}

/** Whole cores, rounded up (schedulers that count CPUs in whole units). */
export function wholeCores(cpu: number): number {
  return ceilClean(cpu);
}

/** What the emitted spec asks the scheduler for, to tell which nodes it would admit. */
export interface ResourceAsk {
  cpu?: number;
  memoryGb?: number;
  diskGb?: number;
  gpu?: { count: number; device: (d: GpuDevice, t: Target) => boolean };
}

/**
 * Whether a node could satisfy the ask as the scheduler sees it. Something unknown to us counts as
 * fitting: the scheduler may well admit it, so an export must not rely on it being excluded.
 */
export function mayFit(t: Target, ask: ResourceAsk): boolean {
  const caps = t.capabilities ?? {};
  if (ask.cpu !== undefined && caps.cpu !== undefined && caps.cpu < ask.cpu) return false;
  if (ask.memoryGb !== undefined && caps.memoryGb !== undefined && caps.memoryGb < ask.memoryGb) return false;
  if (ask.diskGb !== undefined && caps.diskGb !== undefined && caps.diskGb < ask.diskGb) return false;
  if (ask.gpu !== undefined && caps.gpus !== undefined) {
    let count = 0;
    for (const d of caps.gpus) if (ask.gpu.device(d, t)) count += d.count ?? 1;
    if (count < ask.gpu.count) return false;
  }
  return true;
}

/** The GPU count a task asks for, 0 when it needs none. */
export function gpuCount(req: Requirements): number {
  return req.gpu === undefined ? 0 : (req.gpu.count ?? 1);
}

/** What no scheduler here expresses: tools, a cost cap, network access, and the soft demands. */
export function commonUnexpressed(task: Task, scheduler: string): string[] {
  const req = task.requirements;
  const out: string[] = [];
  for (const tool of req.tools ?? []) out.push(`tool ${tool}: ${scheduler} does not select by installed tools`);
  if (req.maxCost !== undefined) out.push(`maxCost ${usd(req.maxCost)}: ${scheduler} has no cost cap`);
  if (req.network === true) out.push(`network: ${scheduler} does not select by network access`);
  const prefs = Object.keys(task.preferences);
  if (prefs.length > 0) out.push(`preferences (${prefs.join(', ')}): soft, not written`);
  if (task.affinity?.length) out.push(`affinity (${task.affinity.join(', ')}): soft, not written`);
  if (task.antiAffinity?.length) out.push(`antiAffinity (${task.antiAffinity.join(', ')}): soft, not written`);
  return out;
}
