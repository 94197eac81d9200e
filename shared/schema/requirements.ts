import * as z from 'zod';
import semverValidRange from 'semver/ranges/valid.js';
import { architecture, gpuVendor, operatingSystem } from './capabilities.js';
import { labelKey, labelValue, nonNegative, oneOf, positive, wholeAtLeast } from './primitives.js';
import { TARGET_TYPES } from './targets.js';

/** `name` or `name<range>` (`docker>=24`, `node@^20`, `python3 ~3.11`). */
const TOOL_SPEC = /^([A-Za-z0-9][A-Za-z0-9._+-]*?)\s*(?:@\s*|(?=[<>=^~]))(.+)$/;
const TOOL_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;

export interface ToolSpec {
  name: string;
  range: string | null;
}

/** Splits a tool requirement into its name and semver range; null when it is malformed. */
export function parseToolSpec(spec: string): ToolSpec | null {
  const trimmed = spec.trim();
  if (TOOL_NAME.test(trimmed)) return { name: trimmed, range: null };
  const m = TOOL_SPEC.exec(trimmed) ?? /^([A-Za-z0-9][A-Za-z0-9._+-]*)\s+(.+)$/.exec(trimmed);
  if (!m || !TOOL_NAME.test(m[1]!)) return null;
  const range = semverValidRange(m[2]!.trim(), { loose: true });
  return range === null ? null : { name: m[1]!, range: m[2]!.trim() };
}

const toolSpec = z
  .string({ error: 'expected a tool name, optionally with a version range ("docker>=24")' })
  .refine((s) => parseToolSpec(s) !== null, {
    error: 'expected a tool name, optionally with a semver range ("docker>=24")',
  });

const gpuBlock = z.strictObject({
  required: z.boolean({ error: 'expected true or false' }).optional(),
  type: gpuVendor.optional(),
  minVram: nonNegative(' (GB per GPU)').optional(),
  count: wholeAtLeast(1).optional(),
});

/** `gpu: true` is short for `{required: true}`; `gpu: false` asks for nothing. */
const gpu = z
  .union([z.boolean(), gpuBlock], { error: 'expected true, false or a gpu block' })
  .transform((v) => (v === true ? { required: true } : v === false ? undefined : v));

const shape = {
  cpu: nonNegative(' (logical cores)').optional(),
  memoryGb: nonNegative(' (GB)').optional(),
  diskGb: nonNegative(' (GB)').optional(),
  gpu: gpu.optional(),
  tools: z.array(toolSpec, { error: 'expected a list of tools' }).optional(),
  os: operatingSystem.optional(),
  arch: architecture.optional(),
  network: z.boolean({ error: 'expected true or false' }).optional(),
  maxRuntimeMinutes: positive(' (minutes)').optional(),
  maxCost: nonNegative(' (USD)').optional(),
  custom: z.record(labelKey, labelValue).optional(),
};

/** `key[=value][:effect]`, as `kubectl taint` writes a taint; a key alone tolerates every value and effect. */
export const TOLERATION =
  /^([A-Za-z0-9][A-Za-z0-9._/-]{0,316})(?:=([A-Za-z0-9._-]{0,256}))?(?::(NoSchedule|PreferNoSchedule|NoExecute))?$/;
const toleration = z
  .string({ error: 'expected a toleration "key[=value][:effect]"' })
  .regex(TOLERATION, { error: 'expected a toleration "key[=value][:NoSchedule|PreferNoSchedule|NoExecute]"' });

const targetTypes = z
  .array(oneOf(TARGET_TYPES), { error: 'expected a list of target types' })
  .min(1, { error: `expected at least one target type (${TARGET_TYPES.join(' | ')})` });

/**
 * A custom value that compares numerically: an operator and a number (`>=8.0`, `< 9`, `!=7.5`).
 * Any other value is compared for equality with the label, as it always was.
 */
const NUMERIC_CUSTOM = /^\s*(>=|<=|==|!=|=|>|<)\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*$/;

export type CustomOperator = '>=' | '<=' | '=' | '!=' | '>' | '<';

/** A custom value's numeric comparison (`==` read as `=`), or null when it is an equality. */
export function numericCustom(value: string): { op: CustomOperator; operand: number; text: string } | null {
  const m = NUMERIC_CUSTOM.exec(value);
  if (m === null) return null;
  const op = (m[1] === '==' ? '=' : m[1]) as CustomOperator;
  return { op, operand: Number(m[2]), text: `${op} ${m[2]!}` };
}

/** Hard requirements (a target that misses one is ineligible), and, with the same keys, soft preferences. */
export const requirements = z.strictObject({
  ...shape,
  /** Scheduler taints the task tolerates; a node with a taint it does not tolerate is ineligible. */
  tolerations: z.array(toleration, { error: 'expected a list of tolerations' }).max(100).optional(),
  /** The kinds of target the task may run on; any other kind is ineligible. */
  targetTypes: targetTypes.optional(),
  /** `false`: no cloud target (`type: cloud`) is eligible; `true`, the default, asks nothing. */
  allowCloud: z.boolean({ error: 'expected true or false' }).optional(),
});

// A preference raises a score and never rules a target out, so the keys that only rule out have no
// preference; the schema says where they belong rather than calling them unknown.
const hardOnly = z.never({
  error: 'a hard requirement only (a preference never rules a target out): move it to requirements',
});
export const preferences = z.strictObject({
  ...shape,
  targetTypes: hardOnly.optional(),
  allowCloud: hardOnly.optional(),
});

export type Requirements = z.output<typeof requirements>;
export type RequirementsInput = z.input<typeof requirements>;
export type GpuRequirement = NonNullable<Requirements['gpu']>;

/** The hard requirement keys, in the order checks and analysis report them. */
export const REQUIREMENT_KEYS = [
  'targetTypes',
  'allowCloud',
  'cpu',
  'memoryGb',
  'diskGb',
  'gpu',
  'tools',
  'os',
  'arch',
  'network',
  'maxRuntimeMinutes',
  'maxCost',
  'custom',
  'tolerations',
] as const satisfies readonly (keyof Requirements)[];

/** An id (`gpu-box`) or a label selector (`region=eu-west-1`). */
export const selector = z
  .string({ error: 'expected a target id or a key=value label selector' })
  .min(1, { error: 'expected a target id or a key=value label selector' })
  .max(300);

/**
 * Moves a `gpu: {required: false}` block into the preferences, where it belongs, and drops
 * empty blocks, so that the engine sees one normal form.
 */
export function normaliseDemands(
  req: Requirements,
  pref: Requirements,
): { requirements: Requirements; preferences: Requirements } {
  const requirementsOut: Requirements = { ...req };
  const preferencesOut: Requirements = { ...pref };
  if (req.gpu === undefined) delete requirementsOut.gpu;
  else if (req.gpu.required === false) {
    delete requirementsOut.gpu;
    const { required: _required, ...rest } = req.gpu;
    preferencesOut.gpu = { ...rest, ...pref.gpu, required: true };
  } else requirementsOut.gpu = { ...req.gpu, required: true };
  if (preferencesOut.gpu === undefined) delete preferencesOut.gpu;
  return { requirements: requirementsOut, preferences: preferencesOut };
}
