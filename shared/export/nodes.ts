import { sourceKey, type Target, type TargetType } from '../schema/targets.js';
import { EmitError, named, type EmitInput } from './emitted.js';

/** The nodes one export speaks about, all of the scheduler's type. */
export interface ExportNodes<T extends Target> {
  /** The selected target when pinned; null when unpinned. */
  pinned: T | null;
  /** Every node of the cluster the export is for (a scheduler sees only its own cluster). */
  universe: T[];
  /** The nodes of `universe` the engine found eligible, best first. */
  eligible: T[];
  /** Eligible nodes of other clusters of the same scheduler, which this export cannot cover. */
  elsewhere: number;
}

type OfType<K extends TargetType> = Extract<Target, { type: K }>;

function clusterOf(t: Target): string {
  return 'source' in t && t.source !== undefined && t.type !== 'cloud' ? sourceKey(t.source) : '';
}

/**
 * Picks the nodes of one scheduler that an export speaks about, or says in one line why there is
 * nothing to export: no target selected, the pinned target is not such a node, or none is eligible.
 */
export function exportNodes<K extends TargetType>(
  input: EmitInput,
  type: K,
  scheduler: string,
): ExportNodes<OfType<K>> {
  const { result, targets, pinned } = input;
  const isType = (t: Target): t is OfType<K> => t.type === type;
  if (result.selectedTarget === null)
    throw new EmitError(`nothing to emit for ${scheduler}: the placement selected no target`);
  const byId = new Map(targets.map((t) => [t.id, t]));
  const selected = byId.get(result.selectedTarget);
  if (selected === undefined)
    throw new EmitError(
      `nothing to emit for ${scheduler}: the selected target ${named(result.selectedTarget)} is not among the targets given`,
    );
  const eligibleIds = result.scores.filter((s) => s.eligible).map((s) => s.targetId);
  const eligibleAll = eligibleIds.map((id) => byId.get(id)).filter((t): t is OfType<K> => t !== undefined && isType(t));
  let anchor: OfType<K> | undefined;
  if (pinned) {
    if (!isType(selected))
      throw new EmitError(
        `cannot pin to ${scheduler}: the selected target ${named(selected.id)} is a ${selected.type} target, not a ${type} one`,
      );
    anchor = selected;
  } else {
    anchor = isType(selected) && eligibleAll.includes(selected) ? selected : eligibleAll[0];
    if (anchor === undefined) {
      const count = targets.filter(isType).length;
      throw new EmitError(
        count === 0
          ? `nothing to emit for ${scheduler}: no ${type} target is among the targets (import some: placement-explorer import)`
          : `nothing to emit for ${scheduler}: none of the ${count} ${type} target${count === 1 ? '' : 's'} is eligible`,
      );
    }
  }
  const cluster = clusterOf(anchor);
  const universe = targets.filter((t): t is OfType<K> => isType(t) && clusterOf(t) === cluster);
  const eligible = eligibleAll.filter((t) => clusterOf(t) === cluster);
  return {
    pinned: pinned ? anchor : null,
    universe,
    eligible,
    elsewhere: eligibleAll.length - eligible.length,
  };
}

/** The node's name in its scheduler (cloud targets: the target id). */
export function nodeName(t: Target): string {
  return 'source' in t && t.source !== undefined && t.type !== 'cloud' ? t.source.node : t.id;
}

/** True when `admitted` holds for exactly the eligible nodes of the universe. */
export function admitsExactly<T extends Target>(nodes: ExportNodes<T>, admitted: (t: T) => boolean): boolean {
  const eligible = new Set<Target>(nodes.eligible);
  return nodes.universe.every((t) => admitted(t) === eligible.has(t));
}
