// Custom values compared as numbers (`custom: {tier: ">=3"}`), and `custom.cudaCompute`, whose
// number comes from the target's labels or its GPUs (cuda-compute.ts).
import type { CustomOperator } from '../schema/requirements.js';
import type { Target } from '../schema/targets.js';
import { failWith, pass, unknown, type CheckOutcome } from './check-outcome.js';
import type { CompiledRequirements } from './compile.js';
import { CUDA_COMPUTE, cudaComputeOf } from './cuda-compute.js';

/** A custom value's comparison: what the operator says of the target's number and the task's. */
function holds(op: CustomOperator, have: number, operand: number): boolean {
  switch (op) {
    case '>=':
      return have >= operand;
    case '>':
      return have > operand;
    case '<=':
      return have <= operand;
    case '<':
      return have < operand;
    case '=':
      return have === operand;
    case '!=':
      return have !== operand;
  }
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A custom value compared as a number (`custom.tier: >=3`): `text` is what the target has (its label,
 * or null when it has none), `from` where it comes from when that is no label of its own.
 */
export function compareNumber(
  out: CheckOutcome,
  req: CompiledRequirements,
  key: string,
  need: string,
  cmp: { op: CustomOperator; operand: number; text: string },
  text: string | null,
  from: string | null,
  label: string,
): void {
  const head = `${key}: needs ${cmp.text}, `;
  if (text === null) return failWith(out, req, key, need, null, `${head}has no ${label} label`);
  if (!NUMBER.test(text)) return failWith(out, req, key, need, text, `${head}has ${text} (not a number)`);
  const have = Number(text);
  if (holds(cmp.op, have, cmp.operand)) return pass(out, key, need, have);
  failWith(out, req, key, need, have, `${head}has ${text}${from === null ? '' : ` (${from})`}`);
}

/** `custom.cudaCompute`: the target's CUDA compute capability (cuda-compute.ts says where from) compared as a number. */
export function checkCudaCompute(
  out: CheckOutcome,
  req: CompiledRequirements,
  target: Target,
  need: string,
  cmp: { op: CustomOperator; operand: number; text: string },
): void {
  const key = `custom.${CUDA_COMPUTE}`;
  const c = cudaComputeOf(target);
  const asked = `${key} needs ${cmp.text}`;
  switch (c.kind) {
    case 'value':
      return compareNumber(out, req, key, need, cmp, c.text, c.from, CUDA_COMPUTE);
    case 'no-nvidia':
      return failWith(out, req, key, need, null, `${key}: needs ${cmp.text}, has no NVIDIA GPU`);
    case 'unstated':
      return unknown(out, target, key, need, null, `which GPUs it has (${asked})`);
    case 'no-model':
      return unknown(out, target, key, need, null, `which model its NVIDIA GPU is (${asked})`);
    case 'not-in-table':
      out.mismatches.push({
        key,
        need,
        have: null,
        message: `unknown: the GPU table does not know the compute capability of ${target.id}’s ${c.model} (${asked}; a ${CUDA_COMPUTE} label would say it)`,
        unknown: true,
      });
  }
}
