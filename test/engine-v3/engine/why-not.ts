// What would change the winner (DESIGN.md): for a target that lost, the smallest single changes that
// would make it win under the same options; for the winner, the changes that would make it lose.
// Every change is verified by ranking again with it applied (`winnerOf`, the engine's own ranking,
// without explanations) before it is offered. A change is `{path, to}` (`task.requirements.maxCost`,
// `targets.aws-g5.hourlyRate`, `options.strategy`, `targets.aws-p4d` → null: the target left out) and
// a sentence.
import type { Flip, WhyNot } from '../../../shared/schema/result.js';
import type { PlacementOptions } from '../../../shared/schema/targets.js';
import { STRATEGIES } from '../strategies/registry.js';
import type { Strategy } from '../strategies/strategy.js';
import { estimateCost } from './cost.js';
import { winnerAmong, winnerOf } from './decide.js';
import { minutesText } from './estimate.js';
import type { EvaluatedTarget, Evaluation } from './evaluate.js';
import { usd } from './format.js';

/** How many losers (best first) the result explains unless the caller names others. */
export const WHY_NOT_LOSERS = 2;
/**
 * Halvings of a price interval, at most: the threshold is narrowed to the step a price list writes
 * (a cent, or a hundredth of a cent under $1/h), then rounded to it and verified.
 */
const STEPS = 12;
const priceStep = (r: number) => (r < 1 ? 1e-4 : 1e-2);

interface Ctx {
  evaluation: Evaluation;
  strategy: Strategy;
  options: PlacementOptions;
  /** `task` for a task, `pipeline.nodes.ID` for a pipeline node: where its requirements are. */
  prefix: string;
  /** Each other strategy's choice on the same inputs. */
  others: ReadonlyMap<string, EvaluatedTarget | null>;
  /** The eligible entries: every what-if is a variation of this list, never a walk of the whole fleet. */
  eligible: readonly EvaluatedTarget[];
}

/** A what-if: the eligible entries under one change. */
type Pool = readonly EvaluatedTarget[];

/** The pool with `old` replaced by `entry` (or left out when `entry` is null). */
function replacing(pool: Pool, old: EvaluatedTarget, entry: EvaluatedTarget | null): Pool {
  const out: EvaluatedTarget[] = [];
  for (const e of pool) {
    if (e !== old) out.push(e);
    else if (entry !== null) out.push(entry);
  }
  return out;
}

/** The run's cost on an entry at another hourly rate. */
function costAt(ev: Evaluation, e: EvaluatedTarget, rate: number): number {
  if (ev.estimate === null) return estimateCost(rate, ev.demands.requirements);
  if (e.minutes === null) return rate === 0 ? 0 : NaN;
  return (rate * e.minutes) / 60;
}

function atRate(ctx: Ctx, e: EvaluatedTarget, rate: number): Pool {
  const target = { ...e.target, hourlyRate: rate };
  const cost = costAt(ctx.evaluation, e, rate);
  // A dearer run may break the cost cap: then the entry is out.
  const cap = ctx.evaluation.demands.requirements.maxCost;
  const eligible = cap === undefined || cost <= cap;
  return replacing(ctx.eligible, e, eligible ? { ...e, target, cost } : null);
}

const winnerIn = (ctx: Ctx, pool: Pool) => winnerAmong(pool, ctx.evaluation, ctx.strategy, ctx.options);
const winsWith = (ctx: Ctx, pool: Pool, id: string) => winnerIn(ctx, pool)?.target.id === id;

const rateText = (r: number) => (r === 0 ? 'free' : `$${r.toFixed(r < 1 ? 4 : 2)}/h`);

/** Rounds a rate to what a price list would write, on the side that keeps the verified outcome. */
function tidyRate(r: number, up: boolean): number {
  const step = priceStep(r);
  const n = up ? Math.ceil(r / step - 1e-9) : Math.floor(r / step + 1e-9);
  // Whole steps, written without float noise (2.78, never 2.7800000000000002).
  return Number((n * step).toFixed(r < 1 ? 4 : 2));
}

/** The highest rate (below the current one) at which `e` wins, or null when even free it does not. */
function priceToWin(ctx: Ctx, e: EvaluatedTarget): number | null {
  const id = e.target.id;
  const rate = e.target.hourlyRate;
  if (rate <= 0 || !winsWith(ctx, atRate(ctx, e, 0), id)) return null;
  let lo = 0;
  let hi = rate;
  for (let i = 0; i < STEPS && hi - lo > priceStep(lo); i++) {
    const mid = (lo + hi) / 2;
    if (winsWith(ctx, atRate(ctx, e, mid), id)) lo = mid;
    else hi = mid;
  }
  const to = tidyRate(lo, false);
  return winsWith(ctx, atRate(ctx, e, to), id) ? to : lo === 0 ? 0 : null;
}

