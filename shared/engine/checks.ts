import type { Capabilities, GpuDevice } from '../schema/capabilities.js';
import { numericCustom, TOLERATION, type GpuRequirement } from '../schema/requirements.js';
import { isSchedulerTarget, type SchedulerTarget, type Taint, type Target } from '../schema/targets.js';
import type { CompiledRequirements } from './compile.js';
import type { ColumnName, LazyColumnName } from './fleet.js';
import { checkCudaCompute, compareNumber } from './checks-custom.js';
import { CUDA_COMPUTE } from './cuda-compute.js';
import { fail, pass, unknown, type CheckOutcome, type Explain, type Value } from './check-outcome.js';
import { DEFAULT_RUN_MINUTES } from './cost.js';
import type { Timing } from './estimate.js';
import { num, usd } from './format.js';

export type { CheckOutcome } from './check-outcome.js';

/** `1 core`, `4 cores`, `16 GB` */
function amount(n: number, unit: string): string {
  return `${num(n)}${n === 1 && unit === ' cores' ? ' core' : unit}`;
}

const quantityText: Explain = (key, need, have, unit) =>
  `${key}: needs ${amount(need as number, unit)}, has ${amount(have as number, unit)}`;

/** What a target that does not state a quantity leaves unsaid. */
const UNSTATED: Record<string, string> = {
  cpu: 'how many cores it has',
  memoryGb: 'how much memory it has',
  diskGb: 'how much free disk it has',
};

const equalText: Explain = (key, need, have) =>
  have === null
    ? `${key}: needs ${String(need)}, has no ${key.slice('custom.'.length)} label`
    : `${key}: needs ${String(need)}, has ${String(have)}`;

const networkText: Explain = () => 'network: needs network access, has none';

const toolText: Explain = (key, need, have) =>
  have === false
    ? `${key}: needs ${String(need)}, not installed`
    : `${key}: needs ${String(need)}, has ${String(have)}`;

const gpuText: Explain = (_key, need) => `gpu: needs ${String(need)}, has no GPU`;

const gpuTypeText: Explain = (_key, need, have) => `gpu.type: needs ${String(need)} GPU, has ${String(have)}`;

const gpuCountText: Explain = (_key, need, have, vendor) =>
  `gpu.count: needs ${String(need)}× ${vendor}GPU, has ${String(have)}`;

const gpuVramText: Explain = (_key, need, have, gpus) =>
  `gpu.minVram: needs ${num(need as number)} GB per GPU on ${gpus}, has ${num(have as number)} GB`;

const runtimeText: Explain = (_key, need, have) =>
  `maxRuntimeMinutes: needs ${num(need as number)} min, target allows ${num(have as number)} min`;

const costText: Explain = (_key, need, have, hours) => {
  const rate = Math.round(((have as number) / Number(hours)) * 10_000) / 10_000;
  return `maxCost: run costs ${usd(have as number)} (${rate}/h × ${num(Number(hours))} h), over the ${usd(need as number)} limit`;
};

function describeGpus(gpus: readonly GpuDevice[]): string {
  return gpus
    .map((g) => {
      const vram = g.vramGb === undefined || g.vramGb === null ? 'VRAM unknown' : `${num(g.vramGb)} GB`;
      return `${g.count ?? 1}× ${g.vendor}${g.model ? ` ${g.model}` : ''} ${vram}`;
    })
    .join(', ');
}

/** The `n`-th largest known VRAM among the devices of `vendor` (any when undefined), or null when fewer are known. */
function nthLargestVram(devices: readonly GpuDevice[], vendor: string | undefined, n: number): number | null {
  if (n === 1) {
    let best: number | null = null;
    for (const d of devices) {
      if (
        (vendor === undefined || d.vendor === vendor) &&
        d.vramGb !== undefined &&
        d.vramGb !== null &&
        (best === null || d.vramGb > best)
      )
        best = d.vramGb;
    }
    return best;
  }
  const sizes: number[] = [];
  for (const d of devices) {
    if ((vendor === undefined || d.vendor === vendor) && d.vramGb !== undefined && d.vramGb !== null)
      for (let i = 0; i < (d.count ?? 1); i++) sizes.push(d.vramGb);
  }
  sizes.sort((a, b) => b - a);
  return sizes.length >= n ? sizes[n - 1]! : null;
}

