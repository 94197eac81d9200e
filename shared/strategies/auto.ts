import { minutesText } from '../engine/estimate.js';
import { usd } from '../engine/format.js';
import { cheapness, cheapnessPart, fit, fitParts, part, speed, speedPart } from './measures.js';
import type { Candidate, Strategy, StrategyContext, StrategyScore } from './strategy.js';

/** How much the local machine adds among otherwise equal targets: enough to break a tie, never a trade. */
const LOCAL_AMONG_EQUALS = 1e-6;

/**
 * With an estimate: a target on the time–cost front (no eligible target both faster and cheaper)
 * always beats one off it; among the front, the balance of the two (half speed against the fastest,
 * half cheapness between the cheapest and the dearest); the local machine first among equals.
 */
function balanced(candidate: Candidate, context: StrategyContext): StrategyScore {
  const local = candidate.target.type === 'local' ? 1 : 0;
  const w = (1 - LOCAL_AMONG_EQUALS) / 2;
  const parts = context.explain
    ? [
        speedPart(candidate, context, w),
        cheapnessPart(candidate, context, w),
        part('locality', LOCAL_AMONG_EQUALS, local, local === 1 ? 'the local machine, first among equals' : 'remote'),
      ]
    : undefined;
  const value = w * speed(candidate, context) + w * cheapness(candidate, context) + LOCAL_AMONG_EQUALS * local;
  if (candidate.minutes === null || Number.isNaN(candidate.cost))
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
    tierDetail: `off the front: ${by.target.id} is at least as fast (${minutesText(by.minutes!)}) and as cheap (${usd(by.cost)})`,
  };
}

/**
 * Balances. Without an estimate: the local machine first (it is free and already here), then fit,
 * then cost. With one: time and cost to result, never a target another beats on both.
 */
export const auto: Strategy<'auto'> = {
  name: 'auto',
  description:
    'balances time and cost to result, never a target beaten on both; without an estimate, the local machine, then fit and cost',
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
