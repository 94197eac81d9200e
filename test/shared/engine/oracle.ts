/**
 * The helpers of the engine's property tests: inputs parsed by the real schemas, and an eligibility
 * oracle written here, independently of the engine's own checks, from DESIGN.md's semantics.
 */
import { lookupGpu } from '../../../shared/fleet/gpu-table.js';
import semver from 'semver';
import { place, type PlacementRun } from '../../../shared/engine/place.js';
import type { PlacementResult, TargetScore } from '../../../shared/schema/result.js';
import { targetsFile, type PlacementOptions, type Target } from '../../../shared/schema/targets.js';
import { pipelineFile, taskFile, type TaskOrPipelineFile } from '../../../shared/schema/task.js';
import {
  hasHardGpu,
  type RawCapabilities,
  type RawOptions,
  type RawRequirements,
  type RawTarget,
  type RawTargetsFile,
  type RawTask,
} from './arbitraries.js';

/** Parses a raw task or pipeline file with the real schemas. */
export function parseWorkloadFile(raw: { task: unknown } | { pipeline: unknown }): TaskOrPipelineFile {
  return 'task' in raw ? taskFile.parse(raw) : pipelineFile.parse(raw);
}

// ---------------------------------------------------------------------------------------------
// Inputs, as users write them, parsed by the real schemas.

export interface Inputs {
  file: TaskOrPipelineFile;
  targets: Target[];
  options: PlacementOptions;
}

export function parseTask(raw: RawTask): TaskOrPipelineFile {
  return taskFile.parse({ task: raw });
}

export function parseTargetsFile(raw: RawTargetsFile): { targets: Target[]; options: PlacementOptions } {
  const parsed = targetsFile.parse(raw);
  return { targets: parsed.targets, options: parsed.placement };
}

export function inputsOf(task: RawTask, targets: RawTargetsFile): Inputs {
  return { file: parseTask(task), ...parseTargetsFile(targets) };
}

export function withOptions(raw: RawTargetsFile, overrides: RawOptions): RawTargetsFile {
  return { ...raw, placement: { ...raw.placement, ...overrides } };
}

export const run: PlacementRun = { requestId: 'req-prop' };

/** A clock that advances by a different step on every run, so `decisionMs` really varies. */
export function varyingClock(): () => number {
  let t = Math.random() * 1000;
  const step = 0.001 + Math.random();
  return () => (t += step);
}

/** JSON of a result without its timings. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (key === 'decisionMs' ? undefined : v));
}

export function placeTask(inputs: Inputs): PlacementResult {
  return place(inputs.file, inputs.targets, inputs.options, run) as PlacementResult;
}

export const PROPERTY_RUNS = 300;

// ---------------------------------------------------------------------------------------------
// The oracle: DESIGN.md's hard requirements and modes, straight from the raw inputs.

export const VENDOR: Record<string, string> = { cuda: 'nvidia', rocm: 'amd', metal: 'apple' };
export const OS: Record<string, string> = { darwin: 'macos', win32: 'windows' };
export const ARCH: Record<string, string> = { amd64: 'x64', x86_64: 'x64', aarch64: 'arm64' };
export const canon = (aliases: Record<string, string>, word: string) => aliases[word] ?? word;

/** The tool name and range of a spec: `docker`, `docker>=24`, `node@^20`, `python3 ~3.11`, `python3 3.11`. */
export function splitToolSpec(spec: string): { name: string; range: string | null } {
  const m = /^([A-Za-z0-9][A-Za-z0-9._+-]*?)(?:\s*@\s*|\s+|(?=[<>=^~]))(.+)$/.exec(spec);
  return m ? { name: m[1]!, range: m[2]!.trim() } : { name: spec, range: null };
}

export function quantityMet(need: number | undefined, have: number | undefined): boolean {
  return need === undefined || (have !== undefined && have >= need);
}

/** The hard GPU requirement of raw requirements, normalised, or null when there is none. */
export function hardGpu(req: RawRequirements): { type?: string; minVram?: number; count: number } | null {
  if (!hasHardGpu(req)) return null;
  const block = req.gpu === true ? {} : (req.gpu as Exclude<RawRequirements['gpu'], boolean | undefined>);
  return {
    ...(block.type !== undefined ? { type: canon(VENDOR, block.type) } : {}),
    ...(block.minVram !== undefined ? { minVram: block.minVram } : {}),
    count: block.count ?? 1,
  };
}

export function gpuMet(req: RawRequirements, caps: RawCapabilities): boolean {
  const need = hardGpu(req);
  if (need === null) return true;
  if (caps.gpus === undefined) return false;
  let ofVendor = 0;
  let withVram = 0;
  for (const g of caps.gpus) {
    if (need.type !== undefined && canon(VENDOR, g.vendor) !== need.type) continue;
    const n = g.count ?? 1;
    ofVendor += n;
    // A VRAM not written is the GPU table's for a model it knows; unknown VRAM never satisfies a VRAM requirement.
    const vram = g.vramGb ?? (g.model === undefined ? null : (lookupGpu(g.model)?.vramGb ?? null));
    if (need.minVram !== undefined && vram !== null && vram >= need.minVram) withVram += n;
  }
  return ofVendor >= need.count && (need.minVram === undefined || withVram >= need.count);
}