function vendorsOf(gpus: readonly GpuDevice[]): string {
  return gpus.length === 1 ? gpus[0]!.vendor : [...new Set(gpus.map((g) => g.vendor))].join(', ');
}

function checkGpu(
  out: CheckOutcome,
  req: CompiledRequirements,
  need: GpuRequirement,
  target: Target,
  gpus: readonly GpuDevice[] | undefined,
): void {
  const count = need.count ?? 1;
  const needText = req.gpuNeed!;
  if (gpus === undefined)
    return unknown(out, target, 'gpu', needText, null, `whether it has a GPU (needs ${needText})`);
  let total = 0;
  let typedCount = 0;
  for (const g of gpus) {
    total += g.count ?? 1;
    if (need.type === undefined || g.vendor === need.type) typedCount += g.count ?? 1;
  }
  if (total === 0) return fail(out, req, 'gpu', needText, 0, gpuText);
  if (typedCount === 0) return fail(out, req, 'gpu.type', need.type!, vendorsOf(gpus), gpuTypeText);
  if (typedCount < count)
    return fail(out, req, 'gpu.count', count, typedCount, gpuCountText, need.type ? `${need.type} ` : '');
  if (need.minVram !== undefined) {
    const vram = nthLargestVram(gpus, need.type, count);
    if (vram === null)
      return unknown(
        out,
        target,
        'gpu.minVram',
        need.minVram,
        null,
        `how much VRAM its GPUs have (needs ${num(need.minVram)} GB per GPU)`,
      );
    if (vram < need.minVram)
      return fail(out, req, 'gpu.minVram', need.minVram, vram, gpuVramText, count > 1 ? `${count} GPUs` : '1 GPU');
  }
  pass(out, 'gpu', needText, describeGpus(need.type === undefined ? gpus : gpus.filter((g) => g.vendor === need.type)));
}

function quantity(
  out: CheckOutcome,
  req: CompiledRequirements,
  target: Target,
  key: string,
  need: number | undefined,
  have: number | undefined,
  unit: string,
): void {
  if (need === undefined) return;
  if (have === undefined) unknown(out, target, key, need, null, `${UNSTATED[key]} (needs ${amount(need, unit)})`);
  else if (have >= need) pass(out, key, need, have);
  else fail(out, req, key, need, have, quantityText, unit);
}

/** An equality; `what` names what a target that does not say leaves unsaid (`which OS it runs`). */
function equal(
  out: CheckOutcome,
  req: CompiledRequirements,
  target: Target,
  key: string,
  need: Value,
  have: Value | undefined,
  what: string | null,
): void {
  if (have === need) pass(out, key, need, have);
  else if (have === undefined && what !== null)
    unknown(out, target, key, need, null, `${what} (needs ${String(need)})`);
  else fail(out, req, key, need, have ?? null, equalText);
}

/** A map's own entry: a tool called `constructor` or a label called `toString` is an ordinary name. */
export function own<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}

/** Checks every hard requirement against one target; `timing` is the run's time and cost there. */
export function checkHard(req: CompiledRequirements, target: Target, timing: Timing): CheckOutcome {
  const out: CheckOutcome = { matches: [], mismatches: [] };
  checkInto(out, req, target, timing);
  return out;
}

/** Like checkHard, into a caller's outcome. */
export function checkInto(out: CheckOutcome, req: CompiledRequirements, target: Target, timing: Timing): void {
  for (const part of partsOf(req, timing.estimated)) part.check(out, req, target, timing);
}

/**
 * One part of the hard checks: what it reads of a target (a column of the compiled fleet, or
 * `null` when it reads the run's estimated timing, which is per target) and the check itself. The
 * parts, in order, are `checkInto`; the engine checks each once per distinct value of its column.
 */
