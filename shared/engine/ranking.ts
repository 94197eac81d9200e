// A ranking's numbers as arrays (issue 14): for a result made with explanations on demand, where
// each of its scores is and what it scored, so that a reader that lays out thousands of them (the
// Compare view's matrix, every strategy) walks arrays rather than thousands of score objects.
import type { Target } from '../schema/targets.js';
import { LazyResult } from './lazy-score.js';

export interface Ranking {
  /** The targets list the scores were ranked from: the places below are into it. */
  readonly targets: readonly Target[];
  /** The result's first scores (the eligible targets', best first): each one's eligible position. */
  readonly order: Int32Array;
  /** Each eligible position's score. */
  readonly values: Float64Array;
  /**
   * Each eligible position's place in `targets`, and the places of the scores after the eligible
   * ones (the ineligible targets', each scoring 0), in the result's order: made when first asked.
   */
  places(): { readonly eligible: Int32Array; readonly rest: Int32Array };
}

/** The ranking of a result made with explanations on demand, as arrays; undefined for any other. */
export function rankingOf(result: object): Ranking | undefined {
  return result instanceof LazyResult ? result.ranking() : undefined;
}
