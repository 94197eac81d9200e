import type {
  AnalysisEntry,
  PlacementReason,
  PlacementResult,
  ScorePart,
  TargetScore,
  WhyNot,
} from '../schema/result.js';
import type { PlacementOptions, TieBreaker } from '../schema/targets.js';
import type { Candidate, Strategy, StrategyContext, StrategyScore } from '../strategies/strategy.js';
import { totalVram } from '../strategies/measures.js';
import type { EvaluatedTarget, Evaluation } from './evaluate.js';
import { timingWords } from './estimate.js';
import { num, usd } from './format.js';
import { timeCostFront, tradeOff } from './front.js';
import { uncheckedWarnings, type Unchecked } from './warnings.js';
import { whyNot } from './why-not.js';
import { LazyResult, LazyScore, type ScoreSource } from './lazy-score.js';
import { distinctAscending, indexOfSorted, rankOrder } from './order.js';
import { tieOfPositions, tieOrder, tieOrderOf } from './ties.js';
import type { Ranking } from './ranking.js';

// How much each soft signal can move a score within its tier: preferences fully unmet −0.07,
// an affinity list not matched −0.03, an anti-affinity match −0.05. A perfect target scores 1.
const W_BASE = 0.85;
const W_PREF = 0.07;
const W_AFF = 0.03;
const W_ANTI = 0.05;
const FLOOR = 0.02;

interface Scored {
  entry: EvaluatedTarget;
  score: number;
  breakdown: TargetScore['breakdown'];
}

/** The eligible targets' context, built once per evaluation and shared by every strategy that ranks them. */
function eligibleContext(evaluation: Evaluation, explain: boolean): StrategyContext {
  const kept = evaluation.contexts ?? (evaluation.contexts = {});
  const key = explain ? 'explain' : 'rank';
  return (kept[key] ??= buildContext(evaluation.eligible, evaluation, explain));
}

function buildContext(pool: readonly EvaluatedTarget[], evaluation: Evaluation, explain = true): StrategyContext {
  let minCost = Infinity;
  let maxCost = -Infinity;
  let minMinutes = NaN;
  let maxMinutes = NaN;
  const most = { cpu: 0, memoryGb: 0, diskGb: 0, vramGb: 0 };
  const req = evaluation.demands.requirements;
  const estimated = evaluation.estimate !== null;
  for (const e of pool) {
    // An unknown cost (NaN) is no bound, nor, with an estimate, the cost of a target whose time is unknown.
    if (!estimated || e.minutes !== null) {
      if (e.cost < minCost) minCost = e.cost;
      if (e.cost > maxCost) maxCost = e.cost;
    }
    if (e.minutes !== null) {
      if (!(e.minutes >= minMinutes)) minMinutes = e.minutes;
      if (!(e.minutes <= maxMinutes)) maxMinutes = e.minutes;
    }
    const caps = e.target.capabilities ?? {};
    most.cpu = Math.max(most.cpu, caps.cpu ?? 0);
    most.memoryGb = Math.max(most.memoryGb, caps.memoryGb ?? 0);
    most.diskGb = Math.max(most.diskGb, caps.diskGb ?? 0);
    if (req.gpu !== undefined) most.vramGb = Math.max(most.vramGb, totalVram(e, req));
  }
  // Built on first use: only the strategies that rank by cost or time need the sort.
  let costRanks: Float64Array | null = null;
  let timeRanks: Float64Array | null = null;
  let dominators: Map<EvaluatedTarget, EvaluatedTarget | null> | null = null;
  let frontRange: ReturnType<StrategyContext['front']> | null = null;
  return {
    explain,
    minCost,
    maxCost,
    most,
    estimated,
    minMinutes,
    maxMinutes,
    costRank(cost) {
      costRanks ??= distinctAscending(Float64Array.from(pool, (e) => (estimated && e.minutes === null ? NaN : e.cost)));
      return { rank: indexOfSorted(costRanks, cost), of: costRanks.length };
    },
    timeRank(minutes) {
      timeRanks ??= distinctAscending(Float64Array.from(pool, (e) => e.minutes ?? NaN));
      return { rank: minutes === null ? -1 : indexOfSorted(timeRanks, minutes), of: timeRanks.length };
    },
    dominatedBy(candidate) {
      dominators ??= timeCostFront(pool);
      return dominators.get(candidate as EvaluatedTarget) ?? null;
    },
    front() {
      if (frontRange === null) {
        dominators ??= timeCostFront(pool);
        frontRange = { minMinutes: Infinity, maxMinutes: -Infinity, minCost: Infinity, maxCost: -Infinity };
        for (const [e, by] of dominators) {
          if (by !== null) continue;
          frontRange.minMinutes = Math.min(frontRange.minMinutes, e.minutes!);
          frontRange.maxMinutes = Math.max(frontRange.maxMinutes, e.minutes!);
          frontRange.minCost = Math.min(frontRange.minCost, e.cost);
          frontRange.maxCost = Math.max(frontRange.maxCost, e.cost);
        }
      }
      return frontRange;
    },
  };
}

