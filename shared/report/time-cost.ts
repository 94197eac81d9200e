// The time × cost picture of a task with an estimate (DESIGN.md, "Estimates: time and cost to
// result"): every eligible target with a known estimate as a point, the Pareto front of the two, and
// which strategy picked which point. Compare's chart, the reports and the CLI all draw from it.
import { minutesText } from '../engine/estimate.js';
import { frontDominators } from '../engine/front.js';

/** What the picture reads of one target's score: structural, so a result or a report's decision will do. */
export interface TimeCostScore {
  readonly targetId: string;
  readonly eligible: boolean;
  readonly estimatedMinutes: number | null;
  readonly estimatedCost: number | null;
  readonly estimate: string | null;
}

/** What the picture reads of one strategy's result. */
export interface TimeCostResult {
  readonly selectedTarget: string | null;
  readonly scores: readonly TimeCostScore[];
}

export interface TimeCostPoint<S extends string = string> {
  id: string;
  minutes: number;
  cost: number;
  /** No other point is as quick and as cheap, and better on one of the two. */
  front: boolean;
  /** The strategies that chose this target, in the order the results list them. */
  picks: S[];
}

export interface TimeCostChart<S extends string = string> {
  /** The points drawn, by time then cost (ties in the results' order). */
  points: TimeCostPoint<S>[];
  /** The front's points by time: the line to draw. */
  frontLine: TimeCostPoint<S>[];
  /** Eligible targets whose estimate is unknown: not drawn. */
  unknown: number;
  /** Points with a known estimate left out of `points` to keep the picture drawable. */
  leftOut: number;
}

/** Past this many points the picture keeps the front, the picks and an even sample of the rest. */
export const TIME_COST_MAX_POINTS = 500;

const known = (n: number | null): n is number => n !== null && Number.isFinite(n);

/**
 * The time × cost picture of one set of strategy results (the task's, or one pipeline node's); null
 * when the task states no estimate. Sort and sweep, so 10,000 targets take a few milliseconds.
 */
export function timeCostChart<S extends string>(
  results: Readonly<Partial<Record<S, TimeCostResult>>>,
  maxPoints = TIME_COST_MAX_POINTS,
): TimeCostChart<S> | null {
  const names = Object.keys(results) as S[];
  const first = names.length > 0 ? results[names[0]!] : undefined;
  if (first === undefined) return null;
  // Without an estimate the engine leaves both null on every score; with one, every score says something.
  if (!first.scores.some((s) => s.estimate !== null || s.estimatedMinutes !== null)) return null;

  const picks = new Map<string, S[]>();
  for (const name of names) {
    const chosen = results[name]?.selectedTarget;
    if (chosen === null || chosen === undefined) continue;
    const list = picks.get(chosen);
    if (list) list.push(name);
    else picks.set(chosen, [name]);
  }

  // Eligibility and the estimate do not depend on the strategy: the first result's scores say both.
  const all: TimeCostPoint<S>[] = [];
  let unknown = 0;
  for (const s of first.scores) {
    if (!s.eligible) continue;
    if (!known(s.estimatedMinutes) || !known(s.estimatedCost)) {
      unknown++;
      continue;
    }
    all.push({
      id: s.targetId,
      minutes: s.estimatedMinutes,
      cost: s.estimatedCost,
      front: false,
      picks: picks.get(s.targetId) ?? [],
    });
  }
  all.sort((a, b) => a.minutes - b.minutes || a.cost - b.cost);
  // The engine's front: a point is on it when no other point is at least as fast and as cheap and better on one.
  const dominators = frontDominators(
    all,
    (p) => p.minutes,
    (p) => p.cost,
  );
  for (const p of all) p.front = dominators.get(p) === null;

  const points = all.length > maxPoints ? sample(all, maxPoints) : all;
  return {
    points,
    frontLine: points.filter((p) => p.front),
    unknown,
    leftOut: all.length - points.length,
  };
}

/** The front, the picks, and the rest evenly spaced along the time axis: the same every time. */
function sample<S extends string>(sorted: TimeCostPoint<S>[], max: number): TimeCostPoint<S>[] {
  const kept = new Set<TimeCostPoint<S>>();
  const rest: TimeCostPoint<S>[] = [];
  for (const p of sorted) {
    if (p.front || p.picks.length > 0) kept.add(p);
    else rest.push(p);
  }
  const room = Math.max(0, max - kept.size);
  if (room > 0 && rest.length > 0) {
    const step = rest.length / room;
    for (let k = 0; k < room && k < rest.length; k++) kept.add(rest[Math.floor(k * step)]!);
  }
  return sorted.filter((p) => kept.has(p));
}

/** Minutes as every view writes them: `7.5 min` under ten, else whole minutes (`72 min`); `unknown`. */
export function minutesInWords(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return 'unknown';
  return minutesText(minutes);
}

const dollars = (n: number) => `$${n.toFixed(2)}`;

/** A point in words, for the list beside a chart: `gpu-a: 72 min, $2.41, on the front, picked by auto`. */
export function pointInWords(p: TimeCostPoint, money: (usd: number) => string = dollars): string {
  const parts = [minutesInWords(p.minutes), money(p.cost)];
  if (p.front) parts.push('on the front');
  if (p.picks.length > 0) parts.push(`picked by ${p.picks.join(', ')}`);
  return `${p.id}: ${parts.join(', ')}`;
}

/** What the picture leaves out, in a sentence; null when it leaves nothing out. */
export function leftOutInWords(c: Pick<TimeCostChart, 'unknown' | 'leftOut'>): string | null {
  const parts: string[] = [];
  if (c.unknown > 0)
    parts.push(
      `${c.unknown} ${c.unknown === 1 ? 'target' : 'targets'} with an unknown estimate ${c.unknown === 1 ? 'is' : 'are'} not drawn`,
    );
  if (c.leftOut > 0)
    parts.push(
      `${c.leftOut} ${c.leftOut === 1 ? 'point' : 'points'} off the front and picked by no strategy ${c.leftOut === 1 ? 'is' : 'are'} left out to keep the chart readable`,
    );
  if (parts.length === 0) return null;
  const text = parts.join('; ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}
