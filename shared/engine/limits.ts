// The options that bound a decision (issue 15): `maxCandidates` evaluates only the first N targets, in
// file order; `deadlineMs` evaluates them chunk by chunk, reading the run's clock between chunks, and
// once the deadline has passed decides among the targets evaluated so far. When either leaves targets
// out, the result says so: each one left out is listed as not evaluated, a warning says how many were,
// and `candidatesEvaluated` records it, so that a replay cuts a deadline's run at the same point.
import type { Mismatch, PlacementResult, TargetScore } from '../schema/result.js';
import type { PlacementOptions, Target } from '../schema/targets.js';
import { evaluate, type Demands } from './evaluate.js';

/** How many targets are evaluated between two readings of the clock under a deadline. */
export const DEADLINE_CHUNK = 1024;

/** Where the limits cut a list of targets. */
export interface Cut {
  /** The targets in the list. */
  total: number;
  /** How many were evaluated: the first, in file order. */
  evaluated: number;
  /** `maxCandidates` when it left targets out, else null. */
  candidates: number | null;
  /** `deadlineMs` when it passed before every candidate was evaluated, else null. */
  deadlineMs: number | null;
  /** The scores of the targets left out, made once and shared (results are read-only). */
  scores?: TargetScore[];
}

/**
 * Where the deadline passes: `undefined` reads the clock; a number (a replay) is how many targets it
 * let be evaluated then; null (a replay of a decision it did not cut), that it does not pass.
 */
export type DeadlineAt = number | null | undefined;

/**
 * Where `options`' limits cut `targets`; null when they leave none out (or there are none), so that
 * a placement without limits, or with limits that do not bite, is made and written as it always was.
 */
export function cutOf(
  demands: Demands,
  targets: readonly Target[],
  options: PlacementOptions,
  clock: () => number,
  start: number,
  deadlineAt: DeadlineAt,
): Cut | null {
  const { maxCandidates, deadlineMs } = options;
  if (maxCandidates === undefined && deadlineMs === undefined) return null;
  const total = targets.length;
  const candidates = maxCandidates !== undefined && maxCandidates < total ? maxCandidates : total;
  let evaluated = candidates;
  if (deadlineMs !== undefined) {
    if (deadlineAt !== undefined) {
      if (deadlineAt !== null && deadlineAt < candidates) evaluated = deadlineAt;
    } else {
      // Chunk by chunk, the clock read after each that another follows: the last one is evaluated with
      // the rest below anyway. The evaluations are the real work (their rows and verdicts are kept with
      // the targets and reused when the targets evaluated are placed).
      for (let from = 0; from + DEADLINE_CHUNK < candidates; from += DEADLINE_CHUNK) {
        evaluate(demands, targets.slice(from, from + DEADLINE_CHUNK), options.mode);
        if (clock() - start > deadlineMs) {
          evaluated = from + DEADLINE_CHUNK;
          break;
        }
      }
    }
  }
  if (evaluated === total) return null;
  return {
    total,
    evaluated,
    candidates: candidates < total ? candidates : null,
    deadlineMs: evaluated < candidates ? deadlineMs! : null,
  };
}

// The first targets of a list, kept with it: a live view that places the same list again and again
// finds the same list, and so the same compiled fleet.
const firstKept = new WeakMap<readonly Target[], { n: number; list: readonly Target[] }>();

/** The first `n` targets of the list, the same list for the same list and `n`. */
export function firstOf(targets: readonly Target[], n: number): readonly Target[] {
  const kept = firstKept.get(targets);
  if (kept !== undefined && kept.n === n) return kept.list;
  const list = targets.slice(0, n);
  firstKept.set(targets, { n, list });
  return list;
}

/** `the first 2 of 5 targets were evaluated (placement.maxCandidates)`: the words a cut adds to the explanation. */
function cutWords(cut: Cut): string {
  const why = cut.deadlineMs !== null ? 'placement.deadlineMs' : 'placement.maxCandidates';
  return `only the first ${cut.evaluated} of ${cut.total} targets were evaluated (${why})`;
}

/** One line per limit that left targets out. */
function cutWarnings(cut: Cut): string[] {
  const lines: string[] = [];
  if (cut.deadlineMs !== null)
    lines.push(
      `the decision deadline of ${cut.deadlineMs} ms passed after evaluating ${cut.evaluated} of ${cut.total} targets; the rest were not considered`,
    );
  if (cut.candidates !== null)
    lines.push(
      cut.deadlineMs !== null
        ? `targets beyond the first ${cut.candidates} were not candidates (placement.maxCandidates)`
        : `evaluated the first ${cut.candidates} of ${cut.total} targets (placement.maxCandidates); the rest were not considered`,
    );
  return lines;
}

/** The scores of the targets a cut left out, in file order: ineligible, each saying which limit left it out. */
function leftOut(cut: Cut, targets: readonly Target[]): TargetScore[] {
  if (cut.scores !== undefined) return cut.scores;
  const byDeadline: Mismatch[] = [
    {
      key: 'deadlineMs',
      need: cut.deadlineMs,
      have: null,
      message: `not evaluated: the decision deadline of ${cut.deadlineMs} ms passed`,
    },
  ];
  const byCandidates: Mismatch[] = [
    {
      key: 'maxCandidates',
      need: cut.candidates,
      have: null,
      message: `not evaluated: beyond the first ${cut.candidates} candidates (placement.maxCandidates)`,
    },
  ];
  const none: never[] = [];
  const limit = cut.candidates ?? cut.total;
  const scores = new Array<TargetScore>(cut.total - cut.evaluated);
  for (let i = cut.evaluated; i < cut.total; i++) {
    const t = targets[i]!;
    scores[i - cut.evaluated] = {
      targetId: t.id,
      targetType: t.type,
      score: 0,
      eligible: false,
      estimatedCost: null,
      estimatedMinutes: null,
      estimate: null,
      matches: none,
      mismatches: i < limit ? byDeadline : byCandidates,
      breakdown: null,
    };
  }
  cut.scores = scores;
  return scores;
}

/**
 * Says in `result` what the cut left out: those targets' scores after the others, the warnings, the
 * explanation's (and failure's) last words, and how many targets were evaluated.
 */
export function sayCut(result: Omit<PlacementResult, 'decisionMs'>, cut: Cut, targets: readonly Target[]): void {
  const words = cutWords(cut);
  result.scores = result.scores.concat(leftOut(cut, targets));
  result.warnings = result.warnings.concat(cutWarnings(cut));
  result.explanation = `${result.explanation}; ${words}`;
  if (result.failureMessage !== null) result.failureMessage = `${result.failureMessage}; ${words}`;
  result.candidatesEvaluated = cut.evaluated;
}
