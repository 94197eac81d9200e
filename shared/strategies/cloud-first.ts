import { cheapness, cheapnessPart, fit, fitParts } from './measures.js';
import type { Strategy } from './strategy.js';

// A scheduler's node is remote and on-premises: below the cloud, above a lone SSH host.
const TIER = { local: 0, ssh: 1, kubernetes: 2, slurm: 2, nomad: 2, cloud: 3 } as const;

/** Cloud over scheduler nodes over SSH over local; within a kind, the better fit and lower cost. */
export const cloudFirst: Strategy<'cloud-first'> = {
  name: 'cloud-first',
  description: 'cloud instances over scheduler nodes over SSH hosts over the local machine',
  reason: 'HighestScore',
  scopeName: 'cloud',
  inScope: (target) => target.type === 'cloud',
  score(candidate, requirements, context) {
    return {
      tier: TIER[candidate.target.type],
      tiers: 4,
      value: 0.5 * fit(candidate, requirements) + 0.5 * cheapness(candidate, context),
      parts: !context.explain
        ? undefined
        : [...fitParts(candidate, requirements, 0.5), cheapnessPart(candidate, context, 0.5)],
      tierDetail: context.explain
        ? `${candidate.target.type} (cloud, then scheduler nodes, then SSH, then local)`
        : undefined,
    };
  },
};
