import type { AnalysisEntry, Mismatch } from '../schema/result.js';
import { numericCustom, parseToolSpec, type Requirements } from '../schema/requirements.js';
import { checkHard } from './checks.js';
import { compileRequirements } from './compile.js';
import { timingOn } from './estimate.js';
import type { Evaluation } from './evaluate.js';
import type { Target } from '../schema/targets.js';
import { num, usd } from './format.js';

/** Keys relaxed by lowering a number: the candidate with the highest `have` needs the smallest change. */
const LOWER = new Set(['cpu', 'memoryGb', 'diskGb', 'gpu.minVram', 'gpu.count', 'maxRuntimeMinutes']);
/** How many near-miss candidates to verify per key before giving up; bounds the work on huge fleets. */
const MAX_TRIES = 8;

interface Relaxation {
  requirements: Requirements;
  relaxTo: number | string | null;
  text: string;
}

function without<T extends object, K extends keyof T>(obj: T, key: K): T {
  const copy = { ...obj };
  delete copy[key];
  return copy;
}

/** A quantity lowered to what the target has, or dropped when it has none. */
function lower(
  req: Requirements,
  head: 'cpu' | 'memoryGb' | 'diskGb' | 'maxRuntimeMinutes',
  have: Mismatch['have'],
): Relaxation {
  if (typeof have === 'number' && have > 0)
    return { requirements: { ...req, [head]: have }, relaxTo: have, text: `${head} ≤ ${num(have)}` };
  return { requirements: without(req, head), relaxTo: null, text: `no ${head} requirement` };
}

/** The requirements with one key relaxed just enough for the candidate's mismatch `m`. */
function relax(req: Requirements, m: Mismatch): Relaxation | null {
  const have = m.have;
  const [head, tail] = m.key.split('.', 2) as [string, string | undefined];
  switch (head) {
    case 'maxRuntimeMinutes':
      // Estimated: the run takes longer than the deadline, which must move out to it.
      if (typeof have === 'number' && typeof m.need === 'number' && have > m.need) {
        const to = Math.ceil(have);
        return { requirements: { ...req, maxRuntimeMinutes: to }, relaxTo: to, text: `maxRuntimeMinutes ≥ ${to}` };
      }
      return lower(req, 'maxRuntimeMinutes', have);
    case 'cpu':
    case 'memoryGb':
    case 'diskGb':
      return lower(req, head as 'cpu' | 'memoryGb' | 'diskGb', have);
    case 'maxCost':
      if (typeof have !== 'number') return null;
      return {
        requirements: { ...req, maxCost: have },
        relaxTo: have,
        text: `maxCost ≥ ${usd(Math.ceil(have * 100 - 1e-6) / 100)}`,
      };
    case 'gpu': {
      const gpu = req.gpu!;
      if (tail === 'minVram') {
        if (typeof have === 'number')
          return {
            requirements: { ...req, gpu: { ...gpu, minVram: have } },
            relaxTo: have,
            text: `gpu.minVram ≤ ${num(have)}`,
          };
        return {
          requirements: { ...req, gpu: without(gpu, 'minVram') },
          relaxTo: null,
          text: 'no gpu.minVram requirement',
        };
      }
      if (tail === 'count' && typeof have === 'number' && have >= 1)
        return { requirements: { ...req, gpu: { ...gpu, count: have } }, relaxTo: have, text: `gpu.count ≤ ${have}` };
      if (tail === 'type')
        return { requirements: { ...req, gpu: without(gpu, 'type') }, relaxTo: null, text: 'any GPU vendor' };
      return { requirements: without(req, 'gpu'), relaxTo: null, text: 'no GPU requirement' };
    }
    case 'tools': {
      const tools = (req.tools ?? []).filter((spec) => parseToolSpec(spec)?.name !== tail);
      if (typeof have === 'string')
        return {
          requirements: { ...req, tools: [...tools, tail!] },
          relaxTo: have,
          text: `any ${tail!} version (it has ${have})`,
        };
      return { requirements: { ...req, tools }, relaxTo: null, text: `no ${tail!} requirement` };
    }
    case 'os':
    case 'arch':
      if (typeof have === 'string')
        return { requirements: { ...req, [head]: have }, relaxTo: have, text: `${head}: ${have}` };
      return { requirements: without(req, head), relaxTo: null, text: `no ${head} requirement` };
    case 'network':
      return { requirements: without(req, 'network'), relaxTo: null, text: 'no network requirement' };
    case 'custom': {
      // A bound (`>=8.0`) moves to what the target has, a smaller change than dropping it. (The label
      // key is all of the rest: label keys may hold dots, `nvidia.com/gpu.family`.)
      const label = m.key.slice('custom.'.length);
      const cmp =
        req.custom !== undefined && Object.hasOwn(req.custom, label) ? numericCustom(req.custom[label]!) : null;
      if (cmp !== null && typeof have === 'number' && cmp.op !== '=' && cmp.op !== '!=') {
        const op = cmp.op.startsWith('>') ? '>=' : '<=';
        const to = `${op}${String(have)}`;
        return {
          requirements: { ...req, custom: { ...req.custom, [label]: to } },
          relaxTo: to,
          text: `custom.${label} ${op} ${String(have)}`,
        };
      }
      const custom = without(req.custom ?? {}, tail!);
      return { requirements: { ...req, custom }, relaxTo: null, text: `no custom.${tail!} requirement` };
    }
    case 'targetTypes':
      if (typeof have !== 'string') return null;
      return {
        requirements: { ...req, targetTypes: [...(req.targetTypes ?? []), have] as Requirements['targetTypes'] },
        relaxTo: have,
        text: `adding ${have} to targetTypes`,
      };
    case 'allowCloud':
      return { requirements: without(req, 'allowCloud'), relaxTo: null, text: 'allowCloud: true' };
    case 'taint':
      if (typeof have !== 'string') return null;
      return {
        requirements: { ...req, tolerations: [...(req.tolerations ?? []), have] },
        relaxTo: have,
        text: `tolerating ${have}`,
      };
    default:
      return null;
  }
}

