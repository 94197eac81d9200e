import { cheapness, cheapnessPart, fit, fitParts } from './measures.js';
import type { Strategy } from './strategy.js';

/** The local target whenever it is eligible; otherwise (fallback) the best remote one. */
export const localFirst: Strategy<'local-first'> = {
  name: 'local-first',
  description: 'the local machine when it qualifies; otherwise, as a fallback, the best remote target',
  reason: 'LocalPreferred',
  scopeName: 'local',
  inScope: (target) => target.type === 'local',
  score(candidate, requirements, context) {
    return {
      tier: candidate.target.type === 'local' ? 1 : 0,
      tiers: 2,
      value: 0.5 * fit(candidate, requirements) + 0.5 * cheapness(candidate, context),
      parts: !context.explain
        ? undefined
        : [...fitParts(candidate, requirements, 0.5), cheapnessPart(candidate, context, 0.5)],
      tierDetail: !context.explain
        ? undefined
        : candidate.target.type === 'local'
          ? 'local'
          : `remote (${candidate.target.type})`,
    };
  },
};
