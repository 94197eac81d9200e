// Time and cost to result (DESIGN.md, "Estimates"): the task says how long it takes on a reference
// GPU model or number of cores; the GPU table's figures carry that to every target. A target whose
// hardware the table does not know has an unknown estimate — said, never guessed.
import { lookupGpu, type GpuLookup } from '../../../shared/fleet/gpu-table.js';
import type { Estimate } from '../../../shared/schema/estimate.js';
import type { Requirements } from '../../../shared/schema/requirements.js';
import type { Target } from '../../../shared/schema/targets.js';
import { estimateCost } from './cost.js';
import { num, usd } from './format.js';

/** What a run takes on one target: minutes and USD (NaN: unknown), and the arithmetic in words. */
export interface Timing {
  /** USD for the run; NaN when the estimate is unknown on a target that charges by the hour. */
  cost: number;
  /** Estimated minutes; null without an estimate or when it is unknown. */
  minutes: number | null;
  /** The arithmetic (`180 min on A10G × 70/312 TFLOPS = 40.4 min on A100 40GB`), or why it is unknown. */
  estimate: string | null;
  /** True when the task states an estimate (so cost and runtime are estimated, not capped). */
  estimated: boolean;
}

/** An estimate resolved once per placement: the reference's figure and how many devices it used. */
export interface CompiledEstimate {
  source: Estimate;
  /** Per device: TFLOPS (compute) or GB/s (memory) of the reference GPU; cores count as 1 each. */
  figure: number | null;
  unit: string;
  /** The reference's name in words (`A10G`, `8 cores`). */
  name: string;
  gpu: GpuLookup | null;
  /** Why no estimate can be made on any target (the table has no such figure for the reference). */
  broken: string | null;
}

const FIGURE = { compute: 'fp16Tflops', memory: 'bandwidthGBs' } as const;
const UNIT = { compute: 'TFLOPS', memory: 'GB/s' } as const;

/** The task's estimate with its reference resolved; null when the task has none. */
export function compileEstimate(estimate: Estimate | undefined, requirements: Requirements): CompiledEstimate | null {
  if (estimate === undefined) return null;
  const on = estimate.on;
  if ('cpu' in on)
    return { source: estimate, figure: 1, unit: 'cores', name: `${on.cpu} cores`, gpu: null, broken: null };
  const gpu = lookupGpu(on.gpu);
  const figure = gpu === null ? null : gpu[FIGURE[estimate.boundBy]];
  const count = requirements.gpu?.count ?? 1;
  const name = `${count > 1 ? `${count}× ` : ''}${gpu?.model ?? on.gpu}`;
  const broken =
    gpu === null
      ? `the GPU table does not know the reference ${on.gpu}`
      : figure === null
        ? `the GPU table has no ${UNIT[estimate.boundBy]} figure for the reference ${gpu.model}`
        : null;
  return { source: estimate, figure, unit: UNIT[estimate.boundBy], name, gpu, broken };
}

const unknownTiming = (target: Target, why: string): Timing => ({
  // A target that charges nothing costs nothing, however long the run takes.
  cost: target.hourlyRate === 0 ? 0 : NaN,
  minutes: null,
  estimate: `unknown: ${why}`,
  estimated: true,
});

/** Minutes as every view writes them: one decimal under 10 min (`7.5 min`), whole minutes above (`72 min`). */
export function minutesText(m: number): string {
  return m < 10 ? `${Math.round(m * 10) / 10} min` : `${Math.round(m)} min`;
}

/** Rounds an estimated time to a tenth of a second, so equal hardware gives equal times. */
function tidy(minutes: number): number {
  return Math.round(minutes * 600) / 600;
}

