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

type Lookup = Map<string, { score: TargetScore; rank: number | null }>;

function lookups(results: StrategyResults): Lookup[] {
  return STRATEGY_NAMES.map((name) => {
    const map: Lookup = new Map();
    const scores = results[name].scores;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      map.set(s.targetId, { score: s, rank: s.eligible ? i + 1 : null });
    }
    return map;
  });
}

function cellsOf(id: string, maps: Lookup[], results: StrategyResults): MatrixCell[] | null {
  const cells: MatrixCell[] = [];
  for (let k = 0; k < maps.length; k++) {
    const found = maps[k]!.get(id);
    if (found === undefined) return null;
    const { score, rank } = found;
    cells.push({
      score: score.score,
      eligible: score.eligible,
      rank,
      winner: results[STRATEGY_NAMES[k]!].selectedTarget === id,
      estimatedCost: score.estimatedCost,
      breakdown: score.breakdown,
    });
  }
  return cells;
}

/** The matrix: one row per target (in the targets file's order), one cell per strategy. */
export function buildRows(
  targets: readonly Target[],
  results: StrategyResults,
  pinned: StrategyResults | null,
): MatrixRow[] {
  const now = lookups(results);
  const then = pinned && lookups(pinned);
  const rows: MatrixRow[] = [];
  targets.forEach((t, index) => {
    const cells = cellsOf(t.id, now, results);
    if (cells === null) return;
    const first = now[0]!.get(t.id)!.score;
    rows.push({
      id: t.id,
      type: t.type,
      index,
      hourlyRate: t.hourlyRate,
      capabilities: t.capabilities,
      estimatedCost: first.estimatedCost,
      estimatedMinutes: first.estimatedMinutes,
      estimate: first.estimate,
      eligible: first.eligible,
      why: first.mismatches.map((m) => m.message),
      unknown: !first.eligible && first.mismatches.length > 0 && first.mismatches.every((m) => m.unknown === true),
      cells,
      pinned: then && pinned ? (cellsOf(t.id, then, pinned) ?? 'new') : null,
    });
  });
  return rows;
}

/** Rows ordered by one strategy's score (best first, ties in file order), or in file order. */
export function sortRows(rows: readonly MatrixRow[], by: SortKey): MatrixRow[] {
  if (by === 'file') return [...rows];
  const k = STRATEGY_NAMES.indexOf(by);
  return [...rows].sort((a, b) => b.cells[k]!.score - a.cells[k]!.score || a.index - b.index);
}

/** The targets worth charting: the best `limit` by their best score under any strategy. */
/** The status line's count: `1 target · 0 eligible`, `6 targets · 3 eligible`. */
export function countLine(rows: readonly MatrixRow[]): string {
  const eligible = rows.filter((r) => r.eligible).length;
  return `${count(rows.length, 'target')} · ${eligible} eligible`;
}

/** What the score chart shows: the eligible targets, or the best `limit` of them when there are more. */
export function chartTitle(eligible: number, limit: number): string {
  if (eligible === 0) return 'Scores per strategy';
  if (eligible === 1) return 'Scores of the one eligible target';
  return eligible > limit
    ? `Scores of the top ${limit} of ${eligible} eligible targets`
    : `Scores of the ${eligible} eligible targets`;
}

export function topRows(rows: readonly MatrixRow[], limit: number): MatrixRow[] {
  return rows
    .filter((r) => r.eligible)
    .map((row) => ({ row, best: Math.max(...row.cells.map((c) => c.score)) }))
    .sort((a, b) => b.best - a.best || a.row.index - b.row.index)
    .slice(0, limit)
    .map((r) => r.row);
}
