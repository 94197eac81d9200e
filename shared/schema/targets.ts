import { z } from 'zod';
import { STRATEGY_NAMES } from '../strategies/registry.js';
import { capabilities } from './capabilities.js';
import { labels, nonNegative, oneOf } from './primitives.js';

export const MODES = ['local-only', 'airgapped', 'burst'] as const;
export const TIE_BREAKERS = ['first', 'cheapest', 'id'] as const;
export type Mode = (typeof MODES)[number];
export type TieBreaker = (typeof TIE_BREAKERS)[number];

export const strategyName = oneOf(STRATEGY_NAMES);
export const mode = oneOf(MODES);
export const tieBreaker = oneOf(TIE_BREAKERS);

/** How placements are decided; every field has a default. */
export const placementOptions = z.strictObject({
  strategy: strategyName.default('auto'),
  mode: mode.default('burst'),
  fallbackEnabled: z.boolean({ error: 'expected true or false' }).default(true),
  discoveryEnabled: z.boolean({ error: 'expected true or false' }).default(true),
  cacheMinutes: nonNegative(' (minutes)').default(5),
  tieBreaker: tieBreaker.default('first'),
});
export type PlacementOptions = z.output<typeof placementOptions>;

/** Some of the options, to lay over others: no defaults, so an absent field changes nothing. */
export const placementOptionsPatch = z.strictObject({
  strategy: strategyName.optional(),
  mode: mode.optional(),
  fallbackEnabled: z.boolean({ error: 'expected true or false' }).optional(),
  discoveryEnabled: z.boolean({ error: 'expected true or false' }).optional(),
  cacheMinutes: nonNegative(' (minutes)').optional(),
  tieBreaker: tieBreaker.optional(),
});
export type PlacementOptionsInput = z.input<typeof placementOptions>;

const targetId = z
  .string({ error: 'expected a target id' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { error: 'expected a target id of letters, digits, . _ -' });

// Nothing from the file may look like an ssh option: a value starting with '-' would be read as one.
const hostName = z
  .string({ error: 'expected a host name or IP address' })
  .regex(
    /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[?[0-9A-Fa-f:.]+\]?)$/,
    {
      error: 'expected a host name or IP address (letters, digits, . -; not starting with -)',
    },
  );
const userName = z.string({ error: 'expected a user name' }).regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/, {
  error: 'expected a user name of letters, digits, _ . - (not starting with -)',
});
const filePath = z
  .string({ error: 'expected a file path' })
  .min(1)
  .max(4096)
  .regex(/^[^-\0\n\r]/, { error: 'expected a file path (not starting with -)' })
  .regex(/^[^\0\n\r]*$/, { error: 'expected a file path without control characters' });
const port = z
  .number({ error: 'expected a port number 1–65535' })
  .int({ error: 'expected a port number 1–65535' })
  .min(1, { error: 'expected a port number 1–65535' })
  .max(65535, { error: 'expected a port number 1–65535' });

const common = {
  id: targetId,
  name: z.string().max(200).optional(),
  labels: labels.optional(),
  capabilities: capabilities.optional(),
};

export const localTarget = z.strictObject({
  ...common,
  type: z.literal('local'),
  hourlyRate: nonNegative(' (USD/h)').default(0),
});

export const sshTarget = z.strictObject({
  ...common,
  type: z.literal('ssh'),
  host: hostName,
  user: userName.optional(),
  port: port.default(22),
  probe: z.boolean({ error: 'expected true or false' }).default(false),
  identityFile: filePath.optional(),
  knownHostsFile: filePath.optional(),
  hostKeyPolicy: oneOf(['strict', 'accept-new'] as const).default('strict'),
  hourlyRate: nonNegative(' (USD/h)').default(0),
});

export const cloudTarget = z.strictObject({
  ...common,
  type: z.literal('cloud'),
  provider: z.string({ error: 'expected a provider name' }).min(1).max(100),
  instanceType: z.string().max(100).optional(),
  hourlyRate: nonNegative(' (USD/h)'),
  capabilities: capabilities,
});

export const TARGET_TYPES = ['local', 'ssh', 'cloud'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

export const target = z.discriminatedUnion('type', [localTarget, sshTarget, cloudTarget], {
  error: (issue) =>
    issue.code === 'invalid_union' ? `expected type to be one of ${TARGET_TYPES.join(' | ')}` : undefined,
});
export type Target = z.output<typeof target>;
export type TargetInput = z.input<typeof target>;

/** The targets when none are configured: this machine alone. */
export function localOnly(): Target[] {
  return [{ id: 'local', type: 'local', hourlyRate: 0 }];
}

/** A list of targets whose ids are unique. */
export const targetList = z.array(target, { error: 'expected a list of targets' }).superRefine((list, ctx) => {
  const seen = new Map<string, number>();
  list.forEach((t, i) => {
    const first = seen.get(t.id);
    if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: [i, 'id'],
        message: `duplicate target id "${t.id}" (first at targets[${first}])`,
      });
    else seen.set(t.id, i);
  });
});

/** The targets and options file. */
export const targetsFile = z.strictObject({
  placement: placementOptions.optional().default(placementOptions.parse({})),
  targets: targetList,
});
export type TargetsFile = z.output<typeof targetsFile>;
export type TargetsFileInput = z.input<typeof targetsFile>;