export interface CheckPart {
  /** What the outcome depends on besides the column's value: the requirement, as a cache key. */
  key: string;
  column: ColumnName | LazyColumnName | `label:${string}` | null;
  /** The column and the key: where the compiled fleet keeps this part's outcomes. */
  memoKey: string;
  check(out: CheckOutcome, req: CompiledRequirements, target: Target, timing: Timing): void;
}

const capsOf = (t: Target): Capabilities => t.capabilities ?? {};

/** The parts of `req`'s checks, in the order every result lists matches and mismatches. */
export function partsOf(req: CompiledRequirements, estimated: boolean): CheckPart[] {
  if (req.parts !== null && req.partsEstimated === estimated) return req.parts;
  const r = req.source;
  const parts: Omit<CheckPart, 'memoKey'>[] = [];
  const key = (name: string, need: unknown) => `${name}:${JSON.stringify(need)}`;
  // The kind of target first: it rules a target out before anything it has is looked at.
  if (r.targetTypes !== undefined) {
    const allowed: readonly string[] = r.targetTypes;
    const need = allowed.join(', ');
    const words = orList(allowed);
    parts.push({
      key: key('targetTypes', allowed),
      column: 'type',
      check: (out, req, t) =>
        allowed.includes(t.type)
          ? pass(out, 'targetTypes', need, t.type)
          : fail(out, req, 'targetTypes', need, t.type, typesText, words),
    });
  }
  if (r.allowCloud === false)
    parts.push({
      key: 'allowCloud',
      column: 'type',
      check: (out, req, t) =>
        t.type === 'cloud'
          ? fail(out, req, 'allowCloud', false, 'cloud', cloudText)
          : pass(out, 'allowCloud', false, t.type),
    });
  if (r.cpu !== undefined)
    parts.push({
      key: key('cpu', r.cpu),
      column: 'cpu',
      check: (out, req, t) => quantity(out, req, t, 'cpu', r.cpu, capsOf(t).cpu, ' cores'),
    });
  if (r.memoryGb !== undefined)
    parts.push({
      key: key('memoryGb', r.memoryGb),
      column: 'memoryGb',
      check: (out, req, t) => quantity(out, req, t, 'memoryGb', r.memoryGb, capsOf(t).memoryGb, ' GB'),
    });
  if (r.diskGb !== undefined)
    parts.push({
      key: key('diskGb', r.diskGb),
      column: 'diskGb',
      check: (out, req, t) => quantity(out, req, t, 'diskGb', r.diskGb, capsOf(t).diskGb, ' GB'),
    });
  if (r.gpu !== undefined) {
    const gpu = r.gpu;
    parts.push({
      key: key('gpu', gpu),
      column: 'gpus',
      check: (out, req, t) => checkGpu(out, req, gpu, t, capsOf(t).gpus),
    });
  }
  if (req.tools.length > 0)
    parts.push({
      key: key(
        'tools',
        req.tools.map((t) => t.need),
      ),
      column: 'tools',
      check: (out, req, t) => checkTools(out, req, t),
    });
  if (r.os !== undefined)
    parts.push({
      key: key('os', r.os),
      column: 'os',
      check: (out, req, t) => equal(out, req, t, 'os', r.os!, capsOf(t).os, 'which OS it runs'),
    });
  if (r.arch !== undefined)
    parts.push({
      key: key('arch', r.arch),
      column: 'arch',
      check: (out, req, t) => equal(out, req, t, 'arch', r.arch!, capsOf(t).arch, 'which architecture it has'),
    });
  if (r.network === true)
    parts.push({ key: 'network', column: 'network', check: (out, req, t) => checkNetwork(out, req, t) });
  // Estimated, a deadline, a cost cap and the target's own runtime limit read the run's own timing.
  if (estimated) parts.push({ key: 'estimated', column: null, check: checkEstimated });
  else {
    if (r.maxRuntimeMinutes !== undefined)
      parts.push({
        key: key('runtime', r.maxRuntimeMinutes),
        column: 'runtime',
        check: (out, req, t) => checkRuntime(out, req, t),
      });
    // The run's cost is the target's rate over the *task's* runtime (a preference's cost is too).
    if (r.maxCost !== undefined)
      parts.push({
        key: key('cost', [r.maxCost, r.maxRuntimeMinutes ?? null, req.costMinutes]),
        column: 'rate',
        check: (out, req, _t, timing) => checkCost(out, req, timing.cost),
      });
  }
  // A missing label is no unknown capability: labels are the fleet's own tags, and it did not tag this one.
  for (const k of req.customKeys) {
    const need = r.custom![k]!;
    // `>=8.0`, `<9`, `!=7.5`: compared as numbers; any other value is an equality, as it always was.
    const numeric = numericCustom(need);
    if (numeric === null)
      parts.push({
        key: key(`custom.${k}`, need),
        column: `label:${k}`,
        check: (out, req, t) => equal(out, req, t, `custom.${k}`, need, own(t.labels, k), null),
      });
    else if (k === CUDA_COMPUTE)
      parts.push({
        key: key(`custom.${k}`, need),
        column: 'cudaCompute',
        check: (out, req, t) => checkCudaCompute(out, req, t, need, numeric),
      });
    else
      parts.push({
        key: key(`custom.${k}`, need),
        column: `label:${k}`,
        check: (out, req, t) => {
          const label = own(t.labels, k);
          compareNumber(out, req, `custom.${k}`, need, numeric, label === undefined ? null : label.trim(), null, k);
        },
      });
  }
  parts.push({
    key: key('node', r.tolerations ?? null),
    column: 'node',
    check: (out, req, t) => {
      if (isSchedulerTarget(t)) checkNode(out, req, t);
    },
  });
  req.parts = parts.map((p) => ({ ...p, memoKey: `${p.column}|${p.key}` }));
  req.partsEstimated = estimated;
  return req.parts;
}

