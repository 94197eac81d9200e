import type { Match, Mismatch, TargetScore } from '../schema/result.js';
import type { Requirements } from '../schema/requirements.js';
import type { Mode, Target } from '../schema/targets.js';
import type { CheckOutcome } from './checks.js';
import {
  checksOf,
  columnOf,
  compiledFor,
  estimatedMissCount,
  histogram,
  preferencesOf,
  timingsOf,
  wordsOf,
} from './checks-by-value.js';
import { compileSelectors, selectorMatches, type CompiledRequirements } from './compile.js';
import type { Estimate } from '../schema/estimate.js';
import type { StrategyContext } from '../strategies/strategy.js';
import { estimateCost } from './cost.js';
import { compileEstimate, type CompiledEstimate, type Timing } from './estimate.js';
import { compileFleet, type CompiledFleet } from './fleet.js';

/** What a task asks of its target: the common part of a task and a pipeline node. */
export interface Demands {
  requirements: Requirements;
  preferences: Requirements;
  affinity?: string[] | undefined;
  antiAffinity?: string[] | undefined;
  estimate?: Estimate | undefined;
}

/** One target checked against a task's hard requirements, with its soft signals. */
export interface EvaluatedTarget extends CheckOutcome {
  target: Target;
  index: number;
  /** USD for the run; NaN when an estimate is unknown on a target that charges by the hour. */
  cost: number;
  /** Estimated minutes (null: no estimate, or unknown), and the arithmetic or why it is unknown. */
  minutes: number | null;
  estimate: string | null;
  eligible: boolean;
  /** Preferences met, in [0, 1]; null when the task states none. */
  preferences: number | null;
  /** 1 when the target matches an affinity selector; null when the task lists none. */
  affinity: number | null;
  /** 1 when the target matches an anti-affinity selector. */
  antiAffinity: number;
}

/** The strategy-independent part of a placement, shared by every strategy in `compare`. */
export interface Evaluation {
  demands: Demands;
  compiled: CompiledRequirements;
  /** The task's estimate, its reference resolved; null without one. */
  estimate: CompiledEstimate | null;
  mode: Mode;
  fleet: CompiledFleet;
  /** The eligible targets' entries, in the targets file's order: what every strategy ranks. */
  eligible: EvaluatedTarget[];
  /** Every target's entry, built on first use (a placement that failed reads them all). */
  everyEntry(): EvaluatedTarget[];
  /** One target's entry (the same object each time). */
  entry(index: number): EvaluatedTarget;
  /** One target's matches and mismatches, built afresh (an entry keeps its own). */
  wordsAt(index: number): CheckOutcome;
  /** The run's time and cost on one target (read at once: the object may be reused). */
  timingAt(index: number): Timing;
  /** How many targets the mode leaves out (it is not burst and they are not the local machine). */
  modeExcluded: number;
  /** True when the mode forbids the network access the task requires. */
  networkForbidden: boolean;
  /** Each target's number of mismatches (255 for 255 or more), the mode's included. */
  misses: Uint8Array;
  /** The mismatch of a target that has exactly one, without building the rest of its words. */
  soleMismatch(index: number): Mismatch;
  /** Per requirement key, how many targets it eliminates, and whether only as unknown (then the first such target). */
  eliminations(): Eliminations;
  /** The ineligible targets' scores, built by the first strategy that decides and shared by the rest. */
  ineligibleScores?: readonly TargetScore[];
  /** The same, their words built when first read (explanations on demand). */
  lazyIneligibleScores?: readonly TargetScore[];
  /** The eligible targets' places in the fleet, and those of the ineligible scores in their order (decide.ts). */
  places?: { eligible: Int32Array; rest: Int32Array };
  /** The eligible targets' strategy context (decide.ts), ranking only or explaining: shared by every strategy. */
  contexts?: { rank?: StrategyContext; explain?: StrategyContext };
  /** The eligible targets' positions in a tie-breaker's order (decide.ts): shared by every strategy. */
  tieOrders?: { cheapest?: Int32Array; id?: Int32Array };
}

/** Per mismatch key, the targets it eliminates and (null once one says what it has) the first it eliminates as unknown. */
export interface Eliminations {
  eliminated: Map<string, number>;
  unknownOnly: Map<string, number | null>;
}

const modeMismatch = (mode: Mode, target: Target): Mismatch => ({
  key: 'mode',
  need: mode,
  have: target.type,
  message: `mode: ${mode} allows only local targets, this one is ${target.type}`,
});

const networkForbiddenMismatch: Mismatch = {
  key: 'network',
  need: true,
  have: false,
  message: 'network: the task requires network access, which airgapped mode forbids',
};

/**
 * One target's entry: its numbers at once, its words (matches and mismatches) when first read. A
 * placement ranks thousands of targets and explains a handful; a full result reads them all.
 */
