import * as z from 'zod';
import { lookupGpu } from '../fleet/gpu-table.js';
import { positive, wholeAtLeast } from './primitives.js';

/**
 * How long the task takes on a reference, what bounds it and how it scales (DESIGN.md, "Estimates:
 * time and cost to result"). The engine turns it into a time and a cost on every target whose
 * hardware the GPU table knows.
 */
const gpuModel = z
  .string({ error: 'expected a GPU model of the GPU table ("A10G", "A100-80GB", "H100 SXM")' })
  .refine((name) => lookupGpu(name) !== null, {
    error: (issue) =>
      `expected a GPU model of the GPU table ("A10G", "A100-80GB", "H100 SXM"); "${String(issue.input)}" is not one`,
  });

/** `{gpu: MODEL}` or `{cpu: CORES}`: one reference, said as such when both or neither are given. */
const reference = z
  .strictObject(
    { gpu: gpuModel.optional(), cpu: wholeAtLeast(1).optional() },
    { error: 'expected {gpu: MODEL} or {cpu: CORES}' },
  )
  .refine((on) => (on.gpu === undefined) !== (on.cpu === undefined), {
    error: 'expected one reference: {gpu: MODEL} or {cpu: CORES}, not both and not neither',
  })
  .transform((on) => (on.gpu !== undefined ? { gpu: on.gpu } : { cpu: on.cpu! }));

export const estimate = z.strictObject({
  minutes: positive(' (minutes on the reference)'),
  on: reference,
  boundBy: z.enum(['compute', 'memory'], { error: 'expected compute or memory' }).default('compute'),
  scaling: z.enum(['linear', 'none'], { error: 'expected linear or none' }).default('linear'),
});
export type Estimate = z.output<typeof estimate>;
