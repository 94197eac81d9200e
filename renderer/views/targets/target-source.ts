import type { ApiInput } from '../../../shared/api/contract';
import { nodeState } from '../../../shared/fleet/summary';
import { sourceKey, type SourceKind, type Target, type TargetSource } from '../../../shared/schema/targets';
import { formatAge } from '../../format/age';

/** Where an imported target came from; undefined for one written by hand. */
export function sourceOf(t: Target): TargetSource | undefined {
  return 'source' in t ? t.source : undefined;
}

/** The scope of a source in words: `context prod`, `cluster hpc`, `Nomad at http://…`; '' when none. */
export function scopeWords(s: Pick<TargetSource, 'context' | 'cluster' | 'address'>): string {
  if (s.context !== undefined) return `context ${s.context}`;
  if (s.cluster !== undefined) return `cluster ${s.cluster}`;
  if (s.address !== undefined) return `at ${s.address}`;
  return '';
}

/** Milliseconds since the source was imported (NaN when the time cannot be read). */
export function importAge(s: TargetSource, now: number): number {
  return now - Date.parse(s.importedAt);
}

/** `kubernetes · context prod · node gpu-1 · imported 5 min ago` (and `· from nodes.json` for a file). */
export function sourceLine(s: TargetSource, now: number): string {
  return [
    s.kind,
    scopeWords(s),
    `${s.kind === 'catalog' ? 'row' : 'node'} ${s.node}`,
    s.file !== undefined ? `from ${s.file}` : '',
    `imported ${formatAge(importAge(s, now))}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** Why the scheduler would not use the node now (`cordoned`, `DRAIN (Reason=…)`, `1 taint`); null when it would. */
export function unusableReason(t: Target): string | null {
  const state = nodeState(t);
  return state === 'ok' ? null : state.replace(/^ok; /, '');
}

/** Whether the scheduler would use the node now: `schedulable`, or `cordoned; taint gpu=yes:NoSchedule`. */
export function stateText(t: Target): string {
  const parts: string[] = [];
  if ('unschedulable' in t && t.unschedulable) parts.push(t.unschedulable);
  for (const x of 'taints' in t ? (t.taints ?? []) : [])
    parts.push(`taint ${x.key}${x.value ? `=${x.value}` : ''}:${x.effect}`);
  return parts.length > 0 ? parts.join('; ') : 'schedulable';
}

/** One import's targets: the same source (kind and scope), read live or from one file. */
export interface SourceGroup {
  key: string;
  kind: SourceKind;
  /** `kubernetes · context prod` */
  label: string;
  /** The file it was read from; a file import cannot be refreshed from here. */
  file: string | undefined;
  count: number;
  /** The oldest import time of its targets (ms since epoch). */
  importedAt: number;
  /** What `targets.import` takes to read the same live source again. */
  refresh: ApiInput<'targets.import'>;
}

/** The sources the targets were imported from, in the order of their first target. */
export function sourceGroups(targets: readonly Target[]): SourceGroup[] {
  const groups = new Map<string, SourceGroup>();
  for (const t of targets) {
    const s = sourceOf(t);
    if (s === undefined) continue;
    const key = `${sourceKey(s)}|${s.file ?? ''}`;
    const at = Date.parse(s.importedAt);
    const known = groups.get(key);
    if (known) {
      known.count += 1;
      known.importedAt = Math.min(known.importedAt, at);
      continue;
    }
    groups.set(key, {
      key,
      kind: s.kind,
      label: [s.kind, scopeWords(s)].filter(Boolean).join(' · '),
      file: s.file,
      count: 1,
      importedAt: at,
      refresh: {
        kind: s.kind,
        apply: true,
        ...(s.context !== undefined && { context: s.context }),
        ...(s.cluster !== undefined && { cluster: s.cluster }),
        ...(s.address !== undefined && { address: s.address }),
      },
    });
  }
  return [...groups.values()];
}
