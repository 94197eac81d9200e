import type { Capabilities } from '../schema/capabilities.js';
import type { Target } from '../schema/targets.js';
import { num } from '../engine/format.js';

/** `8× A100 40 GB`: identical GPUs grouped, VRAM said or `VRAM ?`. */
export function gpuSummary(caps: Capabilities | undefined): string {
  const gpus = caps?.gpus;
  if (gpus === undefined) return '?';
  if (gpus.length === 0) return 'none';
  return gpus
    .map((g) => {
      const vram = g.vramGb === undefined || g.vramGb === null ? 'VRAM ?' : `${num(g.vramGb)} GB`;
      return `${g.count ?? 1}× ${g.model ?? g.vendor} ${vram}`;
    })
    .join(', ');
}

/** One line a person can check against the source: `32 cores, 125.6 GB, 4× A100 40 GB, linux/x64`. */
export function capabilitySummary(t: Target): string {
  const c = t.capabilities;
  const parts = [
    c?.cpu === undefined ? 'cores ?' : `${num(c.cpu)} cores`,
    c?.memoryGb === undefined ? 'memory ?' : `${num(c.memoryGb)} GB`,
    `GPUs ${gpuSummary(c)}`,
    `${c?.os ?? '?'}/${c?.arch ?? '?'}`,
  ];
  if (t.hourlyRate > 0) parts.push(`$${t.hourlyRate}/h`);
  return parts.join(', ');
}

/** Whether the scheduler would use the target now: `ok`, or why not. */
export function nodeState(t: Target): string {
  if (!('unschedulable' in t)) return 'ok';
  const taints = (t.taints ?? []).filter((x) => x.effect !== 'PreferNoSchedule').length;
  const state = t.unschedulable ?? 'ok';
  return taints > 0 ? `${state}; ${taints === 1 ? '1 taint' : `${taints} taints`}` : state;
}
