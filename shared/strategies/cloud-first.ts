import { cheapness, fit } from './measures.js';
import type { Strategy } from './strategy.js';

const TIER = { local: 0, ssh: 1, cloud: 2 } as const;

/** Cloud over SSH over local; within a kind, the better fit and lower cost. */
export const cloudFirst: Strategy<'cloud-first'> = {
  name: 'cloud-first',
  description: 'cloud instances over SSH hosts over the local machine',
  reason: 'HighestScore',
  scopeName: 'cloud',
  inScope: (target) => target.type === 'cloud',
  score(candidate, requirements, context) {
    return {
      tier: TIER[candidate.target.type],
      tiers: 3,
      value: 0.5 * fit(candidate, requirements) + 0.5 * cheapness(candidate, context),
    };
  },
};