/** The parts of the last score `scoreOf` computed: scoreOne reads them for the breakdown. */
const last = { base: 0, preferences: 0, affinity: 0, antiAffinity: 0, tier: 0, tiers: 1, span: 0 };
let lastScore: StrategyScore | null = null;

/** One candidate's score under the strategy: its tier, its value and the soft signals, as one number. */
function scoreOf(strategy: Strategy, entry: EvaluatedTarget, evaluation: Evaluation, context: StrategyContext): number {
  const s = strategy.score(entry as Candidate, evaluation.demands.requirements, context);
  const tiers = s.tiers ?? 1;
  const tier = s.tier ?? 0;
  const value = Math.min(1, Math.max(0, s.value));
  const span = (1 - FLOOR) / tiers;
  const base = (tier + FLOOR) / tiers + span * (W_BASE * value + (1 - W_BASE));
  const preferences = entry.preferences === null ? 0 : span * W_PREF * (entry.preferences - 1);
  const affinity = entry.affinity === null ? 0 : span * W_AFF * (entry.affinity - 1);
  const antiAffinity = entry.antiAffinity === 0 ? 0 : -span * W_ANTI; // never -0: replays compare with Object.is
  last.base = base;
  last.preferences = preferences;
  last.affinity = affinity;
  last.antiAffinity = antiAffinity;
  last.tier = tier;
  last.tiers = tiers;
  last.span = span;
  lastScore = s;
  return base + preferences + affinity + antiAffinity;
}

function scoreOne(
  strategy: Strategy,
  entry: EvaluatedTarget,
  evaluation: Evaluation,
  context: StrategyContext,
): Scored {
  const score = scoreOf(strategy, entry, evaluation, context);
  // Ranking only (explanations on demand): the breakdown is made again when someone reads it.
  if (!context.explain) return { entry, score, breakdown: null };
  const { base, preferences, affinity, antiAffinity, tier, tiers, span } = last;
  const breakdown: TargetScore['breakdown'] = { base, preferences, affinity, antiAffinity };
  const s = lastScore!;
  if (s.parts !== undefined) breakdown.parts = baseParts(s, tier, tiers, span);
  return { entry, score, breakdown };
}

// Every candidate of a tier shares its scale: written once, not once per candidate.
let lastScale = { scale: NaN, text: '' };

/**
 * The base score as named parts that add up to it: where the tier starts (`start`, or `tier` with
 * why), then each of the strategy's parts scaled into the tier's share of the score.
 */
function baseParts(s: StrategyScore, tier: number, tiers: number, span: number): ScorePart[] {
  const start = (tier + FLOOR) / tiers + span * (1 - W_BASE);
  const scale = span * W_BASE;
  const first: ScorePart =
    tiers === 1
      ? { name: 'start', value: start, detail: 'where every eligible target starts' }
      : { name: 'tier', value: start, detail: `tier ${tier + 1} of ${tiers}: ${s.tierDetail ?? ''}` };
  if (scale !== lastScale.scale) lastScale = { scale, text: ` × ${Math.round(scale * 1000) / 1000}` };
  const times = lastScale.text;
  // The strategy's parts are fresh for this call: scaled in place, no copies in the hot loop.
  const parts = s.parts!;
  for (const p of parts) {
    p.value *= scale;
    p.detail += times;
  }
  parts.unshift(first);
  return parts;
}

const knownCost = (cost: number) => (Number.isNaN(cost) ? null : cost);

const TIE_WORDS: Record<TieBreaker, string> = {
  first: 'the order in the targets file',
  cheapest: 'the lower cost',
  id: 'the target id',
};

/** Names the requirements that no target allowed by the mode meets, `gpu.*` read as `gpu`. */
function unavailable(evaluation: Evaluation): string[] {
  const allowed = evaluation.everyEntry().filter((e) => !e.mismatches.some((m) => m.key === 'mode'));
  if (allowed.length === 0) return [];
  const keys = new Set<string>();
  for (const e of allowed) for (const m of e.mismatches) keys.add(m.key.startsWith('gpu.') ? 'gpu' : m.key);
  return [...keys].filter((k) =>
    allowed.every((e) => e.mismatches.some((m) => (m.key.startsWith('gpu.') ? 'gpu' : m.key) === k)),
  );
}

