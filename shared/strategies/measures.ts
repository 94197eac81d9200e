import type { Requirements } from '../schema/requirements.js';
import { num, usd, valueText } from '../engine/format.js';
import type { Candidate, ScorePart, StrategyContext } from './strategy.js';

// Writing a number is the dearest step of a part, and a fleet repeats its numbers (the same
// instance types, the same prices): each is written once per process, up to a bound.
function rememberer(write: (n: number) => string): (n: number) => string {
  const written = new Map<number, string>();
  return (n) => {
    let text = written.get(n);
    if (text === undefined) {
      text = write(n);
      if (written.size >= 4096) written.clear();
      written.set(n, text);
    }
    return text;
  };
}
/** A measure in [0, 1] to three places, as parts show it. */
const m3 = rememberer((n) => String(Math.round(n * 1000) / 1000));
/** A USD amount as parts write it, `$2.01`. */
export const usdText = rememberer(usd);

// A strategy has a handful of weights: each is written once, not once per candidate.
const weightTexts = new Map<number, string>();

/** A part worth `weight × measure` of the value, saying the numbers it came from: `8 of 16 cores → 0.5 × 0.125`. */
export function part(name: string, weight: number, measure: number, numbers: string): ScorePart {
  let w = weightTexts.get(weight);
  if (w === undefined) {
    w = ` × ${m3(weight)}`;
    if (weightTexts.size < 256) weightTexts.set(weight, w);
  }
  return { name, value: weight * measure, detail: `${numbers} → ${m3(measure)}${w}` };
}

/** 1 for the cheapest candidate, 0 for the most expensive, linear in between. */
export function cheapness(candidate: Candidate, context: StrategyContext): number {
  if (Number.isNaN(candidate.cost)) return 0;
  const span = context.maxCost - context.minCost;
  return span > 0 ? 1 - (candidate.cost - context.minCost) / span : 1;
}

function ratio(need: number | undefined, have: number | undefined): number | null {
  if (need === undefined || have === undefined) return null;
  return have > 0 ? Math.min(1, need / have) : 1;
}

/**
 * How snugly a candidate fits the request, in [0, 1]: the mean of need/have over the quantities the
 * task asks for, so a 4-core task fits an 8-core box (0.5) better than a 64-core one (0.06).
 */
export function fit(candidate: Candidate, requirements: Requirements): number {
  const caps = candidate.target.capabilities ?? {};
  let sum = 0;
  let n = 0;
  // In this order (cpu, memory, disk), so that the sum is the same to the last bit.
  const cpu = ratio(requirements.cpu, caps.cpu);
  if (cpu !== null) {
    sum += cpu;
    n++;
  }
  const memory = ratio(requirements.memoryGb, caps.memoryGb);
  if (memory !== null) {
    sum += memory;
    n++;
  }
  const disk = ratio(requirements.diskGb, caps.diskGb);
  if (disk !== null) {
    sum += disk;
    n++;
  }
  return n > 0 ? sum / n : 1;
}

// The same range for every candidate of a placement: said once, not once per candidate.
let range = { min: NaN, max: NaN, text: '' };
function rangeText(min: number, max: number): string {
  if (range.min !== min || range.max !== max)
    range = { min, max, text: ` between the cheapest ${usd(min)} and the dearest ${usd(max)}` };
  return range.text;
}

/** `cheapness` as a part of the value: where the candidate's cost lies between the cheapest and the dearest. */
export function cheapnessPart(candidate: Candidate, context: StrategyContext, weight: number): ScorePart {
  if (Number.isNaN(candidate.cost)) return part('cost', weight, 0, 'cost unknown (the estimate is unknown)');
  const numbers =
    context.maxCost > context.minCost
      ? usdText(candidate.cost) + rangeText(context.minCost, context.maxCost)
      : `every candidate costs ${usdText(candidate.cost)}`;
  return part('cost', weight, cheapness(candidate, context), numbers);
}

const FIT_KEYS = [
  ['cpu', 'cpu'],
  ['memoryGb', 'memory'],
  ['diskGb', 'disk'],
] as const;

/** `fit` as parts of the value, one per quantity asked for and stated: `fit: cpu`, `fit: memory`, … */
export function fitParts(candidate: Candidate, requirements: Requirements, weight: number): ScorePart[] {
  const caps = candidate.target.capabilities ?? {};
  const parts: ScorePart[] = [];
  let n = 0;
  for (const [key] of FIT_KEYS) if (requirements[key] !== undefined && caps[key] !== undefined) n++;
  if (n === 0) return [part('fit', weight, 1, 'no cpu, memory or disk asked for (or stated)')];
  for (const [key, name] of FIT_KEYS) {
    const need = requirements[key];
    const have = caps[key];
    const r = ratio(need, have);
    if (r === null) continue;
    parts.push(part(`fit: ${name}`, weight / n, r, `needs ${num(need!)} of ${valueText(key, have!)}`));
  }
  return parts;
}

/** Total VRAM of the GPUs of the requested vendor (every vendor when none is asked for). */
export function totalVram(candidate: Candidate, requirements: Requirements): number {
  let total = 0;
  for (const g of candidate.target.capabilities?.gpus ?? []) {
    if (requirements.gpu?.type !== undefined && g.vendor !== requirements.gpu.type) continue;
    total += (g.vramGb ?? 0) * (g.count ?? 1);
  }
  return total;
}
