import type { Mismatch } from '../schema/result.js';
import type { Target } from '../schema/targets.js';
import { checkHard } from './checks.js';
import type { Timing } from './estimate.js';
import type { CompiledRequirements } from './compile.js';

/** Keys whose preference is met by more (`cpu: 8` is half met by 4 cores); maxCost is met by less. */
const MORE_IS_BETTER = new Set(['cpu', 'memoryGb', 'diskGb', 'gpu.minVram', 'gpu.count']);

/** What a preference not met still earns: the fraction met, for quantities; nothing otherwise. */
export function partialCredit(m: Mismatch): number {
  if (typeof m.need !== 'number' || typeof m.have !== 'number') return 0;
  if (MORE_IS_BETTER.has(m.key)) return m.need > 0 ? Math.min(1, m.have / m.need) : 1;
  if (m.key === 'maxCost') return m.have > 0 ? Math.min(1, m.need / m.have) : 1;
  // A runtime: the target's limit under the wish, or (estimated) a run that takes longer than wished.
  if (m.key === 'maxRuntimeMinutes') return Math.min(m.need, m.have) / Math.max(m.need, m.have);
  return 0;
}

/**
 * How well a target meets the soft preferences, in [0, 1]: the mean over every preference of 1 when
 * met, the fraction met for quantities, 0 otherwise. A task without preferences scores 1.
 */
export function preferenceScore(prefs: CompiledRequirements | null, target: Target, timing: Timing): number {
  if (prefs === null) return 1;
  const { matches, mismatches } = checkHard(prefs, target, timing);
  const terms = matches.length + mismatches.length;
  if (terms === 0) return 1;
  let sum = matches.length;
  for (const m of mismatches) sum += partialCredit(m);
  return sum / terms;
}
