// Explanations on demand (issue 14): a target's score with its numbers at once and its words — the
// matches, the mismatches, the breakdown into named parts — built when first read. A placement
// ranks every target and someone reads a handful; a full result (`explanations: 'all'`) reads all.
import type { Match, Mismatch, TargetScore } from '../schema/result.js';
import type { TargetType } from '../schema/targets.js';
import type { CheckOutcome } from './checks.js';

/** Where a lazy score's words come from: its target's checks, and (eligible) its breakdown. */
export interface ScoreSource {
  words(): CheckOutcome;
  breakdown(): TargetScore['breakdown'];
}

const NO_MISMATCHES: Mismatch[] = Object.freeze([]) as unknown as Mismatch[];

/**
 * A TargetScore whose words are built on first read. It serialises (`JSON.stringify`) exactly as
 * the plain score does, key for key; `plain()` is that plain object.
 */
export class LazyScore implements TargetScore {
  private outcome: CheckOutcome | null = null;
  private parts: TargetScore['breakdown'] | undefined = undefined;
  constructor(
    readonly targetId: string,
    readonly targetType: TargetType,
    readonly score: number,
    readonly eligible: boolean,
    readonly estimatedCost: number | null,
    readonly estimatedMinutes: number | null,
    readonly estimate: string | null,
    private readonly source: ScoreSource,
  ) {}

  get matches(): Match[] {
    return (this.outcome ??= this.source.words()).matches;
  }

  get mismatches(): Mismatch[] {
    // An eligible target misses nothing; its words are its matches.
    return this.eligible ? NO_MISMATCHES : (this.outcome ??= this.source.words()).mismatches;
  }

  get breakdown(): TargetScore['breakdown'] {
    if (this.parts === undefined) this.parts = this.source.breakdown();
    return this.parts;
  }

  /** The score as a plain object, in the result's key order. */
  plain(): TargetScore {
    return {
      targetId: this.targetId,
      targetType: this.targetType,
      score: this.score,
      eligible: this.eligible,
      estimatedCost: this.estimatedCost,
      estimatedMinutes: this.estimatedMinutes,
      estimate: this.estimate,
      matches: this.matches,
      mismatches: this.eligible ? [] : this.mismatches,
      breakdown: this.breakdown,
    };
  }

  toJSON(): TargetScore {
    return this.plain();
  }
}

/**
 * Defines `key` on `target` as read on first use: an enumerable property whose value `compute`
 * gives, kept once computed (JSON and spreads read it like any other; its place among the keys stays).
 */
export function defineLazy<T extends object, K extends string, V>(
  target: T,
  key: K,
  compute: () => V,
): T & Record<K, V> {
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
      return value;
    },
  });
  return target as T & Record<K, V>;
}