function onGpus(c: CompiledEstimate, target: Target, requirements: Requirements): Timing {
  const gpu = requirements.gpu;
  const devices = (target.capabilities?.gpus ?? []).filter(
    (d) =>
      (gpu?.type === undefined || d.vendor === gpu.type) &&
      (gpu?.minVram === undefined || (d.vramGb !== undefined && d.vramGb !== null && d.vramGb >= gpu.minVram)),
  );
  if (devices.length === 0) return unknownTiming(target, `${target.id} has no GPU to carry the ${c.name} estimate to`);
  const key = FIGURE[c.source.boundBy];
  // Every device the task may use, fastest first.
  const figures: { figure: number; model: string }[] = [];
  const assumed = new Set<string>();
  if (c.gpu?.assumed) assumed.add(c.gpu.assumed);
  for (const d of devices) {
    if (d.model === undefined) return unknownTiming(target, `${target.id} does not say which GPU it has`);
    // The table remembers the names it has read: a fleet repeats the same model on every node.
    const m = lookupGpu(d.model);
    const f = m?.[key];
    if (m === null || f === null || f === undefined)
      return unknownTiming(
        target,
        m === null
          ? `the GPU table does not know ${target.id}'s GPU "${d.model}"`
          : `the GPU table has no ${c.unit} figure for ${m.model}`,
      );
    if (m.assumed) assumed.add(m.assumed);
    for (let i = 0; i < (d.count ?? 1); i++) figures.push({ figure: f, model: m.model });
  }
  figures.sort((a, b) => b.figure - a.figure);
  const refCount = requirements.gpu?.count ?? 1;
  const ref = c.figure! * refCount;
  // linear: the task spreads over every GPU the target offers; none: it uses gpu.count of them, paced by the slowest.
  const used = c.source.scaling === 'linear' ? figures : figures.slice(0, refCount);
  const have =
    c.source.scaling === 'linear' ? used.reduce((a, u) => a + u.figure, 0) : used.at(-1)!.figure * used.length;
  const minutes = tidy((c.source.minutes * ref) / have);
  const same = used.every((u) => u.model === used[0]!.model);
  const where = same ? `${used.length > 1 ? `${used.length}× ` : ''}${used[0]!.model}` : `${used.length} GPUs`;
  const ratio = `${num(ref)}/${num(have)} ${c.unit}`;
  const note = assumed.size > 0 ? ` (${[...assumed].join('; ')})` : '';
  const text = `${minutesText(c.source.minutes)} on ${c.name} × ${ratio} = ${minutesText(minutes)} on ${where}${note}`;
  return { cost: (target.hourlyRate * minutes) / 60, minutes, estimate: text, estimated: true };
}

function onCores(c: CompiledEstimate, target: Target): Timing {
  const ref = (c.source.on as { cpu: number }).cpu;
  const cores = target.capabilities?.cpu;
  if (c.source.scaling === 'none') {
    const minutes = c.source.minutes;
    const text = `${minutesText(minutes)} on ${c.name}; it does not scale, so ${minutesText(minutes)} here`;
    return { cost: (target.hourlyRate * minutes) / 60, minutes, estimate: text, estimated: true };
  }
  if (cores === undefined) return unknownTiming(target, `${target.id} does not say how many cores it has`);
  const minutes = tidy((c.source.minutes * ref) / cores);
  const text = `${minutesText(c.source.minutes)} on ${c.name} × ${ref}/${num(cores)} cores = ${minutesText(minutes)}`;
  return { cost: (target.hourlyRate * minutes) / 60, minutes, estimate: text, estimated: true };
}

/** The run's time and cost on one target: estimated when the task states an estimate, capped otherwise. */
export function timingOn(target: Target, requirements: Requirements, c: CompiledEstimate | null): Timing {
  if (c === null)
    return { cost: estimateCost(target.hourlyRate, requirements), minutes: null, estimate: null, estimated: false };
  if (c.broken !== null) return unknownTiming(target, c.broken);
  return c.gpu === null ? onCores(c, target) : onGpus(c, target, requirements);
}

/** `72 min, $2.41` — an estimate as the explanation says it. */
export function timingWords(t: Pick<Timing, 'cost' | 'minutes'>): string {
  const cost = Number.isNaN(t.cost) ? 'cost unknown' : usd(t.cost);
  return t.minutes === null ? cost : `${minutesText(t.minutes)}, ${cost}`;
}
