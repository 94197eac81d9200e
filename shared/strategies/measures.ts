import type { Requirements } from '../schema/requirements.js';
import type { Candidate, StrategyContext } from './strategy.js';

/** 1 for the cheapest candidate, 0 for the most expensive, linear in between. */
export function cheapness(candidate: Candidate, context: StrategyContext): number {
  const span = context.maxCost - context.minCost;
  return span > 0 ? 1 - (candidate.cost - context.minCost) / span : 1;
}

function ratio(need: number | undefined, have: number | undefined): number | null {
  if (need === undefined || have === undefined) return null;
  return have > 0 ? Math.min(1, need / have) : 1;
}

/**
 * How snugly a candidate fits the request, in [0, 1]: the mean of need/have over the quantities the
 * task asks for, so a 4-core task fits an 8-core box (0.5) better than a 64-core one (0.06).
 */
export function fit(candidate: Candidate, requirements: Requirements): number {
  const caps = candidate.target.capabilities ?? {};
  let sum = 0;
  let n = 0;
  for (const r of [
    ratio(requirements.cpu, caps.cpu),
    ratio(requirements.memoryGb, caps.memoryGb),
    ratio(requirements.diskGb, caps.diskGb),
  ]) {
    if (r !== null) {
      sum += r;
      n++;
    }
  }
  return n > 0 ? sum / n : 1;
}

/** Total VRAM of the GPUs of the requested vendor (every vendor when none is asked for). */
export function totalVram(candidate: Candidate, requirements: Requirements): number {
  let total = 0;
  for (const g of candidate.target.capabilities?.gpus ?? []) {
    if (requirements.gpu?.type !== undefined && g.vendor !== requirements.gpu.type) continue;
    total += (g.vramGb ?? 0) * (g.count ?? 1);
  }
  return total;
}
