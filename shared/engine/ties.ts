// The tie-breaker (issue 14): how equal scores are ordered, as a comparator on scored entries or on
// positions in the eligible list, and as the eligible targets already in its order (made once per
// evaluation, shared by every strategy), from which the radix sort starts and needs no comparator.
import type { TieBreaker } from '../schema/targets.js';
import type { EvaluatedTarget, Evaluation } from './evaluate.js';
import { descendingOrder } from './order.js';

/** Anything ranked for one target (decide's scored entries). */
interface Ranked {
  entry: EvaluatedTarget;
}

function costOrder(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  return Number.isNaN(b) ? -1 : a - b;
}

/** How the tie-breaker orders two scored entries of equal score. */
export function tieOrder(tieBreaker: TieBreaker): (a: Ranked, b: Ranked) => number {
  switch (tieBreaker) {
    case 'cheapest':
      // An unknown cost (NaN) sorts after every known one.
      return (a, b) => costOrder(a.entry.cost, b.entry.cost) || a.entry.index - b.entry.index;
    case 'id':
      return (a, b) => (a.entry.target.id < b.entry.target.id ? -1 : a.entry.target.id > b.entry.target.id ? 1 : 0);
    case 'first':
      return (a, b) => a.entry.index - b.entry.index;
  }
}

/** `tieOrder` over positions in the eligible list (which is in the targets file's order). */
export function tieOfPositions(
  tieBreaker: TieBreaker,
  eligible: readonly EvaluatedTarget[],
): (a: number, b: number) => number {
  switch (tieBreaker) {
    case 'cheapest':
      return (a, b) => costOrder(eligible[a]!.cost, eligible[b]!.cost) || a - b;
    case 'id':
      return (a, b) => {
        const x = eligible[a]!.target.id;
        const y = eligible[b]!.target.id;
        return x < y ? -1 : x > y ? 1 : 0;
      };
    case 'first':
      return (a, b) => a - b;
  }
}

/**
 * The eligible targets' positions in the tie-breaker's order (stably, ties in file order): made once
 * per evaluation and shared by every strategy that ranks it.
 */
export function tieOrderOf(evaluation: Evaluation, tieBreaker: 'cheapest' | 'id'): Int32Array {
  const kept = (evaluation.tieOrders ??= {});
  return (kept[tieBreaker] ??= tieBreaker === 'id' ? byId(evaluation) : byCost(evaluation.eligible));
}

/** Lowest cost first, an unknown one (NaN) last; equal costs in file order. */
function byCost(eligible: readonly EvaluatedTarget[]): Int32Array {
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < eligible.length; i++) (Number.isNaN(eligible[i]!.cost) ? unknown : known).push(i);
  const order = descendingOrder(Float64Array.from(known, (i) => -eligible[i]!.cost));
  const out = new Int32Array(eligible.length);
  let k = 0;
  for (const j of order) out[k++] = known[j]!;
  for (const i of unknown) out[k++] = i;
  return out;
}

/** By id (as the `id` tie-breaker compares them), from the whole fleet's order by id, kept with the fleet. */
function byId(evaluation: Evaluation): Int32Array {
  const { fleet, eligible } = evaluation;
  let all = fleet.memo.get('order:id') as Int32Array | undefined;
  if (all === undefined) {
    const ids = fleet.targets.map((t) => t.id);
    all = Int32Array.from(ids.keys()).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b));
    fleet.memo.set('order:id', all);
  }
  const at = new Int32Array(fleet.size).fill(-1);
  for (let k = 0; k < eligible.length; k++) at[eligible[k]!.index] = k;
  const out = new Int32Array(eligible.length);
  let n = 0;
  for (let i = 0; i < all.length; i++) if (at[all[i]!]! >= 0) out[n++] = at[all[i]!]!;
  return out;
}
