import type { Capabilities } from '../../shared/schema/capabilities.js';
import type { Target } from '../../shared/schema/targets.js';

/**
 * The targets with the capabilities a placement will use: for the local target, discovered values win
 * over written ones; every other target uses what its file says.
 */
export function withDiscovered(targets: readonly Target[], local: Capabilities | null): Target[] {
  if (local === null) return [...targets];
  return targets.map((t) => (t.type === 'local' ? { ...t, capabilities: { ...t.capabilities, ...local } } : t));
}
