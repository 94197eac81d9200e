import type { Capabilities } from '../../shared/schema/capabilities.js';

/** One field that changed between two discoveries: `memoryGb: 32 → 16`. */
export interface CapabilityChange {
  field: string;
  before: unknown;
  after: unknown;
  text: string;
}

function show(value: unknown): string {
  if (value === undefined) return 'unknown';
  if (value === null) return 'unknown version';
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}

/** Field-by-field differences, tools one by one (`tools.docker: 26.1.4 → 27.1.1`, `tools.go: unknown → 1.22.1`). */
export function diffCapabilities(before: Capabilities, after: Capabilities): CapabilityChange[] {
  const changes: CapabilityChange[] = [];
  const add = (field: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      changes.push({ field, before: a, after: b, text: `${field}: ${show(a)} → ${show(b)}` });
  };
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof Capabilities>;
  for (const key of [...keys].sort()) {
    if (key === 'tools') {
      const a = before.tools ?? {};
      const b = after.tools ?? {};
      for (const name of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
        const was = Object.hasOwn(a, name) ? a[name] : undefined;
        const now = Object.hasOwn(b, name) ? b[name] : undefined;
        if (was !== now)
          changes.push({
            field: `tools.${name}`,
            before: was,
            after: now,
            text: `tools.${name}: ${was === undefined ? 'absent' : show(was)} → ${now === undefined ? 'absent' : show(now)}`,
          });
      }
    } else add(key, before[key], after[key]);
  }
  return changes;
}
