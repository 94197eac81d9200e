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
      const tools = typeof relaxTo === 'string' ? [...others, tail] : others;
      // No tools left is no `tools:` at all, never `tools: []`.
      return tools.length > 0 ? { ...requirements, tools } : without(requirements, 'tools');
    }
    case 'os':
    case 'arch':
      return typeof relaxTo === 'string' ? { ...requirements, [head]: relaxTo } : without(requirements, head);
    case 'network':
      return without(requirements, 'network');
    case 'custom': {
      // A numeric bound moved to what the target has (`>=7.5`); otherwise the label is no longer asked for.
      if (typeof relaxTo === 'string')
        return { ...requirements, custom: { ...mapOf(requirements['custom']), [tail ?? '']: relaxTo } };
      const custom = without(mapOf(requirements['custom']), tail ?? '');
      return Object.keys(custom).length > 0 ? { ...requirements, custom } : without(requirements, 'custom');
    }
    case 'targetTypes': {
      const types = Array.isArray(requirements['targetTypes']) ? (requirements['targetTypes'] as unknown[]) : [];
      return typeof relaxTo === 'string' ? { ...requirements, targetTypes: [...types, relaxTo] } : null;
    }
    case 'allowCloud':
      return without(requirements, 'allowCloud');
    default:
      return null;
  }
}

const shown = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** What changed from `before` to `after`, key by key, in words: `removed python3 from tools`, `gpu.minVram 24 → 16`. */
function changes(before: Block, after: Block, prefix: string): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const [was, now, at] = [before[key], after[key], `${prefix}${key}`];
    if (JSON.stringify(was) === JSON.stringify(now)) continue;
    if (Array.isArray(was) || Array.isArray(now)) {
      const [old, next] = [(was ?? []) as unknown[], (now ?? []) as unknown[]];
      const gone = old.filter((x) => !next.includes(x)).map(shown);
      const added = next.filter((x) => !old.includes(x)).map(shown);
      if (added.length === 0) out.push(`removed ${gone.join(', ')} from ${at}`);
      else if (gone.length === 0) out.push(`added ${added.join(', ')} to ${at}`);
      else out.push(`${at}: ${gone.join(', ')} → ${added.join(', ')}`);
    } else if (now === undefined) out.push(`removed ${at}: ${shown(was)}`);
    else if (was === undefined) out.push(`${at}: ${shown(now)}`);
    else if (typeof was === 'object' && typeof now === 'object' && was !== null && now !== null)
      out.push(...changes(mapOf(was), mapOf(now), `${at}.`));
    else out.push(`${at} ${shown(was)} → ${shown(now)}`);
  }
  return out;
}

/**
 * A relaxation in words, for the notice that offers to undo it: `removed python3 from tools`,
 * `gpu.minVram 24 → 16`, `removed network: true`.
 */
export function describeRelaxation(before: Block, after: Block): string {
  return changes(before, after, '').join('; ') || 'nothing changed';
}
