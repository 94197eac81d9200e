import semverCoerce from 'semver/functions/coerce.js';
import semverSatisfies from 'semver/functions/satisfies.js';
import type { SemVer } from 'semver';
import { parseToolSpec, type Requirements, type ToolSpec } from '../schema/requirements.js';

/** A label selector or a target id, split once. */
export interface Selector {
  id: string | null;
  key: string | null;
  value: string | null;
}

/** Requirements with their tool specs parsed once per placement rather than once per target. */
export interface CompiledRequirements {
  source: Requirements;
  tools: ToolSpec[];
  customKeys: string[];
}

export function compileRequirements(source: Requirements): CompiledRequirements {
  const tools = (source.tools ?? []).map((spec) => parseToolSpec(spec)!);
  return { source, tools, customKeys: Object.keys(source.custom ?? {}) };
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
    if (s.id !== null ? s.id === id : labels?.[s.key!] === s.value) return true;
  }
  return false;
}

const coerced = new Map<string, SemVer | null>();

/** Whether a tool's reported version satisfies a range; versions like `550.54` are coerced to semver. */
export function versionSatisfies(version: string, range: string): boolean {
  let v = coerced.get(version);
  if (v === undefined) {
    v = semverCoerce(version, { loose: true });
    if (coerced.size < 10_000) coerced.set(version, v);
  }
  return v !== null && semverSatisfies(v, range, { loose: true });
}
