import { minutesText } from '../engine/estimate.js';
import { fit, fitParts, usdText } from './measures.js';
import type { Strategy } from './strategy.js';

/**
 * The lowest estimated cost to result always wins; among equal costs, the better fit. With an
 * estimate, the cost is rate × estimated time, and a target whose estimate is unknown ranks below
 * every known one.
 */
export const costOptimized: Strategy<'cost-optimized'> = {
  name: 'cost-optimized',
  description: 'the lowest estimated cost to result; equal costs by fit',
  reason: 'CostOptimal',
  score(candidate, requirements, context) {
    // With an estimate, a target whose time is unknown ranks below every known one, even a free one.
    const { rank, of } = context.costRank(context.estimated && candidate.minutes === null ? NaN : candidate.cost);
    const value = fit(candidate, requirements);
    const parts = context.explain ? fitParts(candidate, requirements, 1) : undefined;
    if (!context.estimated)
      return {
        tier: of - 1 - rank,
        tiers: of,
        value,
        parts,
        tierDetail: context.explain
          ? `est. ${usdText(candidate.cost)}, cost rank ${rank + 1} of ${of} (cheapest first)`
          : undefined,
      };
    if (!context.explain) return { tier: rank < 0 ? 0 : of - rank, tiers: of + 1, value };
    const time = candidate.minutes === null ? '' : ` in ${minutesText(candidate.minutes)}`;
    return {
      tier: rank < 0 ? 0 : of - rank,
      tiers: of + 1,
      value,
      parts,
      tierDetail:
        rank < 0
          ? 'cost unknown (the estimate is unknown): below every known cost'
          : `est. ${usdText(candidate.cost)}${time}, cost rank ${rank + 1} of ${of} (cheapest first)`,
    };
  },
};
