import type { PipelineResult, PlacementResult } from '../../../shared/schema/result';

type Result = PlacementResult | PipelineResult;

/** The decision in one line: `local (LocalPreferred)`, `no valid target`, or a pipeline's per node. */
export function decisionText(r: Result): string {
  if ('pipeline' in r) {
    if (!r.success) return r.failureMessage ?? 'not placed';
    return r.nodes.map((n) => `${n.id} → ${n.result.selectedTarget ?? 'none'}`).join(', ');
  }
  if (!r.success || r.selectedTarget === null) return r.failureMessage ?? 'no valid target';
  return `${r.selectedTarget} (${r.reason}${r.fallbackUsed ? ', fallback' : ''})`;
}

/** The chosen target(s), to tell whether the decision changed. */
export function chosen(r: Result): string {
  if ('pipeline' in r) return r.nodes.map((n) => n.result.selectedTarget ?? '-').join(',');
  return r.selectedTarget ?? '-';
}

export interface ScoreRow {
  targetId: string;
  then: number | null;
  now: number | null;
  thenEligible: boolean | null;
  nowEligible: boolean | null;
}

/** Each target's score then and now, side by side (a pipeline: its first node), best now first. */
export function scoreRows(then: Result, now: Result): ScoreRow[] {
  const scores = (r: Result) => ('pipeline' in r ? (r.nodes[0]?.result.scores ?? []) : r.scores);
  const rows = new Map<string, ScoreRow>();
  const row = (id: string) => {
    let r = rows.get(id);
    if (!r) rows.set(id, (r = { targetId: id, then: null, now: null, thenEligible: null, nowEligible: null }));
    return r;
  };
  for (const s of scores(then)) Object.assign(row(s.targetId), { then: s.score, thenEligible: s.eligible });
  for (const s of scores(now)) Object.assign(row(s.targetId), { now: s.score, nowEligible: s.eligible });
  return [...rows.values()].sort((a, b) => (b.now ?? -1) - (a.now ?? -1) || (b.then ?? -1) - (a.then ?? -1));
}
