import { LazyScore } from '../../../shared/engine/lazy-score';
import { rankingOf } from '../../../shared/engine/ranking';
import type { CompareResult, PlacementResult, TargetScore } from '../../../shared/schema/result';
import type { Target, TargetType } from '../../../shared/schema/targets';
import { STRATEGY_NAMES, type StrategyName } from '../../../shared/strategies/registry';
import { count } from '../../format/count';

/** One strategy's result for the task, or for one node of a pipeline. */
export type StrategyResults = Record<StrategyName, PlacementResult>;

/** One target under one strategy. */
export interface MatrixCell {
  score: number;
  eligible: boolean;
  /** 1 for the best; null when ineligible. */
  rank: number | null;
  winner: boolean;
  estimatedCost: number | null;
  breakdown: TargetScore['breakdown'];
}

/** One target across every strategy, and (when a result is pinned) what it was then. */
export interface MatrixRow {
  id: string;
  type: TargetType;
  /** Its place in the targets file. */
  index: number;
  hourlyRate: number;
  /** What the target has (written or discovered), for the capability line; undefined: unstated. */
  capabilities: Target['capabilities'];
  /** The run's estimated cost on it (the same under every strategy); null: unknown. */
  estimatedCost: number | null;
  /** With an estimate: the run's estimated minutes on it (null: unknown); null without one. */
  estimatedMinutes: number | null;
  /** With an estimate: its arithmetic in words, or why it is unknown; null without one. */
  estimate: string | null;
  eligible: boolean;
  /** Why it is ineligible: each failed requirement, in words. */
  why: string[];
  /** Ineligible only because the target does not say what it has: unknown, not a mismatch. */
  unknown: boolean;
  /** In STRATEGY_NAMES order. */
  cells: MatrixCell[];
  /** The pinned result's cells, in the same order; 'new' for a target the pin did not have; null without a pin. */
  pinned: MatrixCell[] | 'new' | null;
}

export type SortKey = 'file' | StrategyName;

/**
 * Rows in the order shown. A row (and with it its target's words) is built when it is read: the
 * matrix shows a screenful of a fleet of thousands.
 */
export interface RowList {
  readonly length: number;
  /** The row at `i`, built on first read. */
  at(i: number): MatrixRow;
  idAt(i: number): string;
  /** Where the target is in the list; -1 when it is not. */
  indexOf(id: string): number;
}

/**
 * Every target's score under every strategy as columns of numbers, in the targets file's order:
 * what sorting, counting and charting read, with no target's words built.
 */
export interface Matrix extends RowList {
  /** How many of the targets are eligible. */
  readonly eligible: number;
  /** Its score under the `k`th strategy (STRATEGY_NAMES order). */
  score(i: number, k: number): number;
  isEligible(i: number): boolean;
  /** Its rows by the `k`th strategy's score, best first and ties in file order. */
  byScore(k: number): Int32Array;
}

/** The per-strategy results of a comparison: the task's, or node `node`'s for a pipeline. */
export function strategyResults(compared: CompareResult, node: number): StrategyResults | null {
  const out = {} as StrategyResults;
  for (const name of STRATEGY_NAMES) {
    const r = compared.strategies[name];
    if (r === undefined) return null;
    if ('nodes' in r) {
      const picked = r.nodes[node]?.result;
      if (picked === undefined) return null;
      out[name] = picked;
    } else out[name] = r;
  }
  return out;
}

// Each targets list's ids, to their places in it: made once per list (a re-rank keeps the list).
const places = new WeakMap<readonly Target[], Map<string, number>>();

function placesOf(targets: readonly Target[]): Map<string, number> {
  let found = places.get(targets);
  if (found === undefined) {
    found = new Map();
    for (let i = 0; i < targets.length; i++) if (!found.has(targets[i]!.id)) found.set(targets[i]!.id, i);
    places.set(targets, found);
  }
  return found;
}

/** One strategy's ranking, laid out by the targets file's index. */
interface Column {
  list: readonly TargetScore[];
  /** The targets file's index of each score in `list`; -1: not among the targets. */
  order: Int32Array;
  /** Each target's place in `list`; -1: not ranked. */
  place: Int32Array;
  scores: Float64Array;
  winner: string | null;
}

/**
 * Lays out one strategy's scores, counting in `seen` the targets it ranked. Scores are read, never
 * spread (their words are built when first read); a score that is the same object at the same place
 * in `like` (the ineligible ones often are, under every strategy) needs no lookup.
 */
