import { emitPlacement, EmitError, type Emitted } from '../../shared/export/index.js';
import type { EmitFormat } from '../../shared/export/formats.js';
import type { PipelineResult, PlacementResult } from '../../shared/schema/result.js';
import type { Task } from '../../shared/schema/task.js';
import type { PlacementInputs } from './inputs.js';

/** The emitted text, or why there is none (not placed, or no node of that scheduler). */
export type EmitOutcome = { ok: true; value: Emitted } | { ok: false; error: string };

function attempt(
  format: EmitFormat,
  task: Task,
  result: PlacementResult,
  inputs: PlacementInputs,
  pinned: boolean,
): EmitOutcome {
  if (!result.success)
    return { ok: false, error: `--emit ${format}: nothing to emit: ${result.failureMessage ?? 'not placed'}` };
  try {
    return { ok: true, value: emitPlacement(format, { task, result, targets: inputs.targets, pinned }) };
  } catch (err) {
    if (err instanceof EmitError) return { ok: false, error: `--emit ${format}: ${err.message}` };
    throw err;
  }
}

/** Writes a placement (each node of a pipeline in turn) in a scheduler's language. */
export function emitFor(
  format: EmitFormat,
  inputs: PlacementInputs,
  result: PlacementResult | PipelineResult,
  pinned: boolean,
): EmitOutcome {
  if ('task' in inputs.file) return attempt(format, inputs.file.task, result as PlacementResult, inputs, pinned);
  const pipeline = inputs.file.pipeline;
  const parts: string[] = [];
  const unexpressed: string[] = [];
  for (const node of (result as PipelineResult).nodes) {
    const spec = pipeline.nodes.find((n) => n.id === node.id)!;
    const { id, name, ...demands } = spec;
    const one = attempt(format, { ...demands, name: name ?? id }, node.result, inputs, pinned);
    if (!one.ok) return { ok: false, error: `node '${id}': ${one.error}` };
    parts.push(`# ── pipeline '${pipeline.name}', node '${id}'\n${one.value.text}`);
    unexpressed.push(...one.value.unexpressed.map((u) => `${id}: ${u}`));
  }
  // YAML fragments are separate documents; HCL and #SBATCH scripts are read one after another.
  const separator = format === 'kubernetes' || format === 'skypilot' ? '\n---\n' : '\n';
  const language = format === 'nomad' ? 'hcl' : format === 'slurm' ? 'shell' : 'yaml';
  return { ok: true, value: { format, language, text: parts.join(separator), unexpressed } };
}
