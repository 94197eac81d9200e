import type { Capabilities, GpuDevice } from '../schema/capabilities.js';
import type { GpuRequirement } from '../schema/requirements.js';
import type { Match, Mismatch } from '../schema/result.js';
import type { Target } from '../schema/targets.js';
import { versionSatisfies, type CompiledRequirements } from './compile.js';
import { num, usd } from './format.js';
import { DEFAULT_RUN_MINUTES } from './cost.js';

/** The outcome of checking one target against the hard requirements. */
export interface CheckOutcome {
  matches: Match[];
  mismatches: Mismatch[];
}

type Value = number | string | boolean | null;

function quantity(
  out: CheckOutcome,
  key: string,
  need: number | undefined,
  have: number | undefined,
  unit: string,
): void {
  if (need === undefined) return;
  if (have === undefined) {
    out.mismatches.push({
      key,
      need,
      have: null,
      message: `${key}: needs ${num(need)}${unit}, unknown on this target`,
    });
  } else if (have >= need) out.matches.push({ key, need, have });
  else out.mismatches.push({ key, need, have, message: `${key}: needs ${num(need)}${unit}, has ${num(have)}${unit}` });
}

function equal(out: CheckOutcome, key: string, need: Value, have: Value | undefined, what: string): void {
  if (have === undefined || have === null) {
    out.mismatches.push({
      key,
      need,
      have: null,
      message: `${key}: needs ${String(need)}, ${what} unknown on this target`,
    });
  } else if (have === need) out.matches.push({ key, need, have });
  else out.mismatches.push({ key, need, have, message: `${key}: needs ${String(need)}, has ${String(have)}` });
}

/** `1× nvidia GPU ≥ 8 GB` */
export function describeGpuNeed(need: GpuRequirement): string {
  const count = need.count ?? 1;
  return `${count}× ${need.type ?? 'any'} GPU${need.minVram !== undefined ? ` ≥ ${num(need.minVram)} GB` : ''}`;
}

function describeGpus(gpus: readonly GpuDevice[]): string {
  return gpus
    .map((g) => {
      const vram = g.vramGb === undefined || g.vramGb === null ? 'VRAM unknown' : `${num(g.vramGb)} GB`;
      return `${g.count ?? 1}× ${g.vendor}${g.model ? ` ${g.model}` : ''} ${vram}`;
    })
    .join(', ');
}

/** The `n`-th largest known VRAM among the devices (1-based), or null when fewer are known. */
function nthLargestVram(devices: readonly GpuDevice[], n: number): number | null {
  const sizes: number[] = [];
  for (const d of devices) {
    if (d.vramGb !== undefined && d.vramGb !== null) for (let i = 0; i < (d.count ?? 1); i++) sizes.push(d.vramGb);
  }
  sizes.sort((a, b) => b - a);
  return sizes.length >= n ? sizes[n - 1]! : null;
}

function checkGpu(out: CheckOutcome, need: GpuRequirement, gpus: readonly GpuDevice[] | undefined): void {
  const count = need.count ?? 1;
  const needText = describeGpuNeed(need);
  if (gpus === undefined) {
    out.mismatches.push({
      key: 'gpu',
      need: needText,
      have: null,
      message: `gpu: needs ${needText}, GPUs unknown on this target`,
    });
    return;
  }
  let total = 0;
  for (const g of gpus) total += g.count ?? 1;
  if (total === 0) {
    out.mismatches.push({ key: 'gpu', need: needText, have: 0, message: `gpu: needs ${needText}, has no GPU` });
    return;
  }
  const typed = need.type === undefined ? gpus : gpus.filter((g) => g.vendor === need.type);
  let typedCount = 0;
  for (const g of typed) typedCount += g.count ?? 1;
  if (typedCount === 0) {
    const vendors = [...new Set(gpus.map((g) => g.vendor))].join(', ');
    out.mismatches.push({
      key: 'gpu.type',
      need: need.type!,
      have: vendors,
      message: `gpu.type: needs ${need.type!} GPU, has ${vendors}`,
    });
    return;
  }
  if (typedCount < count) {
    out.mismatches.push({
      key: 'gpu.count',
      need: count,
      have: typedCount,
      message: `gpu.count: needs ${count}× ${need.type ?? ''} GPU, has ${typedCount}`.replace('×  GPU', '× GPU'),
    });
    return;
  }
  if (need.minVram !== undefined) {
    const vram = nthLargestVram(typed, count);
    if (vram === null || vram < need.minVram) {
      out.mismatches.push({
        key: 'gpu.minVram',
        need: need.minVram,
        have: vram,
        message:
          vram === null
            ? `gpu.minVram: needs ${num(need.minVram)} GB per GPU, VRAM unknown on this target`
            : `gpu.minVram: needs ${num(need.minVram)} GB per GPU on ${count} GPU${count > 1 ? 's' : ''}, has ${num(vram)} GB`,
      });
      return;
    }
  }
  out.matches.push({ key: 'gpu', need: needText, have: describeGpus(typed) });
}