function columnOf(
  result: PlacementResult,
  targets: readonly Target[],
  ids: Map<string, number>,
  size: number,
  seen: Uint8Array,
  like: Column | null,
): Column {
  const list = result.scores;
  const place = new Int32Array(size).fill(-1);
  const scores = new Float64Array(size);
  // The engine's own arrays, when it ranked this very list: no score object is read.
  const ranking = rankingOf(result);
  if (ranking !== undefined && ranking.targets === targets) {
    const { order: ranked, values } = ranking;
    const { eligible, rest } = ranking.places();
    const order = new Int32Array(ranked.length + rest.length);
    for (let i = 0; i < order.length; i++) {
      const e = i < ranked.length ? ranked[i]! : -1;
      const p = e >= 0 ? eligible[e]! : rest[i - ranked.length]!;
      order[i] = p;
      if (place[p] !== -1) continue;
      seen[p]!++;
      place[p] = i;
      if (e >= 0) scores[p] = values[e]!;
    }
    return { list, order, place, scores, winner: result.selectedTarget };
  }
  const order = new Int32Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const s = list[i]!;
    // A lazy score knows its place in the list it was ranked from; any other is found by its id.
    let p = like !== null && like.list[i] === s ? like.order[i]! : s instanceof LazyScore ? s.indexIn(targets) : -1;
    if (p < 0) p = ids.get(s.targetId) ?? -1;
    order[i] = p;
    if (p < 0 || place[p] !== -1) continue;
    seen[p]!++;
    place[p] = i;
    scores[p] = s.score;
  }
  return { list, order, place, scores, winner: result.selectedTarget };
}

function columnsOf(results: StrategyResults, targets: readonly Target[], seen: Uint8Array): Column[] {
  const ids = placesOf(targets);
  const columns: Column[] = [];
  for (const name of STRATEGY_NAMES)
    columns.push(columnOf(results[name], targets, ids, targets.length, seen, columns[0] ?? null));
  return columns;
}

function cellsOf(columns: readonly Column[], p: number): MatrixCell[] {
  return columns.map((c) => {
    const at = c.place[p]!;
    const s = c.list[at]!;
    return {
      score: s.score,
      eligible: s.eligible,
      rank: s.eligible ? at + 1 : null,
      winner: c.winner === s.targetId,
      estimatedCost: s.estimatedCost,
      // Built when a cell's title asks for it.
      get breakdown() {
        return s.breakdown;
      },
    };
  });
}

// A pin does not change while the live result does: its columns are laid out once per targets list.
const pinnedColumns = new WeakMap<StrategyResults, WeakMap<readonly Target[], Column[]>>();

function pinnedOf(pinned: StrategyResults, targets: readonly Target[]): Column[] {
  let byTargets = pinnedColumns.get(pinned);
  if (byTargets === undefined) pinnedColumns.set(pinned, (byTargets = new WeakMap()));
  let columns = byTargets.get(targets);
  if (columns === undefined) {
    columns = columnsOf(pinned, targets, new Uint8Array(targets.length));
    byTargets.set(targets, columns);
  }
  return columns;
}

function rowOf(
  targets: readonly Target[],
  p: number,
  now: readonly Column[],
  then: readonly Column[] | null,
): MatrixRow {
  const t = targets[p]!;
  const first = now[0]!.list[now[0]!.place[p]!]!;
  const mismatches = first.mismatches;
  return {
    id: t.id,
    type: t.type,
    index: p,
    hourlyRate: t.hourlyRate,
    capabilities: t.capabilities,
    estimatedCost: first.estimatedCost,
    estimatedMinutes: first.estimatedMinutes,
    estimate: first.estimate,
    eligible: first.eligible,
    why: mismatches.map((m) => m.message),
    unknown: !first.eligible && mismatches.length > 0 && mismatches.every((m) => m.unknown === true),
    cells: cellsOf(now, p),
    pinned: then === null ? null : then.every((c) => c.place[p] !== -1) ? cellsOf(then, p) : 'new',
  };
}

/**
 * The matrix's rows by one strategy's score, best first and ties in file order (the rows are
 * numbered in file order): from the strategy's own ranking, whose runs of equal scores are sorted
 * by number, or by a sort where its order is not by score alone.
 */
function byScore(column: Column, rowAt: Int32Array, fileAt: Int32Array): Int32Array {
  const out = new Int32Array(fileAt.length);
  const scoreOf = (i: number) => column.scores[fileAt[i]!]!;
  let n = 0;
  let last = Infinity;
  for (let j = 0; j < column.order.length && n >= 0; j++) {
    const p = column.order[j]!;
    if (p < 0 || rowAt[p]! < 0 || column.place[p] !== j) continue;
    // Eligible first: an eligible target scored below an ineligible one is out of score order.
    if (!(column.scores[p]! <= last)) n = -1;
    else {
      last = column.scores[p]!;
      out[n++] = rowAt[p]!;
    }
  }
  if (n !== out.length) {
    for (let i = 0; i < out.length; i++) out[i] = i;
    return out.sort((a, b) => scoreOf(b) - scoreOf(a) || a - b);
  }
  let from = 0;
  for (let to = 1; to <= n; to++) {
    if (to < n && scoreOf(out[to]!) === scoreOf(out[from]!)) continue;
    if (to - from > 1) out.subarray(from, to).sort();
    from = to;
  }
  return out;
}

