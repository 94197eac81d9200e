import { sourceKey, type SourceKind, type Target, type TargetSource } from '../schema/targets.js';

/** A live source whose targets are older than the configured cache life. */
export interface StaleSource {
  key: string;
  kind: SourceKind;
  context?: string;
  cluster?: string;
  address?: string;
  /** The oldest import among its targets. */
  importedAt: string;
  ageMs: number;
  targets: number;
}

/** `kubernetes (context prod)`, `slurm (cluster hpc)`, `nomad (http://…)`, `catalog`. */
export function sourceName(s: Pick<TargetSource, 'kind' | 'context' | 'cluster' | 'address'>): string {
  const scope = s.context ?? s.cluster ?? s.address;
  const what = s.context !== undefined ? 'context ' : s.cluster !== undefined ? 'cluster ' : '';
  return scope === undefined ? s.kind : `${s.kind} (${what}${scope})`;
}

/**
 * The sources read live (not from a saved file) whose targets were imported more than `maxAgeMs` ago:
 * those to read again, as discovered capabilities are discovered again. File imports are the user's
 * to refresh. `now` is passed in: this module reads no clock.
 */
export function staleSources(targets: readonly Target[], now: number, maxAgeMs: number): StaleSource[] {
  const bySource = new Map<string, StaleSource>();
  for (const t of targets) {
    const s = 'source' in t ? t.source : undefined;
    if (s === undefined || s.file !== undefined) continue;
    const at = Date.parse(s.importedAt);
    const key = sourceKey(s);
    const found = bySource.get(key);
    if (found === undefined)
      bySource.set(key, {
        key,
        kind: s.kind,
        ...(s.context !== undefined && { context: s.context }),
        ...(s.cluster !== undefined && { cluster: s.cluster }),
        ...(s.address !== undefined && { address: s.address }),
        importedAt: s.importedAt,
        ageMs: now - at,
        targets: 1,
      });
    else {
      found.targets++;
      if (now - at > found.ageMs) Object.assign(found, { importedAt: s.importedAt, ageMs: now - at });
    }
  }
  return [...bySource.values()].filter((s) => s.ageMs > maxAgeMs);
}
