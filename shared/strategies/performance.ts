import { minutesText } from '../engine/estimate.js';
import { num, usd } from '../engine/format.js';
import type { Candidate, StrategyContext, StrategyScore } from './strategy.js';
import { part, totalVram } from './measures.js';
import type { ScorePart, Strategy } from './strategy.js';

function share(have: number | undefined, most: number): number {
  return most > 0 ? (have ?? 0) / most : 0;
}

/** `memory 32 of the most 64 GB → 0.5 × 0.1`: one resource's share of the best candidate's. */
function sharePart(name: string, unit: string, have: number | undefined, most: number, weight: number): ScorePart {
  return part(name, weight, share(have, most), `${num(have ?? 0)} of the most ${num(most)}${unit}`);
}

/** With an estimate: the shortest estimated time to result wins; an unknown time ranks below every known one. */
function byTime(candidate: Candidate, context: StrategyContext, within: StrategyScore): StrategyScore {
  const { rank, of } = context.timeRank(candidate.minutes);
  if (!context.explain) {
    // `within` is this call's own: set, not copied (what-ifs rank a few dozen times).
    within.tier = rank < 0 ? 0 : of - rank;
    within.tiers = of + 1;
    return within;
  }
  const cost = Number.isNaN(candidate.cost) ? 'cost unknown' : usd(candidate.cost);
  return {
    ...within,
    tier: rank < 0 ? 0 : of - rank,
    tiers: of + 1,
    tierDetail:
      rank < 0
        ? 'time unknown (the estimate is unknown): below every known time'
        : `est. ${minutesText(candidate.minutes!)} (${cost}), time rank ${rank + 1} of ${of} (fastest first)`,
  };
}

/**
 * The most of what the task asks for: GPU VRAM first for GPU tasks (80 % of the value), then CPU,
 * memory and disk, each relative to the best candidate.
 */
export const performance: Strategy<'performance'> = {
  name: 'performance',
  description:
    'the shortest estimated time to result; without an estimate, the most of the resources the task asks for (GPU VRAM first)',
  reason: 'CapabilityMatch',
  score(candidate, requirements, context) {
    const caps = candidate.target.capabilities ?? {};
    const parts = [share(caps.cpu, context.most.cpu), share(caps.memoryGb, context.most.memoryGb)];
    if (requirements.diskGb !== undefined) parts.push(share(caps.diskGb, context.most.diskGb));
    const resources = parts.reduce((a, b) => a + b, 0) / parts.length;
    const gpu = requirements.gpu !== undefined;
    const w = (gpu ? 0.2 : 1) / parts.length;
    const named = !context.explain
      ? []
      : [
          sharePart('cpu', ' cores', caps.cpu, context.most.cpu, w),
          sharePart('memory', ' GB', caps.memoryGb, context.most.memoryGb, w),
        ];
    if (context.explain && requirements.diskGb !== undefined)
      named.push(sharePart('disk', ' GB', caps.diskGb, context.most.diskGb, w));
    let within: StrategyScore;
    if (!gpu) within = { value: resources, parts: context.explain ? named : undefined };
    else {
      const vram = totalVram(candidate, requirements);
      within = {
        value: 0.8 * share(vram, context.most.vramGb) + 0.2 * resources,
        parts: context.explain ? [sharePart('GPU VRAM', ' GB', vram, context.most.vramGb, 0.8), ...named] : undefined,
      };
    }
    return context.estimated ? byTime(candidate, context, within) : within;
  },
};