/** A mismatch the mode made: the target's type, or the network that airgapped mode forbids. */
function byMode(evaluation: Evaluation, key: string): boolean {
  return key === 'mode' || (key === 'network' && evaluation.networkForbidden);
}

/** The targets that the mode alone excluded: every one of their mismatches is the mode's doing. */
function excludedByMode(evaluation: Evaluation): EvaluatedTarget[] {
  if (evaluation.mode === 'burst') return [];
  return evaluation.everyEntry().filter((e) => !e.eligible && e.mismatches.every((m) => byMode(evaluation, m.key)));
}

/** `a, b, c and 2 more` */
function someIds(list: readonly EvaluatedTarget[]): string {
  const ids = list.slice(0, 3).map((e) => e.target.id);
  return list.length > 3 ? `${ids.join(', ')} and ${list.length - 3} more` : ids.join(', ');
}

/** Why nothing was placed, in one sentence that starts with `subject` ("Task 'x'", "Node 'y'"). */
export function noTargetMessage(subject: string, evaluation: Evaluation): string {
  if (evaluation.everyEntry().length === 0) return `${subject} has no targets to run on`;
  if (evaluation.networkForbidden) return `${subject} requires network access, which airgapped mode forbids`;
  if (evaluation.everyEntry().every((e) => e.mismatches.some((m) => m.key === 'mode')))
    return `${subject} has no valid target: mode ${evaluation.mode} allows only local targets, and none is defined`;
  const missing = unavailable(evaluation);
  const why =
    missing.length > 0
      ? `${subject} requires capabilities not available: ${missing.join(', ')}`
      : `${subject} has no target that meets every requirement at once (each is met somewhere, never all together)`;
  const excluded = excludedByMode(evaluation);
  if (excluded.length === 0) return why;
  return `${why}; mode ${evaluation.mode} allows only local targets, which excludes ${someIds(excluded)} (eligible otherwise)`;
}

/**
 * The target `decide` would choose, without building any explanation: what a what-if needs, fast.
 * Null when `decide` would place nothing (no eligible target, or the best is out of the strategy's
 * scope with fallback disabled).
 */
export function winnerOf(
  evaluation: Evaluation,
  strategy: Strategy,
  options: Pick<PlacementOptions, 'tieBreaker' | 'fallbackEnabled'>,
): EvaluatedTarget | null {
  return winnerAmong(evaluation.eligible, evaluation, strategy, options);
}

/** `winnerOf` over a given list of eligible entries (what-ifs build it without walking the whole fleet). */
export function winnerAmong(
  eligible: readonly EvaluatedTarget[],
  evaluation: Evaluation,
  strategy: Strategy,
  options: Pick<PlacementOptions, 'tieBreaker' | 'fallbackEnabled'>,
): EvaluatedTarget | null {
  const context = buildContext(eligible, evaluation, false);
  const tie = tieOrder(options.tieBreaker);
  let best: Scored | null = null;
  for (const e of eligible) {
    const s = scoreOne(strategy, e, evaluation, context);
    if (best === null || s.score > best.score || (s.score === best.score && tie(s, best) < 0)) best = s;
  }
  if (best === null) return null;
  if (strategy.inScope !== undefined && !strategy.inScope(best.entry.target) && !options.fallbackEnabled) return null;
  return best.entry;
}

/**
 * The ineligible targets' scores: the same under every strategy, so built once per evaluation and
 * shared by each strategy's result in `compare` (read-only, like every result).
 */
function ineligibleScores(evaluation: Evaluation): readonly TargetScore[] {
  if (evaluation.ineligibleScores !== undefined) return evaluation.ineligibleScores;
  const out: TargetScore[] = [];
  const { misses, networkForbidden } = evaluation;
  const targets = evaluation.fleet.targets;
  for (let i = 0; i < misses.length; i++) {
    if (misses[i] === 0 && !networkForbidden) continue;
    const target = targets[i]!;
    const timing = evaluation.timingAt(i);
    const words = evaluation.wordsAt(i);
    out.push({
      targetId: target.id,
      targetType: target.type,
      score: 0,
      eligible: false,
      estimatedCost: knownCost(timing.cost),
      estimatedMinutes: timing.minutes,
      estimate: timing.estimate,
      matches: words.matches,
      mismatches: words.mismatches,
      breakdown: null,
    });
  }
  evaluation.ineligibleScores = out;
  return out;
}

