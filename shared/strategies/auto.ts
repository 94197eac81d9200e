import { minutesText } from '../engine/estimate.js';
import { usd } from '../engine/format.js';
import { cheapness, cheapnessPart, fit, fitParts, part, usdText } from './measures.js';
import type { Candidate, Strategy, StrategyContext, StrategyScore } from './strategy.js';

/** How much the local machine adds among otherwise equal targets: enough to break a tie, never a trade. */
const LOCAL_AMONG_EQUALS = 1e-6;

/** Where `x` lies from the worst (0) to the best (1) of a range where lower is better; 1 when the range is one point. */
function within(x: number, best: number, worst: number): number {
  return worst > best ? (worst - x) / (worst - best) : 1;
}

/**
 * With an estimate: a target on the time–cost front (no eligible target both faster and cheaper)
 * always beats one off it; among the front, the balance of the two, each measured across the front
 * (half for where its time lies between the front's slowest and fastest, half for where its cost lies
 * between the front's dearest and cheapest); the local machine first among equals.
 */
function balanced(candidate: Candidate, context: StrategyContext): StrategyScore {
  const local = candidate.target.type === 'local' ? 1 : 0;
  const w = (1 - LOCAL_AMONG_EQUALS) / 2;
  const unknown = candidate.minutes === null || Number.isNaN(candidate.cost);
  const f = context.front();
  const time = unknown ? 0 : within(candidate.minutes!, f.minMinutes, f.maxMinutes);
  const cost = unknown ? 0 : within(candidate.cost, f.minCost, f.maxCost);
  const value = w * time + w * cost + LOCAL_AMONG_EQUALS * local;
  const parts = !context.explain
    ? undefined
    : unknown
      ? [part('time and cost', 2 * w, 0, 'the estimate is unknown'), part('locality', LOCAL_AMONG_EQUALS, local, '')]
      : [
          part(
            'time',
            w,
            time,
            `${minutesText(candidate.minutes!)} between the front's fastest ${minutesText(f.minMinutes)} and slowest ${minutesText(f.maxMinutes)}`,
          ),
          part(
            'cost',
            w,
            cost,
            `${usdText(candidate.cost)} between the front's cheapest ${usd(f.minCost)} and dearest ${usd(f.maxCost)}`,
          ),
          part('locality', LOCAL_AMONG_EQUALS, local, local === 1 ? 'the local machine, first among equals' : 'remote'),
        ];
  if (unknown)
    return { tier: 0, tiers: 3, value, parts, tierDetail: 'estimate unknown: below every target with a known one' };
  const by = context.dominatedBy(candidate);
  if (by === null)
    return {
      tier: 2,
      tiers: 3,
      value,
      parts,
      tierDetail: 'on the time–cost front: no eligible target is both faster and cheaper',
    };
  return {
    tier: 1,
    tiers: 3,
    value,
    parts,
    tierDetail: context.explain
      ? `off the front: ${by.target.id} is at least as fast (${minutesText(by.minutes!)}) and as cheap (${usd(by.cost)})`
      : undefined,
  };
}

/**
 * Balances. Without an estimate: the local machine first (it is free and already here), then fit,
 * then cost. With one: time and cost to result, never a target another beats on both.
 */
export const auto: Strategy<'auto'> = {
  name: 'auto',
  description:
    'balances time and cost to result across the time–cost front, never a target beaten on both; without an estimate, the local machine, then fit and cost',
  reason: 'HighestScore',
  score(candidate, requirements, context) {
    if (context.estimated) return balanced(candidate, context);
    const local = candidate.target.type === 'local' ? 1 : 0;
    return {
      value: 0.5 * local + 0.25 * fit(candidate, requirements) + 0.25 * cheapness(candidate, context),
      parts: !context.explain
        ? undefined
        : [
            part('locality', 0.5, local, local === 1 ? 'the local machine' : `remote (${candidate.target.type})`),
            ...fitParts(candidate, requirements, 0.25),
            cheapnessPart(candidate, context, 0.25),
          ],
    };
  },
};