/** The lowest rate (above the current one, up to 100×) at which the winner `e` loses, or null. */
function priceToLose(ctx: Ctx, e: EvaluatedTarget): number | null {
  const id = e.target.id;
  const rate = e.target.hourlyRate;
  if (rate <= 0) return null;
  let lo = rate;
  let hi = rate * 2;
  while (winsWith(ctx, atRate(ctx, e, hi), id)) {
    lo = hi;
    hi *= 2;
    if (hi > rate * 100) return null;
  }
  for (let i = 0; i < STEPS && hi - lo > priceStep(lo); i++) {
    const mid = (lo + hi) / 2;
    if (winsWith(ctx, atRate(ctx, e, mid), id)) lo = mid;
    else hi = mid;
  }
  const to = tidyRate(hi, true);
  return winsWith(ctx, atRate(ctx, e, to), id) ? null : to;
}

/** The largest cent below `cost`. */
const centBelow = (cost: number) => Math.ceil(cost * 100 - 1) / 100;

/** The changes that make the loser `l` win against the winner `w`. */
function toWin(ctx: Ctx, l: EvaluatedTarget, w: EvaluatedTarget): Flip[] {
  const ev = ctx.evaluation;
  const id = l.target.id;
  const req = ev.demands.requirements;
  const flips: Flip[] = [];
  const rate = priceToWin(ctx, l);
  if (rate !== null)
    flips.push({
      change: { path: `targets.${id}.hourlyRate`, to: rate },
      message:
        rate === 0
          ? `${id} wins only if free (it is ${rateText(l.target.hourlyRate)})`
          : `${id} wins at ${rateText(rate)} or less (it is ${rateText(l.target.hourlyRate)})`,
    });
  // A cost cap just under the winner's cost, when the loser is cheaper.
  if (!Number.isNaN(l.cost) && !Number.isNaN(w.cost) && l.cost < w.cost) {
    const cap = centBelow(w.cost);
    if (cap >= l.cost && (req.maxCost === undefined || cap < req.maxCost)) {
      const capped = ctx.eligible.filter((e) => e.cost <= cap);
      if (winsWith(ctx, capped, id))
        flips.push({
          change: { path: `${ctx.prefix}.requirements.maxCost`, to: cap },
          message: `with maxCost ${usd(cap)} (${w.target.id} costs ${usd(w.cost)}), ${id} wins at ${usd(l.cost)}`,
        });
    }
  }
  // A deadline just under the winner's time, when the loser is faster (estimates only).
  if (l.minutes !== null && w.minutes !== null && l.minutes < w.minutes) {
    const deadline = Math.ceil(l.minutes) < w.minutes ? Math.ceil(l.minutes) : l.minutes;
    if (req.maxRuntimeMinutes === undefined || deadline < req.maxRuntimeMinutes) {
      const timed = ctx.eligible.filter((e) => e.minutes !== null && e.minutes <= deadline);
      if (winsWith(ctx, timed, id))
        flips.push({
          change: { path: `${ctx.prefix}.requirements.maxRuntimeMinutes`, to: deadline },
          message: `with a ${minutesText(deadline)} deadline (${w.target.id} takes ${minutesText(w.minutes)}), ${id} wins in ${minutesText(l.minutes)}`,
        });
    }
  }
  // The task preferring it (affinity), or avoiding the winner (anti-affinity).
  const affinity = ev.demands.affinity ?? [];
  if (!affinity.includes(id) && l.affinity !== 1) {
    const preferred = ctx.eligible.map((e) =>
      e === l ? { ...e, affinity: 1 } : e.affinity === null ? { ...e, affinity: 0 } : e,
    );
    if (winsWith(ctx, preferred, id))
      flips.push({
        change: { path: `${ctx.prefix}.affinity`, to: [...affinity, id] },
        message: `preferring ${id} (affinity: ${id}) makes it win`,
      });
  }
  const anti = ev.demands.antiAffinity ?? [];
  if (w.antiAffinity === 0) {
    const avoided = replacing(ctx.eligible, w, { ...w, antiAffinity: 1 });
    if (winsWith(ctx, avoided, id))
      flips.push({
        change: { path: `${ctx.prefix}.antiAffinity`, to: [...anti, w.target.id] },
        message: `avoiding ${w.target.id} (anti-affinity) makes ${id} win`,
      });
  }
  // The winner left out of the targets.
  if (winsWith(ctx, replacing(ctx.eligible, w, null), id))
    flips.push({
      change: { path: `targets.${w.target.id}`, to: null },
      message: `without ${w.target.id}, ${id} wins`,
    });
  for (const [name, chosen] of ctx.others)
    if (chosen === l)
      flips.push({ change: { path: 'options.strategy', to: name }, message: `strategy ${name} chooses ${id}` });
  return flips;
}