/** The ineligible targets' scores with their words built on first read; shared like `ineligibleScores`. */
function lazyIneligibleScores(evaluation: Evaluation): readonly TargetScore[] {
  if (evaluation.lazyIneligibleScores !== undefined) return evaluation.lazyIneligibleScores;
  const out: TargetScore[] = [];
  const { misses, networkForbidden } = evaluation;
  const source: ScoreSource = {
    target: (i) => evaluation.fleet.targets[i]!,
    timing: (i) => evaluation.timingAt(i),
    words: (i) => evaluation.wordsAt(i),
    breakdown: () => null,
  };
  for (let i = 0; i < misses.length; i++)
    if (misses[i] !== 0 || networkForbidden) out.push(new LazyScore(0, false, source, i));
  evaluation.lazyIneligibleScores = out;
  return out;
}

/** The eligible targets' places in the fleet, and those of `lazyIneligibleScores` in their order; shared like them. */
function placesOf(evaluation: Evaluation): { eligible: Int32Array; rest: Int32Array } {
  if (evaluation.places !== undefined) return evaluation.places;
  const { misses, networkForbidden } = evaluation;
  const rest: number[] = [];
  for (let i = 0; i < misses.length; i++) if (misses[i] !== 0 || networkForbidden) rest.push(i);
  return (evaluation.places = {
    eligible: Int32Array.from(evaluation.eligible, (e) => e.index),
    rest: Int32Array.from(rest),
  });
}