/**
 * The matrix: a row per target that every strategy ranked (in the targets file's order), a cell per
 * strategy; each row built when it is read.
 */
export function buildMatrix(
  targets: readonly Target[],
  results: StrategyResults,
  pinned: StrategyResults | null,
): Matrix {
  const seen = new Uint8Array(targets.length);
  const now = columnsOf(results, targets, seen);
  const then = pinned && pinnedOf(pinned, targets);
  // A target some strategy did not rank has no row.
  const rowAt = new Int32Array(targets.length).fill(-1);
  let shown = 0;
  for (let p = 0; p < seen.length; p++) if (seen[p] === now.length) rowAt[p] = shown++;
  const fileAt = new Int32Array(shown);
  const eligibleAt = new Uint8Array(shown);
  let eligible = 0;
  const first = now[0]!;
  for (let p = 0; p < seen.length; p++) {
    const i = rowAt[p]!;
    if (i < 0) continue;
    fileAt[i] = p;
    if (first.list[first.place[p]!]!.eligible) {
      eligibleAt[i] = 1;
      eligible++;
    }
  }
  const rows = new Array<MatrixRow | undefined>(shown);
  return {
    length: shown,
    eligible,
    at: (i) => (rows[i] ??= rowOf(targets, fileAt[i]!, now, then)),
    idAt: (i) => targets[fileAt[i]!]!.id,
    indexOf(id) {
      const p = placesOf(targets).get(id);
      return p === undefined ? -1 : rowAt[p]!;
    },
    score: (i, k) => now[k]!.scores[fileAt[i]!]!,
    isEligible: (i) => eligibleAt[i] === 1,
    byScore: (k) => byScore(now[k]!, rowAt, fileAt),
  };
}

/** A matrix of no targets: before the first ranking. */
export const NO_ROWS: Matrix = {
  length: 0,
  eligible: 0,
  at: () => {
    throw new RangeError('no rows');
  },
  idAt: () => {
    throw new RangeError('no rows');
  },
  indexOf: () => -1,
  score: () => 0,
  isEligible: () => false,
  byScore: () => new Int32Array(0),
};

/** The matrix's rows in a given order of its indices. */
function reordered(matrix: Matrix, order: Int32Array): RowList {
  return {
    length: order.length,
    at: (i) => matrix.at(order[i]!),
    idAt: (i) => matrix.idAt(order[i]!),
    indexOf: (id) => order.indexOf(matrix.indexOf(id)),
  };
}

/** Rows ordered by one strategy's score (best first, ties in file order), or in file order. */
export function sortRows(matrix: Matrix, by: SortKey): RowList {
  return by === 'file' ? matrix : reordered(matrix, matrix.byScore(STRATEGY_NAMES.indexOf(by)));
}

/** The status line's count: `1 target · 0 eligible`, `6 targets · 3 eligible`. */
export function countLine(matrix: Pick<Matrix, 'length' | 'eligible'>): string {
  return `${count(matrix.length, 'target')} · ${matrix.eligible} eligible`;
}

/** What the score chart shows: the eligible targets, or the best `limit` of them when there are more. */
export function chartTitle(eligible: number, limit: number): string {
  if (eligible === 0) return 'Scores per strategy';
  if (eligible === 1) return 'Scores of the one eligible target';
  return eligible > limit
    ? `Scores of the top ${limit} of ${eligible} eligible targets`
    : `Scores of the ${eligible} eligible targets`;
}

/** The targets worth charting: the best `limit` eligible ones by their best score under any strategy. */
export function topRows(matrix: Matrix, limit: number): MatrixRow[] {
  if (limit <= 0) return [];
  // The best so far, best first (ties in file order): one pass, with no row built until the end.
  const top: { i: number; best: number }[] = [];
  for (let i = 0; i < matrix.length; i++) {
    if (!matrix.isEligible(i)) continue;
    let best = -Infinity;
    for (let k = 0; k < STRATEGY_NAMES.length; k++) best = Math.max(best, matrix.score(i, k));
    if (top.length === limit && !(best > top[limit - 1]!.best)) continue;
    let at = top.length;
    while (at > 0 && best > top[at - 1]!.best) at--;
    top.splice(at, 0, { i, best });
    if (top.length > limit) top.pop();
  }
  return top.map((t) => matrix.at(t.i));
}
