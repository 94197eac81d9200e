import * as z from 'zod';
import { lookupGpu } from '../fleet/gpu-table.js';
import {
  ARCHITECTURES,
  ARCH_ALIASES,
  GPU_VENDORS,
  GPU_VENDOR_ALIASES,
  OPERATING_SYSTEMS,
  OS_ALIASES,
} from './aliases.js';
import { aliased, nonNegative, positive, wholeAtLeast } from './primitives.js';

export const gpuVendor = aliased(GPU_VENDORS, GPU_VENDOR_ALIASES);
export const operatingSystem = aliased(OPERATING_SYSTEMS, OS_ALIASES);
export const architecture = aliased(ARCHITECTURES, ARCH_ALIASES);

/** A tool name as it appears on PATH. */
export const toolName = z.string({ error: 'expected a tool name' }).regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/, {
  error: 'expected a tool name of letters, digits, . _ + -',
});

/**
 * One GPU model installed `count` times. A VRAM not written is taken from the GPU table when the
 * model is one it knows, and `vramFrom` says so (and what it assumed, for a name that could be two
 * models); otherwise it is unknown (null or absent), never guessed.
 */
export const gpuDevice = z
  .strictObject({
    vendor: gpuVendor,
    model: z.string().max(200).optional(),
    vramGb: nonNegative(' (GB)').nullable().optional(),
    count: wholeAtLeast(1).optional(),
    vramFrom: z.string().max(500).optional(),
  })
  .transform(withTableVram);

/** A GPU with its VRAM from the GPU table when it states none and the table knows its model (`vramFrom` says so). */
export function withTableVram<D extends { model?: string | undefined; vramGb?: number | null | undefined }>(
  d: D,
): D & { vramFrom?: string } {
  if ((d.vramGb !== undefined && d.vramGb !== null) || d.model === undefined) return d;
  const known = lookupGpu(d.model);
  if (known === null) return d;
  return {
    ...d,
    vramGb: known.vramGb,
    vramFrom: known.assumed ? `the GPU table (${known.assumed})` : `the GPU table (${known.model})`,
  };
}

/** Tools on PATH: a map of name → version (null when unknown), or a list of names. */
export const tools = z
  .union(
    [
      z.array(toolName),
      z.record(toolName, z.string().max(100).nullable(), {
        error: 'expected a map of tool → version',
      }),
    ],
    { error: 'expected a list of tool names or a map of tool → version' },
  )
  .transform((v): Record<string, string | null> =>
    Array.isArray(v) ? Object.fromEntries(v.map((name) => [name, null])) : v,
  );

/** What a target can do. An absent field is unknown, and an unknown value never satisfies a requirement. */
export const capabilities = z.strictObject({
  cpu: nonNegative(' (logical cores)').optional(),
  /** For people: `AMD EPYC 7B13`. */
  cpuModel: z.string().max(200).optional(),
  memoryGb: nonNegative(' (GB)').optional(),
  diskGb: nonNegative(' (GB)').optional(),
  gpus: z.array(gpuDevice).optional(),
  os: operatingSystem.optional(),
  arch: architecture.optional(),
  network: z.boolean({ error: 'expected true or false' }).optional(),
  tools: tools.optional(),
  maxRuntimeMinutes: positive(' (minutes)').optional(),
  /** Physical resources when the effective ones are limited (cgroups, containers). */
  physical: z
    .strictObject({
      cpu: nonNegative(' (logical cores)').optional(),
      memoryGb: nonNegative(' (GB)').optional(),
    })
    .optional(),
});

export type Capabilities = z.output<typeof capabilities>;
export type CapabilitiesInput = z.input<typeof capabilities>;
export type GpuDevice = z.output<typeof gpuDevice>;
