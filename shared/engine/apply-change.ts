// Applies one `whyNot` change (`{path, to}`) to a placement's inputs, as a person would edit them:
// the task file, the targets, the options. Pure: the inputs are copied, never changed in place.
import type { Flip } from '../schema/result.js';
import type { PlacementOptions, Target } from '../schema/targets.js';
import type { TaskOrPipelineFile } from '../schema/task.js';

/** What a placement is computed from, as a person edits it: the task file, the targets, the options. */
export interface WhatIfInputs {
  file: TaskOrPipelineFile;
  targets: readonly Target[];
  options: PlacementOptions;
}

/** `obj` with `value` at `keys` (a dotted path under it); `undefined` removes the key. */
function setIn(obj: Record<string, unknown>, keys: readonly string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = keys;
  const copy = { ...obj };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head!];
    else copy[head!] = value;
  } else copy[head!] = setIn((obj[head!] as Record<string, unknown> | undefined) ?? {}, rest, value);
  return copy;
}

/** The inputs with one change applied; throws on a path it does not know (a bug, not a user's input). */
export function applyChange(inputs: WhatIfInputs, change: Flip['change']): WhatIfInputs {
  const { path, to } = change;
  if (path === 'options.strategy')
    return { ...inputs, options: { ...inputs.options, strategy: to as PlacementOptions['strategy'] } };
  if (path.startsWith('targets.')) {
    // Ids may hold dots (`aws-p4d.24xlarge`): the longest id the path starts with is the one.
    const rest = path.slice('targets.'.length);
    const target = inputs.targets
      .filter((t) => rest === t.id || rest.startsWith(`${t.id}.`))
      .sort((a, b) => b.id.length - a.id.length)[0];
    if (target === undefined) throw new Error(`no target in ${path}`);
    const field = rest.slice(target.id.length + 1);
    if (field === '' && to === null) return { ...inputs, targets: inputs.targets.filter((t) => t !== target) };
    if (field !== 'hourlyRate') throw new Error(`cannot change ${path}`);
    return { ...inputs, targets: inputs.targets.map((t) => (t === target ? { ...t, hourlyRate: to as number } : t)) };
  }
  const file = inputs.file;
  if (path.startsWith('task.') && 'task' in file)
    return { ...inputs, file: { task: setIn(file.task, path.split('.').slice(1), to) as typeof file.task } };
  if (path.startsWith('pipeline.nodes.') && 'pipeline' in file) {
    const rest = path.slice('pipeline.nodes.'.length);
    const node = file.pipeline.nodes.find((n) => rest.startsWith(`${n.id}.`));
    if (node === undefined) throw new Error(`no node in ${path}`);
    const keys = rest.slice(node.id.length + 1).split('.');
    const nodes = file.pipeline.nodes.map((n) => (n === node ? (setIn(n, keys, to) as typeof n) : n));
    return { ...inputs, file: { pipeline: { ...file.pipeline, nodes } } };
  }
  throw new Error(`cannot change ${path}`);
}
