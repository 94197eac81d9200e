import type { PlacementReason } from '../../../shared/schema/result.js';
import type { Requirements } from '../../../shared/schema/requirements.js';
import type { Target } from '../../../shared/schema/targets.js';

/** An eligible target as strategies see it. */
export interface Candidate {
  target: Target;
  /** Position in the targets file. */
  index: number;
  /** Estimated USD for the run on this target; NaN when its estimate is unknown. */
  cost: number;
  /** Estimated minutes to result; null without an estimate or when it is unknown. */
  minutes: number | null;
}

/** Facts about the eligible candidates that strategies normalise against; computed once per placement. */
export interface StrategyContext {
  /** False when only the ranking is wanted (what-ifs): strategies then leave out their `parts`. */
  explain: boolean;
  /** The cheapest and dearest known costs among the candidates. */
  minCost: number;
  maxCost: number;
  /** True when the task states an estimate: time and cost to result are what the strategies weigh. */
  estimated: boolean;
  /** The fastest and slowest known estimated times (minutes) among the candidates; NaN without any. */
  minMinutes: number;
  maxMinutes: number;
  /** Dense rank of an estimated time among the distinct known ones (0: the fastest), and how many; rank -1 when unknown. */
  timeRank(minutes: number | null): { rank: number; of: number };
  /**
   * With an estimate: the candidate that is at least as fast and as cheap and better on one of the two
   * (the first such, fastest first), or null when none is (the candidate is on the time–cost front).
   */
  dominatedBy(candidate: Candidate): Candidate | null;
  /** The time–cost front's ranges: its fastest and slowest times, its cheapest and dearest costs. */
  front(): { minMinutes: number; maxMinutes: number; minCost: number; maxCost: number };
  /** The largest of each resource among the candidates (0 when none has it). */
  most: { cpu: number; memoryGb: number; diskGb: number; vramGb: number };
  /** Dense rank of a cost among the candidates' distinct known costs, 0 for the cheapest, and how many there are; rank -1 when unknown. */
  costRank(cost: number): { rank: number; of: number };
}

/** One named part of a strategy's value: what it adds to the value, and the numbers it came from. */
export interface ScorePart {
  name: string;
  value: number;
  detail: string;
}

/**
 * A strategy's judgement of one candidate. `value` in [0, 1] orders candidates within a tier; a higher
 * `tier` (of `tiers`) always wins, whatever the preferences do. One tier is the common case. `parts`
 * name what the value is made of (they add up to it); `tierDetail` says why the candidate is in its tier.
 */
export interface StrategyScore {
  value: number;
  tier?: number;
  tiers?: number;
  parts?: ScorePart[];
  tierDetail?: string;
}

/** A placement strategy: one module each, listed in the registry. */
export interface Strategy<Name extends string = string> {
  name: Name;
  /** One line for help texts and reports. */
  description: string;
  /** The reason a placement gives when this strategy's ranking decided it. */
  reason: PlacementReason;
  /** Targets the strategy is for; a winner outside them is a fallback. Absent: every target. */
  inScope?(target: Target): boolean;
  /** Describes the scope for messages, e.g. "local". */
  scopeName?: string;
  score(candidate: Candidate, requirements: Requirements, context: StrategyContext): StrategyScore;
}