/** A target that misses exactly one requirement: relaxing that one alone may admit it. */
interface NearMiss {
  index: number;
  target: Target;
  miss: Mismatch;
}

function admits(evaluation: Evaluation, target: Target, requirements: Requirements): boolean {
  const timing = timingOn(target, requirements, evaluation.estimate);
  return checkHard(compileRequirements(requirements), target, timing).mismatches.length === 0;
}

/** Orders near-miss candidates so the one needing the smallest relaxation comes first. */
function byCloseness(key: string, estimated: boolean, req: Requirements): (a: NearMiss, b: NearMiss) => number {
  const n = (e: NearMiss) => {
    const h = e.miss.have;
    return typeof h === 'number' ? h : null;
  };
  // A numeric custom bound: the target nearest to it (the highest under `>=`, the lowest over `<=`).
  const label = key.startsWith('custom.') ? key.slice('custom.'.length) : null;
  const cmp =
    label !== null && req.custom !== undefined && Object.hasOwn(req.custom, label)
      ? numericCustom(req.custom[label]!)
      : null;
  if (cmp !== null && cmp.op.startsWith('>'))
    return (a, b) => (n(b) ?? -Infinity) - (n(a) ?? -Infinity) || a.index - b.index;
  if (cmp !== null && cmp.op.startsWith('<'))
    return (a, b) => (n(a) ?? Infinity) - (n(b) ?? Infinity) || a.index - b.index;
  if (key === 'maxRuntimeMinutes' && estimated)
    return (a, b) => (n(a) ?? Infinity) - (n(b) ?? Infinity) || a.index - b.index;
  if (LOWER.has(key)) return (a, b) => (n(b) ?? -Infinity) - (n(a) ?? -Infinity) || a.index - b.index;
  if (key === 'maxCost') return (a, b) => (n(a) ?? Infinity) - (n(b) ?? Infinity) || a.index - b.index;
  // Keeping a tool with any version is a smaller change than dropping it.
  if (key.startsWith('tools.')) {
    const has = (e: NearMiss) => (typeof e.miss.have === 'string' ? 0 : 1);
    return (a, b) => has(a) - has(b) || a.index - b.index;
  }
  return (a, b) => a.index - b.index;
}

/** What relaxing `key` just enough for `near` would say, or null when it would not admit the target. */
function tryRelaxing(evaluation: Evaluation, key: string, count: number, near: NearMiss): AnalysisEntry | null {
  const id = near.target.id;
  if (key === 'mode')
    return { key, eliminated: count, suggestion: `mode burst admits ${id}`, relaxTo: 'burst', admits: id };
  // A node's state is the scheduler's to change (uncordon, resume), not the task's.
  if (key === 'node') return null;
  if (key === 'network' && evaluation.networkForbidden)
    return { key, eliminated: count, suggestion: `no network requirement admits ${id}`, relaxTo: null, admits: id };
  const r = relax(evaluation.demands.requirements, near.miss);
  if (r === null || !admits(evaluation, near.target, r.requirements)) return null;
  return { key, eliminated: count, suggestion: `${r.text} admits ${id}`, relaxTo: r.relaxTo, admits: id };
}