/** `tools.<name>|<need>` for each tool spec the target misses, `need` as the engine shows it (`docker>=24`). */
export function toolMisses(req: RawRequirements, caps: RawCapabilities): string[] {
  const misses: string[] = [];
  for (const spec of req.tools ?? []) {
    const { name, range } = splitToolSpec(spec);
    const miss = `tools.${name}|${spec.trim()}`;
    if (caps.tools === undefined) {
      misses.push(miss);
      continue;
    }
    const versions: Record<string, string | null> = Array.isArray(caps.tools)
      ? Object.fromEntries(caps.tools.map((t) => [t, null]))
      : caps.tools;
    if (!Object.prototype.hasOwnProperty.call(versions, name)) misses.push(miss);
    else if (range !== null) {
      const version = versions[name];
      const coerced = version === null || version === undefined ? null : semver.coerce(version);
      if (coerced === null || !semver.satisfies(coerced, range, { loose: true })) misses.push(miss);
    }
  }
  return misses;
}

export function estimatedCost(raw: RawTarget, req: RawRequirements): number {
  return ((raw.hourlyRate ?? 0) * (req.maxRuntimeMinutes ?? 60)) / 60;
}

/**
 * What a raw target misses under raw requirements and a mode, one entry per failed requirement:
 * `mode`, `cpu`, `gpu` (any of the gpu checks), `tools.<name>|<need>`, `custom.<key>`, …
 * In airgapped mode a task that needs the network misses `network` everywhere, whatever the target has.
 */
export function oracleMisses(req: RawRequirements, raw: RawTarget, mode: string): string[] {
  const caps = raw.capabilities ?? {};
  const misses: string[] = [];
  const networkForbidden = mode === 'airgapped' && req.network === true;
  if (mode !== 'burst' && raw.type !== 'local') misses.push('mode');
  if (!quantityMet(req.cpu, caps.cpu)) misses.push('cpu');
  if (!quantityMet(req.memoryGb, caps.memoryGb)) misses.push('memoryGb');
  if (!quantityMet(req.diskGb, caps.diskGb)) misses.push('diskGb');
  if (!gpuMet(req, caps)) misses.push('gpu');
  misses.push(...toolMisses(req, caps));
  if (req.os !== undefined && (caps.os === undefined || canon(OS, caps.os) !== canon(OS, req.os))) misses.push('os');
  if (req.arch !== undefined && (caps.arch === undefined || canon(ARCH, caps.arch) !== canon(ARCH, req.arch)))
    misses.push('arch');
  if (networkForbidden || (req.network === true && caps.network !== true)) misses.push('network');
  if (
    req.maxRuntimeMinutes !== undefined &&
    caps.maxRuntimeMinutes !== undefined &&
    caps.maxRuntimeMinutes < req.maxRuntimeMinutes
  )
    misses.push('maxRuntimeMinutes');
  if (req.maxCost !== undefined && !(estimatedCost(raw, req) <= req.maxCost)) misses.push('maxCost');
  for (const [k, v] of Object.entries(req.custom ?? {})) {
    const labels = raw.labels ?? {};
    if (!Object.prototype.hasOwnProperty.call(labels, k) || String(labels[k]) !== String(v)) misses.push(`custom.${k}`);
  }
  return misses.sort();
}

/**
 * Every hard requirement of raw requirements that a target is reported on, in the oracle's terms
 * (`tools.<name>|<need>`, `gpu`, `custom.<key>`): all of them, except a maxRuntimeMinutes the target
 * states no limit for (it admits the task, and is not listed as met: there was nothing to compare).
 */
export function requirementsChecked(req: RawRequirements, caps: RawCapabilities = {}): string[] {
  const keys: string[] = [];
  for (const k of ['cpu', 'memoryGb', 'diskGb', 'os', 'arch', 'maxCost'] as const)
    if (req[k] !== undefined) keys.push(k);
  if (req.maxRuntimeMinutes !== undefined && caps.maxRuntimeMinutes !== undefined) keys.push('maxRuntimeMinutes');
  if (hardGpu(req) !== null) keys.push('gpu');
  if (req.network === true) keys.push('network');
  for (const spec of req.tools ?? []) {
    const { name } = splitToolSpec(spec);
    keys.push(`tools.${name}|${spec.trim()}`);
  }
  for (const k of Object.keys(req.custom ?? {})) keys.push(`custom.${k}`);
  return keys.sort();
}

/** What the engine reports as checked for one target (matches and mismatches), the mode aside. */
export function engineReported(s: TargetScore): string[] {
  return [...s.matches, ...s.mismatches]
    .filter((m) => m.key !== 'mode')
    .map((m) => (m.key.startsWith('gpu') ? 'gpu' : m.key.startsWith('tools.') ? `${m.key}|${String(m.need)}` : m.key))
    .sort();
}

/** The engine's mismatches in the oracle's terms. */
export function engineMisses(s: TargetScore): string[] {
  return s.mismatches
    .map((m) => (m.key.startsWith('gpu') ? 'gpu' : m.key.startsWith('tools.') ? `${m.key}|${String(m.need)}` : m.key))
    .sort();
}

export function modeOf(raw: RawTargetsFile): string {
  return raw.placement?.mode ?? 'burst';
}

// ---------------------------------------------------------------------------------------------
// Helpers over results.

export const eligibleIds = (r: PlacementResult) =>
  r.scores
    .filter((s) => s.eligible)
    .map((s) => s.targetId)
    .sort();

/** Paths of values that JSON would drop or change (functions, undefined, NaN, ±Infinity, class instances). */
export function notJson(value: unknown, path = '$'): string[] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path}: ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => notJson(v, `${path}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.entries(value).flatMap(([k, v]) => notJson(v, `${path}.${k}`));
  return [`${path}: ${typeof value}`];
}

export const scoreOf = (r: PlacementResult, id: string) => r.scores.find((s) => s.targetId === id)!;
