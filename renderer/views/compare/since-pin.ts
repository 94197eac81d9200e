import type { WhatIfInputs } from '../../../shared/engine/apply-change';
import { inputChanges, type InputChange } from '../../../shared/engine/score-change';
import type { TaskOrPipelineFile } from '../../../shared/schema/task';
import type { Target } from '../../../shared/schema/targets';

/** The task's demands (or a pipeline node's), without the name: what the engine reads. */
function demandsOf(file: TaskOrPipelineFile, node: number): unknown {
  const t = 'pipeline' in file ? file.pipeline.nodes[Math.min(node, file.pipeline.nodes.length - 1)] : file.task;
  if (t === undefined) return {};
  const { name: _name, id: _id, ...demands } = t as Record<string, unknown>;
  return demands;
}

/** A target added or removed is one change; a target in both, each field that differs (its import time aside). */
function targetChanges(then: readonly Target[], now: readonly Target[]): InputChange[] {
  // The same list, or the same target, has not changed: a fleet of thousands is compared in a pass.
  if (then === now) return [];
  const before = new Map(then.map((t) => [t.id, t]));
  const after = new Map(now.map((t) => [t.id, t]));
  const out: InputChange[] = [];
  for (const [id, t] of before) {
    const u = after.get(id);
    if (u === undefined) out.push({ path: `targets.${id}`, text: `target ${id} removed` });
    else if (u !== t) out.push(...inputChanges(t, u, `targets.${id}`).filter((c) => !c.path.endsWith('.importedAt')));
  }
  for (const id of after.keys()) if (!before.has(id)) out.push({ path: `targets.${id}`, text: `target ${id} added` });
  return out;
}

/**
 * Every input that differs between the pin and now: the task's fields (`requirements.maxCost`),
 * the targets' (`targets.gpu-box.hourlyRate`, a target added or removed) and the options'.
 */
export function changesSince(then: WhatIfInputs, now: WhatIfInputs, node: number): InputChange[] {
  return [
    ...inputChanges(demandsOf(then.file, node), demandsOf(now.file, node)),
    ...targetChanges(then.targets, now.targets),
    ...inputChanges(then.options, now.options, 'options'),
  ];
}