/** Checks every hard requirement against one target; `cost` is the run's estimated cost there. */
export function checkHard(req: CompiledRequirements, target: Target, cost: number): CheckOutcome {
  const out: CheckOutcome = { matches: [], mismatches: [] };
  const r = req.source;
  const caps: Capabilities = target.capabilities ?? {};
  quantity(out, 'cpu', r.cpu, caps.cpu, ' cores');
  quantity(out, 'memoryGb', r.memoryGb, caps.memoryGb, ' GB');
  quantity(out, 'diskGb', r.diskGb, caps.diskGb, ' GB');
  if (r.gpu !== undefined) checkGpu(out, r.gpu, caps.gpus);
  for (const tool of req.tools) {
    const key = `tools.${tool.name}`;
    const version = caps.tools?.[tool.name];
    const need = tool.range === null ? tool.name : `${tool.name}${tool.range}`;
    if (caps.tools === undefined) {
      out.mismatches.push({ key, need, have: null, message: `${key}: needs ${need}, tools unknown on this target` });
    } else if (version === undefined) {
      out.mismatches.push({ key, need, have: null, message: `${key}: needs ${need}, not installed` });
    } else if (tool.range === null) out.matches.push({ key, need, have: version ?? true });
    else if (version === null) {
      out.mismatches.push({ key, need, have: true, message: `${key}: needs ${need}, installed but version unknown` });
    } else if (versionSatisfies(version, tool.range)) out.matches.push({ key, need, have: version });
    else out.mismatches.push({ key, need, have: version, message: `${key}: needs ${need}, has ${version}` });
  }
  if (r.os !== undefined) equal(out, 'os', r.os, caps.os, 'OS');
  if (r.arch !== undefined) equal(out, 'arch', r.arch, caps.arch, 'architecture');
  if (r.network === true) equal(out, 'network', true, caps.network, 'network');
  if (r.maxRuntimeMinutes !== undefined) {
    const limit = caps.maxRuntimeMinutes;
    if (limit === undefined || limit >= r.maxRuntimeMinutes) {
      out.matches.push({ key: 'maxRuntimeMinutes', need: r.maxRuntimeMinutes, have: limit ?? null });
    } else {
      out.mismatches.push({
        key: 'maxRuntimeMinutes',
        need: r.maxRuntimeMinutes,
        have: limit,
        message: `maxRuntimeMinutes: needs ${num(r.maxRuntimeMinutes)} min, target allows ${num(limit)} min`,
      });
    }
  }
  if (r.maxCost !== undefined) {
    if (cost <= r.maxCost) out.matches.push({ key: 'maxCost', need: r.maxCost, have: cost });
    else {
      const hours = num((r.maxRuntimeMinutes ?? DEFAULT_RUN_MINUTES) / 60);
      out.mismatches.push({
        key: 'maxCost',
        need: r.maxCost,
        have: cost,
        message: `maxCost: run costs ${usd(cost)} (${num(target.hourlyRate)}/h × ${hours} h), over the ${usd(r.maxCost)} limit`,
      });
    }
  }
  for (const k of req.customKeys) equal(out, `custom.${k}`, r.custom![k]!, target.labels?.[k], 'label');
  return out;
}
