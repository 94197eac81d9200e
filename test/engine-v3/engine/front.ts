// The time–cost front (the Pareto front of estimated time and cost), and the trade-off a choice on
// it took: what the engine's `auto` ranks by and explains, and what the time × cost pictures draw.
import { minutesText } from './estimate.js';
import type { EvaluatedTarget } from './evaluate.js';
import { usd } from './format.js';

/**
 * For each item, the first item (fastest, then cheapest, then in the given order) that is at least as
 * fast and as cheap and better on one — or null when none is: it is on the front. Equal items are all
 * on it (neither beats the other). One sort and one sweep: every item before another in (time, cost)
 * order is at least as fast. Every item must have a known time and cost.
 */
export function frontDominators<T>(
  items: readonly T[],
  minutesOf: (t: T) => number,
  costOf: (t: T) => number,
): Map<T, T | null> {
  const sorted = [...items].sort((a, b) => minutesOf(a) - minutesOf(b) || costOf(a) - costOf(b));
  const out = new Map<T, T | null>();
  // The cheapest seen so far; being first at that cost, it is the fastest of them.
  let best: T | null = null;
  for (const t of sorted) {
    const dominated =
      best !== null && (costOf(best) < costOf(t) || (costOf(best) === costOf(t) && minutesOf(best) < minutesOf(t)));
    out.set(t, dominated ? best : null);
    if (best === null || costOf(t) < costOf(best)) best = t;
  }
  return out;
}

const known = (e: EvaluatedTarget) => e.minutes !== null && !Number.isNaN(e.cost);

/** `frontDominators` of the candidates whose time and cost are known, in the targets file's order. */
export function timeCostFront(pool: readonly EvaluatedTarget[]): Map<EvaluatedTarget, EvaluatedTarget | null> {
  const ordered = pool.filter(known).sort((a, b) => a.index - b.index);
  return frontDominators(
    ordered,
    (e) => e.minutes!,
    (e) => e.cost,
  );
}

/**
 * The trade-off a winner took, with an estimate: against the fastest and the cheapest eligible
 * targets when it is neither (`12 min slower than aws-p4d, $13.65 cheaper`).
 */
export function tradeOff(winner: EvaluatedTarget, eligible: readonly EvaluatedTarget[]): string | null {
  if (!known(winner)) return null;
  let fastest: EvaluatedTarget | null = null;
  let cheapest: EvaluatedTarget | null = null;
  for (const e of eligible) {
    if (!known(e)) continue;
    if (fastest === null || e.minutes! < fastest.minutes! || (e.minutes === fastest.minutes && e.cost < fastest.cost))
      fastest = e;
    if (cheapest === null || e.cost < cheapest.cost || (e.cost === cheapest.cost && e.minutes! < cheapest.minutes!))
      cheapest = e;
  }
  const said: string[] = [];
  for (const other of [fastest, cheapest]) {
    if (other === null || other === winner || said.some((s) => s.includes(` ${other.target.id},`))) continue;
    const dt = winner.minutes! - other.minutes!;
    const dc = winner.cost - other.cost;
    const time = dt === 0 ? 'as fast as' : `${minutesText(Math.abs(dt))} ${dt > 0 ? 'slower' : 'faster'} than`;
    const money = Math.abs(dc) < 0.005 ? 'the same cost' : `${usd(Math.abs(dc))} ${dc > 0 ? 'dearer' : 'cheaper'}`;
    said.push(`${time} ${other.target.id}, ${money}`);
  }
  return said.length > 0 ? `trade-off: ${said.join('; ')}` : null;
}
