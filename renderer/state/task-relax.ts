import { parseToolSpec } from '../../shared/schema/requirements';
import type { AnalysisEntry } from '../../shared/schema/result';

type Block = Record<string, unknown>;

function without(block: Block, key: string): Block {
  const copy = { ...block };
  delete copy[key];
  return copy;
}

function mapOf(value: unknown): Block {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Block) : {};
}

/** Cents, rounded up as the suggestion says (`maxCost ≥ $2.02`), and never below what the target costs. */
function costCeiling(cost: number): number {
  const cents = Math.ceil(cost * 100 - 1e-6) / 100;
  return cents >= cost ? cents : Math.ceil(cost * 100) / 100;
}

/**
 * The hard requirements (as written in the file) with the analysis entry's relaxation applied: the
 * same change the engine verified admits one more target. Null when the entry suggests none, or is
 * about the mode (an option, not a requirement).
 */
export function relaxRequirements(requirements: Block, entry: AnalysisEntry): Block | null {
  if (entry.admits === null) return null;
  const { relaxTo } = entry;
  const [head, tail] = entry.key.split(/\.(.*)/s, 2) as [string, string | undefined];
  switch (head) {
    case 'cpu':
    case 'memoryGb':
    case 'diskGb':
    case 'maxRuntimeMinutes':
      return typeof relaxTo === 'number' ? { ...requirements, [head]: relaxTo } : without(requirements, head);
    case 'maxCost':
      return typeof relaxTo === 'number' ? { ...requirements, maxCost: costCeiling(relaxTo) } : null;
    case 'gpu': {
      const gpu = mapOf(requirements['gpu']);
      if (tail === 'minVram')
        return {
          ...requirements,
          gpu: typeof relaxTo === 'number' ? { ...gpu, minVram: relaxTo } : without(gpu, 'minVram'),
        };
      if (tail === 'count' && typeof relaxTo === 'number') return { ...requirements, gpu: { ...gpu, count: relaxTo } };
      if (tail === 'type') return { ...requirements, gpu: without(gpu, 'type') };
      return without(requirements, 'gpu');
    }
    case 'tools': {
      const specs = Array.isArray(requirements['tools']) ? (requirements['tools'] as unknown[]) : [];
      const others = specs.filter((s) => typeof s !== 'string' || parseToolSpec(s)?.name !== tail);
      // Keeping the tool with any version is the smaller change the engine checked.
      return { ...requirements, tools: typeof relaxTo === 'string' ? [...others, tail] : others };
    }
    case 'os':
    case 'arch':
      return typeof relaxTo === 'string' ? { ...requirements, [head]: relaxTo } : without(requirements, head);
    case 'network':
      return without(requirements, 'network');
    case 'custom': {
      const custom = mapOf(requirements['custom']);
      return { ...requirements, custom: without(custom, tail ?? '') };
    }
    default:
      return null;
  }
}
