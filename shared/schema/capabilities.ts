import { z } from 'zod';
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

/** One GPU model installed `count` times; a null or absent VRAM is unknown, never guessed. */
export const gpuDevice = z.strictObject({
  vendor: gpuVendor,
  model: z.string().max(200).optional(),
  vramGb: nonNegative(' (GB)').nullable().optional(),
  count: wholeAtLeast(1).optional(),
});

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