/** What to write in the targets file for a mismatch the target leaves unknown: `tools`, `os`, … */
function fieldToWrite(m: Mismatch): string {
  // An estimate that could not be carried to the target: what the GPU table or the formula lacks.
  if (m.key === 'maxRuntimeMinutes' || m.key === 'maxCost') {
    if (m.message.includes('does not say how many cores')) return 'cpu';
    if (m.message.includes('does not say which GPU')) return 'the model of its gpus';
    if (m.message.includes('GPU table'))
      return 'a GPU model the GPU table knows (or the estimate on another reference)';
  }
  // A compute capability that could not be derived: the GPUs' models, or the capability itself as a label.
  if (m.key === 'custom.cudaCompute')
    return m.message.includes('GPU table') ? 'a cudaCompute label' : 'the model of its gpus (or a cudaCompute label)';
  if (m.key === 'gpu') return 'gpus';
  if (m.key === 'gpu.minVram') return 'the vramGb of its gpus';
  if (m.key.startsWith('tools.')) return m.have === true ? `the version of ${m.key.slice(6)} in tools` : 'tools';
  return m.key;
}

/**
 * The first suggestion for a requirement that eliminates targets only because they do not say what
 * they have: complete the target, and only then (in words, never as a one-click change) weaken the task.
 */
function completeTheTarget(key: string, count: number, target: Target, m: Mismatch, relaxed: AnalysisEntry | null) {
  const id = target.id;
  const probe = target.type === 'local' || target.type === 'ssh' ? ', or probe it' : '';
  const more = count > 1 ? ` (and ${count - 1} more)` : '';
  const instead = relaxed?.suggestion ? ` (weakening the task instead: ${relaxed.suggestion})` : '';
  return {
    key,
    eliminated: count,
    suggestion: `complete the target: write ${fieldToWrite(m)} for ${id}${more} in the targets file${probe}${instead}`,
    relaxTo: null,
    admits: null,
  };
}

/**
 * For each hard requirement that eliminates a target: how many it eliminates, and the smallest change
 * to that one requirement that admits one more target (verified by re-checking that target). When it
 * eliminates targets only because they do not say what they have, completing them comes first.
 */
export function analyse(evaluation: Evaluation): AnalysisEntry[] {
  const { eliminated, unknownOnly } = evaluation.eliminations();
  // Targets that miss exactly one requirement, by that requirement: relaxing it alone may admit them.
  const nearMisses = new Map<string, NearMiss[]>();
  const misses = evaluation.misses;
  const targets = evaluation.fleet.targets;
  for (let i = 0; i < misses.length; i++) {
    const sole = evaluation.networkForbidden ? evaluation.entry(i).mismatches.length === 1 : misses[i] === 1;
    if (!sole) continue;
    const miss = evaluation.soleMismatch(i);
    const near = { index: i, target: targets[i]!, miss };
    const list = nearMisses.get(miss.key);
    if (list === undefined) nearMisses.set(miss.key, [near]);
    else list.push(near);
  }
  const entries: AnalysisEntry[] = [];
  for (const [key, count] of eliminated) {
    const list = nearMisses.get(key) ?? [];
    const order = byCloseness(key, evaluation.estimate !== null, evaluation.demands.requirements);
    // The closest candidate usually admits; sort the rest only when it does not.
    let best: NearMiss | undefined = list[0];
    for (const e of list) if (order(e, best!) < 0) best = e;
    let found = best === undefined ? null : tryRelaxing(evaluation, key, count, best);
    if (found === null && list.length > 1) {
      for (const e of list.sort(order).slice(0, MAX_TRIES)) {
        if (e !== best && (found = tryRelaxing(evaluation, key, count, e)) !== null) break;
      }
    }
    const unknownAt = unknownOnly.get(key);
    if (unknownAt !== undefined && unknownAt !== null) {
      const target = best?.target ?? targets[unknownAt]!;
      const m = best?.miss ?? evaluation.entry(unknownAt).mismatches.find((x) => x.key === key)!;
      entries.push(completeTheTarget(key, count, target, m, found));
      continue;
    }
    entries.push(
      found ?? {
        key,
        eliminated: count,
        suggestion:
          key === 'node'
            ? 'the scheduler does not use these nodes now (cordoned, drained or down); no task change admits them'
            : `relaxing ${key} alone admits no target`,
        relaxTo: null,
        admits: null,
      },
    );
  }
  return entries.sort((a, b) => b.eliminated - a.eliminated || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