/** Ranks the evaluated targets under one strategy and decides, explaining the choice. */
export function decide(
  evaluation: Evaluation,
  strategy: Strategy,
  options: PlacementOptions,
  /** The analysis, or (explanations on demand) how to make it when it is first read. */
  analysis: AnalysisEntry[] | (() => AnalysisEntry[]),
  meta: {
    requestId: string;
    taskName: string;
    subject: string;
    unchecked?: Unchecked | undefined;
    /** False: every target's words and breakdown are built when first read (explanations on demand). */
    explain?: boolean | undefined;
    /** Where the task's fields are for `whyNot` changes (`task`, `pipeline.nodes.ID`), and targets to explain besides the best losers. */
    whyNot?: { prefix: string; also: readonly string[] } | undefined;
  },
): Omit<PlacementResult, 'decisionMs'> {
  const explain = meta.explain ?? true;
  const eligible = evaluation.eligible;
  let rankedOf: (() => EvaluatedTarget[]) | null = null;
  const context = eligibleContext(evaluation, explain);
  let scored: Scored[];
  let scores: TargetScore[];
  let ranking: Ranking | undefined;
  if (explain) {
    scored = eligible.map((e) => scoreOne(strategy, e, evaluation, context));
    const tie = tieOrder(options.tieBreaker);
    scored.sort((a, b) => b.score - a.score || tie(a, b));
    scores = scored.map(plainScore).concat(ineligibleScores(evaluation));
  } else {
    // The ranking as numbers: each candidate's score, and their order.
    const values = new Float64Array(eligible.length);
    for (let i = 0; i < eligible.length; i++) values[i] = scoreOf(strategy, eligible[i]!, evaluation, context);
    // Equal scores in file order need no comparator (`first`); the others start from the eligible
    // targets in the tie-breaker's order, made once per evaluation and shared by every strategy.
    const tieBreaker = options.tieBreaker;
    const order =
      tieBreaker === 'first'
        ? rankOrder(values, null)
        : rankOrder(values, tieOfPositions(tieBreaker, eligible), tieOrderOf(evaluation, tieBreaker));
    scored = [...order.subarray(0, 2)].map((p) => ({ entry: eligible[p]!, score: values[p]!, breakdown: null }));
    const source = lazySource(evaluation, strategy);
    const ranked = new Array<TargetScore>(eligible.length);
    for (let k = 0; k < order.length; k++)
      ranked[k] = new LazyScore(values[order[k]!]!, true, source, eligible[order[k]!]!.index);
    scores = ranked.concat(lazyIneligibleScores(evaluation));
    ranking = { targets: evaluation.fleet.targets, order, values, places: () => placesOf(evaluation) };
    rankedOf = () => Array.from(order, (p) => eligible[p]!);
  }

  // On demand, the analysis is the result's own (LazyResult) and made when first read.
  const common = {
    requestId: meta.requestId,
    taskName: meta.taskName,
    strategy: options.strategy,
    mode: options.mode,
    scores,
    ...(typeof analysis === 'function' ? {} : { analysis }),
    whyNot: [] as WhyNot[],
  } as Pick<PlacementResult, 'requestId' | 'taskName' | 'strategy' | 'mode' | 'scores' | 'analysis' | 'whyNot'>;
  const finish = <T extends object>(fields: T): T =>
    typeof analysis === 'function' ? (new LazyResult(fields, analysis, ranking) as unknown as T) : fields;
  const winner = scored[0];
  if (winner === undefined) {
    const failureMessage = noTargetMessage(meta.subject, evaluation);
    return finish(
      Object.assign(common, {
        success: false,
        selectedTarget: null,
        // The mode, not the task, is what left nothing: a target it excluded would have been eligible.
        reason: excludedByMode(evaluation).length > 0 ? ('ModeRestricted' as const) : ('NoValidTarget' as const),
        explanation: failureMessage,
        warnings: uncheckedWarnings(evaluation, null, meta.unchecked),
        fallbackUsed: false,
        failureMessage,
      }),
    );
  }
  const outOfScope = strategy.inScope !== undefined && !strategy.inScope(winner.entry.target);
  if (outOfScope && !options.fallbackEnabled) {
    const failureMessage = `${meta.subject}: ${strategy.name} found no eligible ${strategy.scopeName ?? ''} target and fallback is disabled (best elsewhere: ${winner.entry.target.id})`;
    return finish(
      Object.assign(common, {
        success: false,
        selectedTarget: null,
        reason: 'NoValidTarget' as const,
        explanation: failureMessage,
        warnings: uncheckedWarnings(evaluation, null, meta.unchecked),
        fallbackUsed: false,
        failureMessage,
      }),
    );
  }

  const modeExcluded = evaluation.modeExcluded > 0;
  let reason: PlacementReason;
  // The mode outranks the fallback: in local-only mode, cloud-first leaving the cloud is the mode's doing.
  if (modeExcluded && options.mode !== 'burst') reason = 'ModeRestricted';
  else if (outOfScope) reason = 'Fallback';
  else if (eligible.length === 1) reason = 'OnlyOption';
  else if (strategy.name === 'auto' && winner.entry.target.type === 'local') reason = 'LocalPreferred';
  else reason = strategy.reason;

  const est = evaluation.estimate === null ? usd(winner.entry.cost) : timingWords(winner.entry);
  const parts = [
    `${strategy.name} chose ${winner.entry.target.id} (${winner.entry.target.type}, score ${winner.score.toFixed(3)}, est. ${est})`,
  ];
  const traded = evaluation.estimate === null ? null : tradeOff(winner.entry, eligible);
  if (traded !== null) parts.push(traded);
  if (outOfScope) parts.push(`fallback: no ${strategy.scopeName ?? ''} target is eligible`);
  const runnerUp = scored[1];
  if (runnerUp) {
    const tied = runnerUp.score === winner.score;
    parts.push(
      tied
        ? `tied with ${runnerUp.entry.target.id}, broken by ${TIE_WORDS[options.tieBreaker]} (tieBreaker: ${options.tieBreaker})`
        : `runner-up ${runnerUp.entry.target.id} (${runnerUp.score.toFixed(3)})`,
    );
  }
  const ineligible = evaluation.fleet.size - eligible.length;
  if (ineligible > 0) parts.push(`${ineligible} of ${num(evaluation.fleet.size)} targets ineligible`);
  const ranked = meta.whyNot ? (rankedOf?.() ?? scored.map((s) => s.entry)) : [];
  return finish(
    Object.assign(common, {
      whyNot: meta.whyNot ? whyNot(evaluation, strategy, options, ranked, meta.whyNot.prefix, meta.whyNot.also) : [],
      success: true,
      selectedTarget: winner.entry.target.id,
      reason,
      explanation: parts.join('; '),
      warnings: uncheckedWarnings(evaluation, winner.entry.target.id, meta.unchecked),
      fallbackUsed: outOfScope,
      failureMessage: null,
    }),
  );
}

function plainScore(s: Scored): TargetScore {
  return {
    targetId: s.entry.target.id,
    targetType: s.entry.target.type,
    score: s.score,
    eligible: true,
    estimatedCost: knownCost(s.entry.cost),
    estimatedMinutes: s.entry.minutes,
    estimate: s.entry.estimate,
    matches: s.entry.matches,
    mismatches: [],
    breakdown: s.breakdown,
  };
}

/** Where the eligible targets' lazy scores read their words, and make their breakdown when asked. */
function lazySource(evaluation: Evaluation, strategy: Strategy): ScoreSource {
  return {
    target: (i) => evaluation.fleet.targets[i]!,
    timing: (i) => evaluation.entry(i),
    words: (i) => evaluation.entry(i),
    breakdown: (i) => scoreOne(strategy, evaluation.entry(i), evaluation, eligibleContext(evaluation, true)).breakdown,
  };
}
