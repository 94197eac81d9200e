import type { ReportCount, ReportPlacement, ReportSummary } from './report-data.js';

/** Counts, most first; ties by `weight` (more first), then by name, so the same history gives the same summary. */
function counted(map: Map<string, number>, weight?: Map<string, number>): ReportCount[] {
  const w = (name: string) => weight?.get(name) ?? 0;
  return [...map]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || w(b.name) - w(a.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

// The mode is an option of the placement, not a requirement of the task: a target it rules out has
// not missed anything the task asked for, so it is no answer to "what did the failures lack".
const NOT_A_REQUIREMENT = new Set(['mode']);

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** Where a placed placement went: its target, or each distinct target of a pipeline's nodes. */
function targetsOf(p: ReportPlacement): string[] {
  if (p.chosenTarget !== null) return [p.chosenTarget];
  const chosen = p.decisions.map((d) => d.selectedTarget).filter((t): t is string => t !== null);
  return [...new Set(chosen)];
}

/**
 * A history's overview: placements per target and per strategy, and for the failures, which
 * requirement the targets missed most often: in the most failed placements (once per placement),
 * and among those by the most targets that missed it.
 */
export function summarise(placements: readonly ReportPlacement[]): ReportSummary {
  const perTarget = new Map<string, number>();
  const perStrategy = new Map<string, number>();
  const unmet = new Map<string, number>();
  const missedBy = new Map<string, number>();
  let placed = 0;
  let failed = 0;
  let interrupted = 0;
  for (const p of placements) {
    bump(perStrategy, p.strategy);
    if (p.outcome === 'placed') {
      placed++;
      for (const t of targetsOf(p)) bump(perTarget, t);
    } else if (p.outcome === 'failed') {
      failed++;
      const keys = new Set<string>();
      for (const d of p.decisions) {
        if (d.success) continue;
        for (const s of d.scores)
          for (const m of s.mismatches) {
            if (NOT_A_REQUIREMENT.has(m.key)) continue;
            keys.add(m.key);
            bump(missedBy, m.key);
          }
      }
      for (const k of keys) bump(unmet, k);
    } else if (p.outcome === 'interrupted') interrupted++;
  }
  const unmetInFailures = counted(unmet, missedBy);
  return {
    total: placements.length,
    placed,
    failed,
    interrupted,
    perTarget: counted(perTarget),
    perStrategy: counted(perStrategy),
    unmetInFailures,
    mostCommonUnmet: unmetInFailures[0]?.name ?? null,
  };
}
