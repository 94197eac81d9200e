import semverCoerce from 'semver/functions/coerce.js';
import SemverRange from 'semver/classes/range.js';
import type { SemVer } from 'semver';
import { parseToolSpec, type Requirements } from '../schema/requirements.js';
import type { Mismatch } from '../schema/result.js';
import type { CheckPart } from './checks.js';

/** A label selector or a target id, split once. */
export interface Selector {
  id: string | null;
  key: string | null;
  value: string | null;
}

/** A tool requirement with its range parsed once, and a memo of the verdict per reported version. */
export interface CompiledTool {
  name: string;
  /** `tools.docker` */
  key: string;
  range: string | null;
  /** The requirement as the task wrote it (`docker>=24`, `node@^20`), as messages show it. */
  need: string;
  satisfiedBy(version: string): boolean;
}

/** Requirements with everything that does not depend on the target worked out once per placement. */
export interface CompiledRequirements {
  source: Requirements;
  tools: CompiledTool[];
  customKeys: string[];
  /** The GPU requirement in words (`1× nvidia GPU ≥ 8 GB`), or null when there is none. */
  gpuNeed: string | null;
  /**
   * Mismatches by slot and by what the target has, shared within a placement (as engine 3 shared
   * them: see evaluate.ts on `runtime`). Matches need no sharing: the engine checks once per value.
   */
  mismatches: Map<string, Map<number | string | boolean | null, Mismatch>>;
  /** The task's runtime its cost is reckoned over (a preference's cost too), as `maxCost`'s cache key says it. */
  costMinutes: number | null;
  /** The checks as parts (checks.ts `partsOf`), built on first use. */
  parts: CheckPart[] | null;
  partsEstimated: boolean;
}

// Parsing a semver range costs more than checking a hundred targets; tasks reuse the same few specs.
const compiledTools = new Map<string, CompiledTool>();

function compileTool(spec: string): CompiledTool {
  let tool = compiledTools.get(spec);
  if (tool === undefined) {
    tool = buildTool(spec);
    if (compiledTools.size >= 1000) compiledTools.clear();
    compiledTools.set(spec, tool);
  }
  return tool;
}

function buildTool(spec: string): CompiledTool {
  const { name, range } = parseToolSpec(spec)!;
  const key = `tools.${name}`;
  if (range === null) return { name, key, range, need: spec.trim(), satisfiedBy: () => true };
  const parsed = new SemverRange(range, { loose: true });
  // Fleets repeat the same few versions: decide each once.
  const verdicts = new Map<string, boolean>();
  // The verdicts are bounded so that a long-running process cannot grow them without limit.
  return {
    name,
    key,
    range,
    need: spec.trim(),
    satisfiedBy(version) {
      let ok = verdicts.get(version);
      if (ok === undefined) {
        const v = coerce(version);
        ok = v !== null && parsed.test(v);
        if (verdicts.size < 10_000) verdicts.set(version, ok);
      }
      return ok;
    },
  };
}

export function compileRequirements(
  source: Requirements,
  costMinutes: number | null = source.maxRuntimeMinutes ?? null,
): CompiledRequirements {
  return {
    source,
    tools: (source.tools ?? []).map(compileTool),
    customKeys: Object.keys(source.custom ?? {}),
    gpuNeed: source.gpu === undefined ? null : describeGpuNeed(source.gpu),
    mismatches: new Map(),
    costMinutes,
    parts: null,
    partsEstimated: false,
  };
}

/** `1× nvidia GPU ≥ 8 GB` */
export function describeGpuNeed(need: NonNullable<Requirements['gpu']>): string {
  const count = need.count ?? 1;
  const vram = need.minVram !== undefined ? ` ≥ ${Math.round(need.minVram * 100) / 100} GB` : '';
  return `${count}× ${need.type ?? 'any'} GPU${vram}`;
}

export function compileSelectors(list: readonly string[] | undefined): Selector[] {
  return (list ?? []).map((s) => {
    const eq = s.indexOf('=');
    return eq > 0 ? { id: null, key: s.slice(0, eq), value: s.slice(eq + 1) } : { id: s, key: null, value: null };
  });
}

export function selectorMatches(
  selectors: readonly Selector[],
  id: string,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  for (const s of selectors) {
    if (
      s.id !== null ? s.id === id : labels !== undefined && Object.hasOwn(labels, s.key!) && labels[s.key!] === s.value
    )
      return true;
  }
  return false;
}

const coerced = new Map<string, SemVer | null>();

/** A reported version as semver; versions like `550.54` are coerced (`550.54.0`). */
function coerce(version: string): SemVer | null {
  let v = coerced.get(version);
  if (v === undefined) {
    v = semverCoerce(version, { loose: true });
    if (coerced.size < 10_000) coerced.set(version, v);
  }
  return v;
}
