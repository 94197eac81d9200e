// Explanations on demand (issue 14): a target's score with its numbers at once and its words — the
// matches, the mismatches, the breakdown into named parts — built when first read. A placement
// ranks every target and someone reads a handful; a full result (`explanations: 'all'`) reads all.
import type { AnalysisEntry, Match, Mismatch, TargetScore } from '../schema/result.js';
import type { Target, TargetType } from '../schema/targets.js';
import type { Timing } from './estimate.js';
import type { CheckOutcome } from './checks.js';
import type { Ranking } from './ranking.js';

/** Where lazy scores' numbers and words come from: one per placement, shared by its scores. */
export interface ScoreSource {
  target(index: number): Target;
  timing(index: number): Pick<Timing, 'cost' | 'minutes' | 'estimate'>;
  words(index: number): CheckOutcome;
  breakdown(index: number): TargetScore['breakdown'];
}

const NO_MISMATCHES: Mismatch[] = Object.freeze([]) as unknown as Mismatch[];

/**
 * A TargetScore of which only the ranking's numbers (score, eligible) are kept: the rest is read from
 * the placement when asked, the words built on first read. It serialises (`JSON.stringify`) exactly
 * as the plain score does, key for key; `plain()` is that plain object.
 */
export class LazyScore implements TargetScore {
  private outcome: CheckOutcome | null = null;
  private parts: TargetScore['breakdown'] | undefined = undefined;
  constructor(
    readonly score: number,
    readonly eligible: boolean,
    private readonly source: ScoreSource,
    private readonly index: number,
  ) {}

  get targetId(): string {
    return this.source.target(this.index).id;
  }

  get targetType(): TargetType {
    return this.source.target(this.index).type;
  }

  get estimatedCost(): number | null {
    const cost = this.source.timing(this.index).cost;
    return Number.isNaN(cost) ? null : cost;
  }

  get estimatedMinutes(): number | null {
    return this.source.timing(this.index).minutes;
  }

  get estimate(): string | null {
    return this.source.timing(this.index).estimate;
  }

  get matches(): Match[] {
    return (this.outcome ??= this.source.words(this.index)).matches;
  }

  get mismatches(): Mismatch[] {
    // An eligible target misses nothing; its words are its matches.
    return this.eligible ? NO_MISMATCHES : (this.outcome ??= this.source.words(this.index)).mismatches;
  }

  get breakdown(): TargetScore['breakdown'] {
    if (this.parts === undefined) this.parts = this.source.breakdown(this.index);
    return this.parts;
  }

  /**
   * This score's target's place in `targets`, when `targets` is the list it was ranked from (or one
   * holding the same target objects at the same places); -1 otherwise. Cheaper than finding its id.
   */
  indexIn(targets: readonly Target[]): number {
    return targets[this.index] === this.source.target(this.index) ? this.index : -1;
  }

  /** The score as a plain object, in the result's key order. */
  plain(): TargetScore {
    const timing = this.source.timing(this.index);
    const target = this.source.target(this.index);
    return {
      targetId: target.id,
      targetType: target.type,
      score: this.score,
      eligible: this.eligible,
      estimatedCost: Number.isNaN(timing.cost) ? null : timing.cost,
      estimatedMinutes: timing.minutes,
      estimate: timing.estimate,
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
 * A placement result whose `analysis` is made when first read (explanations on demand). Its other
 * fields are its own; it serialises as the plain result does, `analysis` in its place after `scores`.
 */
export class LazyResult {
  #analysis: AnalysisEntry[] | null = null;
  readonly #make: () => AnalysisEntry[];
  readonly #ranking: Ranking | undefined;
  constructor(fields: object, make: () => AnalysisEntry[], ranking?: Ranking) {
    Object.assign(this, fields);
    this.#make = make;
    this.#ranking = ranking;
  }

  /** Its ranking's numbers as arrays (see `rankingOf`); private, so never serialised or cloned. */
  ranking(): Ranking | undefined {
    return this.#ranking;
  }

  get analysis(): AnalysisEntry[] {
    return (this.#analysis ??= this.#make());
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(this)) {
      out[key] = value;
      if (key === 'scores') out['analysis'] = this.analysis;
    }
    return out;
  }
}
