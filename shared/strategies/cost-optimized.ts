import { fit, fitParts, usdText } from './measures.js';
import type { Strategy } from './strategy.js';

/** The lowest estimated cost for the run always wins; among equal costs, the better fit. */
export const costOptimized: Strategy<'cost-optimized'> = {
  name: 'cost-optimized',
  description: 'the lowest estimated cost for the run; equal costs by fit',
  reason: 'CostOptimal',
  score(candidate, requirements, context) {
    const { rank, of } = context.costRank(candidate.cost);
    return {
      tier: of - 1 - rank,
      tiers: of,
      value: fit(candidate, requirements),
      parts: fitParts(candidate, requirements, 1),
      tierDetail: `est. ${usdText(candidate.cost)}, cost rank ${rank + 1} of ${of} (cheapest first)`,
    };
  },
};