/** `cloud`, `local or ssh`, `local, ssh or slurm` */
function orList(items: readonly string[]): string {
  return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} or ${items.at(-1)!}`;
}

const typesText: Explain = (_key, _need, have, allowed) => `targetTypes: needs ${allowed}, is ${String(have)}`;
const cloudText: Explain = () => 'allowCloud: cloud targets are not allowed';

function checkTools(out: CheckOutcome, req: CompiledRequirements, target: Target): void {
  const caps = capsOf(target);
  for (const tool of req.tools) {
    const key = tool.key;
    const version = own(caps.tools, tool.name);
    const slot = tool.need;
    if (caps.tools === undefined) unknown(out, target, key, tool.need, null, `whether it has ${tool.need}`);
    else if (version === undefined) fail(out, req, key, tool.need, false, toolText, '', slot);
    else if (tool.range === null) pass(out, key, tool.need, version ?? true);
    else if (version === null)
      unknown(out, target, key, tool.need, true, `which version of ${tool.name} it has (needs ${tool.need})`);
    else if (tool.satisfiedBy(version)) pass(out, key, tool.need, version);
    else fail(out, req, key, tool.need, version, toolText, '', slot);
  }
}

function checkNetwork(out: CheckOutcome, req: CompiledRequirements, target: Target): void {
  const network = capsOf(target).network;
  if (network === true) pass(out, 'network', true, true);
  else if (network === undefined) unknown(out, target, 'network', true, null, 'whether it has network access');
  else fail(out, req, 'network', true, false, networkText);
}

function checkRuntime(out: CheckOutcome, req: CompiledRequirements, target: Target): void {
  const need = req.source.maxRuntimeMinutes!;
  const limit = capsOf(target).maxRuntimeMinutes;
  // A runtime limit is the target's own; most have none, and one that states none has none. So an
  // unstated limit admits the task, but it is not listed as met: nothing was there to compare.
  if (limit !== undefined && limit >= need) pass(out, 'maxRuntimeMinutes', need, limit);
  else if (limit !== undefined) fail(out, req, 'maxRuntimeMinutes', need, limit, runtimeText);
}

function checkCost(out: CheckOutcome, req: CompiledRequirements, cost: number): void {
  const r = req.source;
  if (cost <= r.maxCost!) pass(out, 'maxCost', r.maxCost!, cost);
  else fail(out, req, 'maxCost', r.maxCost!, cost, costText, String((r.maxRuntimeMinutes ?? DEFAULT_RUN_MINUTES) / 60));
}

const deadlineText: Explain = (_key, need, have, estimate) =>
  `maxRuntimeMinutes: estimated ${num(have as number)} min (${estimate}), over the ${num(need as number)} min deadline`;
const limitText: Explain = (_key, need, have) =>
  `runtime: the target allows ${num(have as number)} min, the run is estimated at ${num(need as number)} min`;
const estimatedCostText: Explain = (_key, need, have, estimate) =>
  `maxCost: the run is estimated at ${usd(have as number)} (${estimate}), over the ${usd(need as number)} limit`;

/** A figure the estimate could not give: unknown, with why, never a guess. */
function unknownEstimate(out: CheckOutcome, key: string, need: Value, timing: Timing): void {
  out.mismatches.push({ key, need, have: null, message: `${key}: ${timing.estimate ?? 'unknown'}`, unknown: true });
}

/**
 * With an estimate, `maxRuntimeMinutes` is a deadline the estimated time must meet, `maxCost` a cap
 * the estimated cost must meet, and a target's own runtime limit must cover the estimated time.
 */
function checkEstimated(out: CheckOutcome, req: CompiledRequirements, target: Target, timing: Timing): void {
  const r = req.source;
  const minutes = timing.minutes;
  const words = timing.estimate ?? '';
  // An estimate unknown on a target that misses a requirement anyway adds nothing but noise.
  if (minutes === null && out.mismatches.length > 0) return;
  if (r.maxRuntimeMinutes !== undefined) {
    if (minutes === null) unknownEstimate(out, 'maxRuntimeMinutes', r.maxRuntimeMinutes, timing);
    else if (minutes <= r.maxRuntimeMinutes) pass(out, 'maxRuntimeMinutes', r.maxRuntimeMinutes, minutes);
    else fail(out, req, 'maxRuntimeMinutes', r.maxRuntimeMinutes, minutes, deadlineText, words, `deadline ${words}`);
  }
  const limit = target.capabilities?.maxRuntimeMinutes;
  if (limit !== undefined && minutes !== null && minutes > limit) fail(out, req, 'runtime', minutes, limit, limitText);
  if (r.maxCost !== undefined) {
    if (Number.isNaN(timing.cost)) unknownEstimate(out, 'maxCost', r.maxCost, timing);
    else if (timing.cost <= r.maxCost) pass(out, 'maxCost', r.maxCost, timing.cost);
    else fail(out, req, 'maxCost', r.maxCost, timing.cost, estimatedCostText, words, `cost ${words}`);
  }
}

const nodeText: Explain = (_key, _need, have) => `node: ${String(have)}`;
const untoleratedText: Explain = (_key, _need, have) => `taint ${String(have)} not tolerated`;

/** `key=value:Effect`, as kubectl writes a taint. */
export function describeTaint(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

/** True when one of the task's tolerations (`key[=value][:effect]`) covers the taint. */
export function tolerates(tolerations: readonly string[] | undefined, t: Taint): boolean {
  if (tolerations === undefined) return false;
  for (const spec of tolerations) {
    const m = TOLERATION.exec(spec);
    if (m === null || m[1] !== t.key) continue;
    if (m[2] !== undefined && m[2] !== (t.value ?? '')) continue;
    if (m[3] !== undefined && m[3] !== t.effect) continue;
    return true;
  }
  return false;
}

/** A scheduler's node: usable now, and every NoSchedule/NoExecute taint tolerated. */
function checkNode(out: CheckOutcome, req: CompiledRequirements, target: SchedulerTarget): void {
  if (target.unschedulable !== undefined) fail(out, req, 'node', 'schedulable', target.unschedulable, nodeText);
  for (const t of target.taints ?? []) {
    if (t.effect === 'PreferNoSchedule' || tolerates(req.source.tolerations, t)) continue;
    const text = describeTaint(t);
    fail(out, req, 'taint', 'tolerated', text, untoleratedText, '', `taint ${text}`);
  }
}
