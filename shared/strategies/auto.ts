import { cheapness, cheapnessPart, fit, fitParts, part } from './measures.js';
import type { Strategy } from './strategy.js';

/** Balances: the local machine first (it is free and already here), then fit, then cost. */
export const auto: Strategy<'auto'> = {
  name: 'auto',
  description: 'balances: prefers the local machine, then the snuggest fit and the lowest cost',
  reason: 'HighestScore',
  score(candidate, requirements, context) {
    const local = candidate.target.type === 'local' ? 1 : 0;
    return {
      value: 0.5 * local + 0.25 * fit(candidate, requirements) + 0.25 * cheapness(candidate, context),
      parts: [
        part('locality', 0.5, local, local === 1 ? 'the local machine' : `remote (${candidate.target.type})`),
        ...fitParts(candidate, requirements, 0.25),
        cheapnessPart(candidate, context, 0.25),
      ],
    };
  },
};