class Entry implements EvaluatedTarget {
  private words: CheckOutcome | null = null;
  constructor(
    private readonly explain: (index: number) => CheckOutcome,
    public target: Target,
    public index: number,
    public cost: number,
    public minutes: number | null,
    public estimate: string | null,
    public eligible: boolean,
    public preferences: number | null,
    public affinity: number | null,
    public antiAffinity: number,
  ) {}
  get matches(): Match[] {
    return (this.words ??= this.explain(this.index)).matches;
  }
  get mismatches(): Mismatch[] {
    return (this.words ??= this.explain(this.index)).mismatches;
  }
}

/** Checks every target against the hard requirements and the mode, and measures the soft signals. */
export function evaluate(demands: Demands, targets: readonly Target[], mode: Mode): Evaluation {
  const fleet = compileFleet(targets);
  const n = fleet.size;
  const requirements = demands.requirements;
  const compiled = compiledFor(requirements, requirements.maxRuntimeMinutes ?? null);
  const estimate = compileEstimate(demands.estimate, requirements);
  const estimated = estimate !== null;
  const checks = checksOf(fleet, compiled, requirements, estimated);
  const hasPreferences = Object.keys(demands.preferences).length > 0;
  const prefs = hasPreferences
    ? checksOf(fleet, compiledFor(demands.preferences, requirements.maxRuntimeMinutes ?? null), requirements, estimated)
    : null;
  const affinity = compileSelectors(demands.affinity);
  const anti = compileSelectors(demands.antiAffinity);
  const networkForbidden = mode === 'airgapped' && requirements.network === true;

  // With an estimate each target has its own timing; without one only the cost differs, from the rate.
  const timings = estimate !== null ? timingsOf(fleet, requirements, estimate) : null;
  const plain: Timing = { cost: 0, minutes: null, estimate: null, estimated: false };
  const timingAt = (i: number): Timing => {
    if (timings !== null) return timings[i]!;
    plain.cost = estimateCost(targets[i]!.hourlyRate, requirements);
    return plain;
  };

  // Mismatches per target, part by part: a pass over integer arrays for each requirement.
  const misses = new Uint8Array(n);
  // Where the estimated part is (checked target by target, on each one's timing), if there is one.
  let estimatedAt = -1;
  for (let k = 0; k < checks.parts.length; k++) {
    const o = checks.outcomes[k];
    if (o === null || o === undefined) {
      // The estimated part, counted (its words are built only when read): see estimatedMissCount.
      estimatedAt = k;
      // Engine 3 shares one `runtime` mismatch per runtime limit within a placement: the first
      // target's in file order, whose message says that target's estimated minutes (checks.ts keys
      // it by the limit alone). Made here in that order, whichever target's words are read first,
      // so that results and history stay as engine 3 wrote them.
      compiled.mismatches.delete('runtime');
      const firstOver = new Set<number>();
      const scratch: CheckOutcome = { matches: [], mismatches: [] };
      for (let i = 0; i < n; i++) {
        const timing = timings![i]!;
        const count = estimatedMissCount(requirements, timing, targets[i]!, misses[i]! > 0);
        if (count > 0) misses[i] = Math.min(255, misses[i]! + count);
        const limit = targets[i]!.capabilities?.maxRuntimeMinutes;
        if (limit === undefined || timing.minutes === null || !(timing.minutes > limit) || firstOver.has(limit))
          continue;
        firstOver.add(limit);
        scratch.mismatches.length = 0;
        checks.parts[k]!.check(scratch, compiled, targets[i]!, timing);
      }
      continue;
    }
    const ids = checks.ids[k]!;
    const byValue = o.misses;
    for (let i = 0; i < n; i++) {
      const m = byValue[ids[i]!]!;
      if (m !== 0) misses[i] = Math.min(255, misses[i]! + m);
    }
  }
  let modeExcluded = 0;
  if (mode !== 'burst') {
    for (let i = 0; i < n; i++) {
      if (fleet.local[i] === 0) {
        misses[i] = Math.min(255, misses[i]! + 1);
        modeExcluded++;
      }
    }
  }

  const explain = (i: number): CheckOutcome => {
    const target = targets[i]!;
    const words = wordsOf(checks, target, i, timingAt(i));
    if (target.type !== 'local' && mode !== 'burst')
      words.mismatches = [modeMismatch(mode, target), ...words.mismatches];
    if (networkForbidden) {
      words.matches = words.matches.filter((m) => m.key !== 'network');
      words.mismatches = words.mismatches.filter((m) => m.key !== 'network');
      words.mismatches.push(networkForbiddenMismatch);
    }
    return words;
  };
  const entries = new Array<Entry | undefined>(n);
  const entry = (i: number): Entry => {
    let e = entries[i];
    if (e === undefined) {
      const target = targets[i]!;
      const timing = timingAt(i);
      e = new Entry(
        explain,
        target,
        i,
        timing.cost,
        timing.minutes,
        timing.estimate,
        misses[i] === 0 && !networkForbidden,
        prefs === null ? null : preferencesOf(prefs, target, i, timing),
        affinity.length === 0 ? null : selectorMatches(affinity, target.id, target.labels) ? 1 : 0,
        selectorMatches(anti, target.id, target.labels) ? 1 : 0,
      );
      entries[i] = e;
    }
    return e;
  };
  const eligible: EvaluatedTarget[] = [];
  if (!networkForbidden) for (let i = 0; i < n; i++) if (misses[i] === 0) eligible.push(entry(i));
  let all: EvaluatedTarget[] | null = null;
  const simple = !networkForbidden && estimatedAt === -1;
  // The estimated part's mismatches of one target (the parts before it decide whether it says any).
  const estimatedMissesOf = (i: number): Mismatch[] => {
    let before = 0;
    for (let k = 0; k < estimatedAt; k++) before += checks.outcomes[k]!.misses[checks.ids[k]![i]!]!;
    const scratch: CheckOutcome = { matches: [], mismatches: new Array<Mismatch>(before) };
    checks.parts[estimatedAt]!.check(scratch, compiled, targets[i]!, timings![i]!);
    return scratch.mismatches.slice(before);
  };
  const soleMismatch = (i: number): Mismatch => {
    if (simple) {
      if (mode !== 'burst' && fleet.local[i] === 0) return modeMismatch(mode, targets[i]!);
      for (let k = 0; k < checks.parts.length; k++) {
        const shared = checks.outcomes[k]!.byValue[checks.ids[k]![i]!]!;
        if (shared.mismatches.length > 0 && !shared.perTarget) return shared.mismatches[0]!;
        if (shared.mismatches.length > 0) break;
      }
    }
    return entry(i).mismatches[0]!;
  };
  const eliminations = (): Eliminations => {
    const eliminated = new Map<string, number>();
    const unknownOnly = new Map<string, number | null>();
    const count = (key: string, targets: number) => eliminated.set(key, (eliminated.get(key) ?? 0) + targets);
    // Where a key's mismatch is unknown (on `unknownAt`, the first target with it) or, null, known.
    const mark = (key: string, unknownAt: number | null) => {
      const was = unknownOnly.get(key);
      if (unknownAt === null) unknownOnly.set(key, null);
      else if (was === undefined || (was !== null && unknownAt < was)) unknownOnly.set(key, unknownAt);
    };
    if (mode !== 'burst' && modeExcluded > 0) {
      count('mode', modeExcluded);
      mark('mode', null);
    }
    for (let k = 0; k < checks.parts.length; k++) {
      const o = checks.outcomes[k];
      if (o === null || o === undefined) {
        for (let i = 0; i < n; i++) {
          if (misses[i] === 0) continue;
          const list = estimatedMissesOf(i);
          for (let j = 0; j < list.length; j++) {
            const m = list[j]!;
            if (!list.slice(0, j).some((x) => x.key === m.key)) count(m.key, 1);
            mark(m.key, m.unknown === true ? i : null);
          }
        }
        continue;
      }
      if (networkForbidden && checks.parts[k]!.key === 'network') continue;
      const column = columnOf(fleet, checks.parts[k]!);
      const counts = histogram(fleet, checks.parts[k]!, column);
      for (let v = 0; v < o.byValue.length; v++) {
        const misses = o.byValue[v]!.mismatches;
        for (let j = 0; j < misses.length; j++) {
          const m = misses[j]!;
          let seen = false;
          for (let q = 0; q < j && !seen; q++) seen = misses[q]!.key === m.key;
          if (!seen) count(m.key, counts[v]!);
          mark(m.key, m.unknown === true ? column.first[v]! : null);
        }
      }
    }
    // Every target misses it, when there is a target: none eliminated is no entry.
    if (networkForbidden && n > 0) {
      count('network', n);
      mark('network', null);
    }
    return { eliminated, unknownOnly };
  };
  return {
    demands,
    compiled,
    estimate,
    mode,
    fleet,
    eligible,
    // A method, not a getter: an object literal with an accessor gets a hidden class of its own, which
    // (old) keeps the whole evaluation (young) alive through every scavenge.
    everyEntry() {
      if (all === null) {
        all = new Array<EvaluatedTarget>(n);
        for (let i = 0; i < n; i++) all[i] = entry(i);
      }
      return all;
    },
    entry,
    wordsAt: explain,
    timingAt,
    modeExcluded,
    networkForbidden,
    misses,
    soleMismatch,
    eliminations,
  };
}