/** The changes that make the winner `w` lose: its price, the runner-up's, a tighter cap, another strategy. */
function toLose(ctx: Ctx, w: EvaluatedTarget, runnerUp: EvaluatedTarget | null, runnerUpRate: number | null): Flip[] {
  const ev = ctx.evaluation;
  const id = w.target.id;
  const req = ev.demands.requirements;
  const flips: Flip[] = [];
  const rate = priceToLose(ctx, w);
  if (rate !== null)
    flips.push({
      change: { path: `targets.${id}.hourlyRate`, to: rate },
      message: `${id} loses at ${rateText(rate)} or more (it is ${rateText(w.target.hourlyRate)})`,
    });
  if (runnerUp !== null && runnerUpRate !== null)
    flips.push({
      change: { path: `targets.${runnerUp.target.id}.hourlyRate`, to: runnerUpRate },
      message:
        runnerUpRate === 0
          ? `${id} wins unless ${runnerUp.target.id} is free (it is ${rateText(runnerUp.target.hourlyRate)})`
          : `${id} wins unless ${runnerUp.target.id} costs ${rateText(runnerUpRate)} or less (it is ${rateText(runnerUp.target.hourlyRate)})`,
    });
  if (!Number.isNaN(w.cost) && w.cost > 0) {
    const cap = centBelow(w.cost);
    if (req.maxCost === undefined || cap < req.maxCost) {
      const next = winnerIn(
        ctx,
        ctx.eligible.filter((e) => e.cost <= cap),
      );
      if (next !== null && next !== w)
        flips.push({
          change: { path: `${ctx.prefix}.requirements.maxCost`, to: cap },
          message: `with maxCost ${usd(cap)}, ${next.target.id} wins instead`,
        });
    }
  }
  if (w.minutes !== null && w.minutes > 0) {
    const deadline = Math.ceil(w.minutes) - 1;
    if (deadline > 0 && (req.maxRuntimeMinutes === undefined || deadline < req.maxRuntimeMinutes)) {
      const next = winnerIn(
        ctx,
        ctx.eligible.filter((e) => e.minutes !== null && e.minutes <= deadline),
      );
      if (next !== null && next !== w)
        flips.push({
          change: { path: `${ctx.prefix}.requirements.maxRuntimeMinutes`, to: deadline },
          message: `with a ${minutesText(deadline)} deadline, ${next.target.id} wins instead`,
        });
    }
  }
  for (const [name, chosen] of ctx.others)
    if (chosen !== null && chosen !== w)
      flips.push({
        change: { path: 'options.strategy', to: name },
        message: `strategy ${name} chooses ${chosen.target.id} instead`,
      });
  return flips;
}

/**
 * `whyNot` of one placement: the winner's entry (what would make it lose), then the best
 * `WHY_NOT_LOSERS` losers' and any target named in `also` (what would make each win). `ranked` are
 * the eligible entries in the order `decide` ranked them, the winner first.
 */
export function whyNot(
  evaluation: Evaluation,
  strategy: Strategy,
  options: PlacementOptions,
  ranked: readonly EvaluatedTarget[],
  prefix: string,
  also: readonly string[] = [],
  /** Every strategy's choice, when the caller has them (compare); otherwise each is ranked here. */
  chosen?: ReadonlyMap<string, EvaluatedTarget | null>,
  losersToExplain = WHY_NOT_LOSERS,
): WhyNot[] {
  const w = ranked[0];
  if (w === undefined) return [];
  const others = new Map<string, EvaluatedTarget | null>();
  for (const s of STRATEGIES)
    if (s.name !== strategy.name)
      others.set(s.name, chosen ? (chosen.get(s.name) ?? null) : winnerOf(evaluation, s, options));
  const ctx: Ctx = { evaluation, strategy, options, prefix, others, eligible: ranked };
  const losers = ranked.slice(1, 1 + losersToExplain);
  for (const id of also) {
    const e = ranked.find((x) => x.target.id === id);
    if (e !== undefined && e !== w && !losers.includes(e)) losers.push(e);
  }
  const out: WhyNot[] = [];
  const lost = losers.map((l) => ({ targetId: l.target.id, flips: toWin(ctx, l, w) }));
  const runnerUp = ranked[1] ?? null;
  const runnerUpRate = lost[0]?.flips.find((f) => f.change.path === `targets.${runnerUp?.target.id}.hourlyRate`);
  out.push({ targetId: w.target.id, flips: toLose(ctx, w, runnerUp, (runnerUpRate?.change.to as number) ?? null) });
  out.push(...lost);
  return out;
}
