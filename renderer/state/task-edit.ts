import type { Demands } from './task-presets';

/** A path into the task file's data: map keys and list indexes. */
export type DataPath = readonly (string | number)[];

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Blocks that mean nothing empty (an estimate, its reference): emptied, they are removed. (`gpu: {}` means a GPU.) */
const DROPPED_WHEN_EMPTY = new Set(['estimate', 'on']);

/** The value at `path`, or undefined. */
export function getIn(data: unknown, path: DataPath): unknown {
  let at: unknown = data;
  for (const key of path) {
    if (Array.isArray(at) && typeof key === 'number') at = at[key];
    else if (isMap(at) && typeof key === 'string' && Object.hasOwn(at, key)) at = at[key];
    else return undefined;
  }
  return at;
}

/**
 * A copy of `data` with `value` at `path` (missing maps made on the way); `undefined` or an empty
 * list removes the key, so an emptied form field leaves no `memoryGb:` or `tools: []` behind.
 */
export function setIn(data: unknown, path: DataPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [key, ...rest] = path;
  if (typeof key === 'number') {
    const list = Array.isArray(data) ? [...(data as unknown[])] : [];
    list[key] = setIn(list[key], rest, value);
    return list;
  }
  const map: Record<string, unknown> = isMap(data) ? { ...data } : {};
  const next = setIn(map[key!], rest, value);
  const emptied = isMap(next) && Object.keys(next).length === 0 && DROPPED_WHEN_EMPTY.has(key!);
  if (next === undefined || (Array.isArray(next) && next.length === 0) || emptied) delete map[key!];
  else map[key!] = next;
  return map;
}

/** Whether the data is a pipeline file (`pipeline:`) rather than a task file (`task:`). */
export function isPipeline(data: unknown): boolean {
  return isMap(data) && 'pipeline' in data;
}

/** The path of the demands the form edits: the task, or one node of the pipeline. */
export function demandsPath(data: unknown, node: number): DataPath {
  return isPipeline(data) ? ['pipeline', 'nodes', node] : ['task'];
}

/** The pipeline's nodes (raw), or none for a task. */
export function nodesOf(data: unknown): Record<string, unknown>[] {
  const nodes = getIn(data, ['pipeline', 'nodes']);
  return Array.isArray(nodes) ? nodes.filter(isMap) : [];
}

/** A node id not used yet (`step-2`, `step-3`, …). */
export function freshNodeId(data: unknown): string {
  const used = new Set(nodesOf(data).map((n) => String(n['id'])));
  let i = used.size + 1;
  while (used.has(`step-${i}`)) i++;
  return `step-${i}`;
}

function demandsOf(block: Record<string, unknown>): Demands {
  const { requirements, preferences, affinity, antiAffinity } = block;
  const out: Demands = {
    requirements: isMap(requirements) ? requirements : {},
    preferences: isMap(preferences) ? preferences : {},
  };
  if (Array.isArray(affinity)) out.affinity = affinity as string[];
  if (Array.isArray(antiAffinity)) out.antiAffinity = antiAffinity as string[];
  return out;
}

/** A task file turned into a one-node pipeline, or a pipeline's node `node` turned into a task. */
export function convertKind(data: unknown, node: number): unknown {
  if (isPipeline(data)) {
    const picked = nodesOf(data)[node] ?? {};
    const name = getIn(data, ['pipeline', 'name']);
    return { task: { name: typeof name === 'string' ? name : 'task', ...demandsOf(picked) } };
  }
  const task = getIn(data, ['task']);
  const block = isMap(task) ? task : {};
  const name = typeof block['name'] === 'string' ? block['name'] : 'pipeline';
  return { pipeline: { name, nodes: [{ id: 'step-1', ...demandsOf(block) }] } };
}
