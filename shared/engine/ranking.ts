// A ranking's numbers as arrays (issue 14): for a result made with explanations on demand, where
// each of its scores is and what it scored, so that a reader that lays out thousands of them (the
// Compare view's matrix, every strategy) walks two arrays rather than thousands of score objects.
import type { Target } from '../schema/targets.js';
import type { TargetScore } from '../schema/result.js';

export interface Ranking {
  /** The targets list the scores were ranked from: the places below are into it. */
  readonly targets: readonly Target[];
  /** The first scores (the eligible targets', best first): each one's target's place in `targets`. */
  readonly index: Int32Array;
  /** Their scores, in the same order. */
  readonly score: Float64Array;
  /** The scores after them (the ineligible targets', each 0): their targets' places. */
  readonly rest: Int32Array;
}

// Kept beside the scores list rather than on it, so that the result serialises as before.
const rankings = new WeakMap<readonly TargetScore[], Ranking>();

export function keepRanking(scores: readonly TargetScore[], ranking: Ranking): void {
  rankings.set(scores, ranking);
}

/** The arrays of a result's `scores` list, when its engine kept them; undefined otherwise. */
export function rankingOf(scores: readonly TargetScore[]): Ranking | undefined {
  return rankings.get(scores);
}
