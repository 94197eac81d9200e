import { sourceKey, type Target } from '../schema/targets.js';

/** One target an import changes, with what changed in words (`memoryGb 64 → 62.5`). */
export interface ChangedTarget {
  before: Target;
  after: Target;
  changes: string[];
}

/** What applying an import to a list of targets does, before it is done. */
export interface ImportPlan {
  added: Target[];
  changed: ChangedTarget[];
  removed: Target[];
  unchanged: Target[];
  /** Imported targets whose id was taken by another target, renamed: `gpu-box` → `slurm-gpu-box`. */
  renamed: { from: string; to: string }[];
  /** The whole list once applied: every other target as it was, in its place, then this source's. */
  targets: Target[];
}

/**
 * A target without what says only when and from which saved copy it was read, to compare two imports
 * of one node: a node read again from a newer `nodes.json` is unchanged if the node is.
 */
function comparable(t: Target): Record<string, unknown> {
  const { source, ...rest } = t as Target & { source?: { importedAt: string; file?: string } };
  if (source === undefined) return rest;
  const { importedAt: _importedAt, file: _file, ...where } = source;
  return { ...rest, source: where };
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, JSON.stringify(value));
}

/** The fields that differ between two versions of a target, one phrase each. */
export function describeChanges(before: Target, after: Target): string[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(comparable(before), '', a);
  flatten(comparable(after), '', b);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const out: string[] = [];
  for (const k of keys) {
    const x = a.get(k);
    const y = b.get(k);
    if (x === y) continue;
    out.push(x === undefined ? `${k} added (${y})` : y === undefined ? `${k} removed (was ${x})` : `${k} ${x} → ${y}`);
  }
  return out;
}

/**
 * Plans replacing one source's targets with a new import of it: nodes still there are changed (or
 * not), new ones added, gone ones removed; every target of another source or written by hand stays
 * as it was. `key` names the source (`sourceKey`), so that an import that finds no node still removes
 * the ones it had. An imported id that another target already has is prefixed with the source's kind.
 */
export function planImport(existing: readonly Target[], imported: readonly Target[], key: string): ImportPlan {
  const fromSource = (t: Target) => 'source' in t && t.source !== undefined && sourceKey(t.source) === key;
  const previous = new Map(existing.filter(fromSource).map((t) => [t.id, t]));
  const others = existing.filter((t) => !fromSource(t));
  const taken = new Set(others.map((t) => t.id));
  const plan: ImportPlan = { added: [], changed: [], removed: [], unchanged: [], renamed: [], targets: [...others] };
  const seen = new Set<string>();
  for (const t of imported) {
    let id = t.id;
    // Taken by another target, or by an earlier one of this import that was renamed to it.
    if (taken.has(id) || seen.has(id)) {
      const kind = 'source' in t && t.source ? t.source.kind : t.type;
      // The suffix survives the cut to 100 characters, so that each try is a new id.
      for (let n = 1; taken.has(id) || seen.has(id); n++) {
        const suffix = n > 1 ? `-${n}` : '';
        id = `${`${kind}-${t.id}`.slice(0, 100 - suffix.length)}${suffix}`;
      }
      plan.renamed.push({ from: t.id, to: id });
    }
    const target = id === t.id ? t : { ...t, id };
    seen.add(id);
    plan.targets.push(target);
    const before = previous.get(id);
    if (before === undefined) plan.added.push(target);
    else {
      const changes = describeChanges(before, target);
      if (changes.length === 0) plan.unchanged.push(target);
      else plan.changed.push({ before, after: target, changes });
    }
  }
  for (const [id, t] of previous) if (!seen.has(id)) plan.removed.push(t);
  return plan;
}
