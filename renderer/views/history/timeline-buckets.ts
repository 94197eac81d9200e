import { NEUTRAL_SERIES_COLOUR, targetColour } from '../../format/target-colour';
import { formatAxisTime } from '../../format/time';

const MINUTE = 60_000;
const STEPS = [MINUTE, 5 * MINUTE, 15 * MINUTE, 60 * MINUTE, 6 * 60 * MINUTE, 24 * 60 * MINUTE, 7 * 24 * 60 * MINUTE];
const MAX_BUCKETS = 40;

/** The series of placements that chose no target (failed, interrupted). */
export const NONE = 'no target';
/** Targets past the largest few, summed, so that the legend stays readable. */
export const OTHER = 'other';

export interface Timeline {
  /** The width of one bucket (ms). */
  step: number;
  /** One row per bucket, oldest first: its start time and a count per series. */
  rows: ({ start: number } & Record<string, number>)[];
  /** Series names, most placements first. */
  series: string[];
}

/**
 * Placements per target over time: equal buckets (a minute to a week wide, at most 40 of them, empty
 * ones included so that time reads evenly), one series per target, the smallest ones summed as "other".
 */
export function timeline(entries: readonly { at: string; selectedTarget: string | null }[], maxSeries = 5): Timeline {
  const times = entries.map((e) => Date.parse(e.at)).filter(Number.isFinite);
  if (times.length === 0) return { step: MINUTE, rows: [], series: [] };
  const min = Math.min(...times);
  const max = Math.max(...times);
  const step = STEPS.find((s) => (max - min) / s < MAX_BUCKETS) ?? STEPS.at(-1)!;
  const first = Math.floor(min / step) * step;
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.selectedTarget ?? NONE, (counts.get(e.selectedTarget ?? NONE) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  const kept = new Set(ranked.length > maxSeries ? ranked.slice(0, maxSeries - 1) : ranked);
  const series = ranked.length > maxSeries ? [...kept, OTHER] : ranked;
  const rows: Timeline['rows'] = [];
  for (let start = first; start <= max; start += step) {
    const row = { start } as Timeline['rows'][number];
    for (const s of series) row[s] = 0;
    rows.push(row);
  }
  for (const e of entries) {
    const at = Date.parse(e.at);
    if (!Number.isFinite(at)) continue;
    const name = e.selectedTarget ?? NONE;
    const row = rows[Math.floor((at - first) / step)]!;
    row[kept.has(name) ? name : OTHER]! += 1;
  }
  return { step, rows, series };
}

/** A bucket's start for an axis, in the app's one time format: `16:39` for short steps, `2025-01-02` for a day or more. */
export function bucketLabel(start: number, step: number): string {
  return formatAxisTime(start, step >= 24 * 60 * MINUTE);
}

/** A series' colour: its target's (the same in every chart), or a neutral one for `other` and `no target`. */
export function seriesColour(series: string, colourOf: (id: string) => string = targetColour): string {
  return series === OTHER || series === NONE ? NEUTRAL_SERIES_COLOUR : colourOf(series);
}
