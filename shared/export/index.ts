import type { EmitInput, Emitted } from './emitted.js';
import type { EmitFormat } from './formats.js';
import { emitKubernetes } from './kubernetes.js';
import { emitNomad } from './nomad.js';
import { emitSkypilot } from './skypilot.js';
import { emitSlurm } from './slurm.js';

export { EmitError, type EmitInput, type Emitted } from './emitted.js';
export { EMIT_FORMATS, type EmitFormat } from './formats.js';

const EMITTERS: Record<EmitFormat, (input: EmitInput) => Emitted> = {
  kubernetes: emitKubernetes,
  slurm: emitSlurm,
  nomad: emitNomad,
  skypilot: emitSkypilot,
};

/**
 * Writes a placement in a scheduler's own language: pinned to the selected target, or as
 * constraints that admit exactly the eligible nodes. Throws EmitError when there is nothing to write.
 */
export function emitPlacement(format: EmitFormat, input: EmitInput): Emitted {
  return EMITTERS[format](input);
}
