import * as z from 'zod';
import { STRATEGY_NAMES } from '../strategies/registry.js';
import { capabilities } from './capabilities.js';
import { labels, nonNegative, oneOf, positive, wholeAtLeast } from './primitives.js';

export const MODES = ['local-only', 'airgapped', 'burst'] as const;
export const TIE_BREAKERS = ['first', 'cheapest', 'id'] as const;
export type Mode = (typeof MODES)[number];
export type TieBreaker = (typeof TIE_BREAKERS)[number];

export const strategyName = oneOf(STRATEGY_NAMES);
export const mode = oneOf(MODES);
export const tieBreaker = oneOf(TIE_BREAKERS);

/**
 * Bounds on a decision, absent unless written: evaluate only the first `maxCandidates` targets (in
 * file order), and stop evaluating once `deadlineMs` have passed. A result that one cut says so.
 */
const limits = {
  maxCandidates: wholeAtLeast(1).optional(),
  deadlineMs: positive(' (ms)').optional(),
};

/** How placements are decided; every field has a default but the limits. */
export const placementOptions = z.strictObject({
  strategy: strategyName.default('auto'),
  mode: mode.default('burst'),
  fallbackEnabled: z.boolean({ error: 'expected true or false' }).default(true),
  discoveryEnabled: z.boolean({ error: 'expected true or false' }).default(true),
  cacheMinutes: nonNegative(' (minutes)').default(5),
  tieBreaker: tieBreaker.default('first'),
  ...limits,
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
  ...limits,
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

/** Where an imported target came from; a re-import of the same source replaces its targets. */
export const SOURCE_KINDS = ['kubernetes', 'slurm', 'nomad', 'catalog'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
const sourceText = (what: string) =>
  z
    .string({ error: `expected ${what}` })
    .min(1)
    .max(500);
export const targetSource = z.strictObject({
  kind: oneOf(SOURCE_KINDS),
  /** Kubernetes context, Slurm cluster, Nomad address or catalog: what `import` was pointed at. */
  context: sourceText('a kubeconfig context').optional(),
  cluster: sourceText('a cluster name').optional(),
  address: sourceText('an address').optional(),
  /** The file it was read from, when not live. */
  file: sourceText('a file path').optional(),
  /** The node's name in its scheduler, or the catalog row (`g5.xlarge@us-east-1`). */
  node: sourceText('a node name'),
  importedAt: z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time' }),
});
export type TargetSource = z.output<typeof targetSource>;

/** The part of a source that names it: targets with equal keys came from one import. */
export function sourceKey(s: TargetSource): string {
  return `${s.kind}:${s.context ?? s.cluster ?? s.address ?? ''}`;
}

export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
export const taint = z.strictObject({
  key: z.string({ error: 'expected a taint key' }).min(1).max(317),
  value: z.string().max(256).optional(),
  effect: oneOf(TAINT_EFFECTS),
});
export type Taint = z.output<typeof taint>;

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
  /** Set when the instance type came from a catalog import. */
  source: targetSource.optional(),
});

/** The schedulers whose nodes are targets, one per schedulable node. */
export const SCHEDULER_TYPES = ['kubernetes', 'slurm', 'nomad'] as const;
export type SchedulerType = (typeof SCHEDULER_TYPES)[number];

const schedulerCommon = {
  ...common,
  source: targetSource,
  hourlyRate: nonNegative(' (USD/h)').default(0),
  /** A cloud instance type the node runs on (`g5.xlarge`), priced from a loaded catalog. */
  instanceType: z.string().max(100).optional(),
  /** Why the scheduler would not use this node now (`cordoned`, `DRAIN (Reason=…)`); absent when it would. */
  unschedulable: z.string().max(1000).optional(),
  /** Kubernetes taints; a task must tolerate each NoSchedule or NoExecute one. */
  taints: z.array(taint).max(100).optional(),
};

export const kubernetesTarget = z.strictObject({ ...schedulerCommon, type: z.literal('kubernetes') });
export const slurmTarget = z.strictObject({ ...schedulerCommon, type: z.literal('slurm') });
export const nomadTarget = z.strictObject({ ...schedulerCommon, type: z.literal('nomad') });

export const TARGET_TYPES = ['local', 'ssh', 'cloud', ...SCHEDULER_TYPES] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

export const target = z.discriminatedUnion(
  'type',
  [localTarget, sshTarget, cloudTarget, kubernetesTarget, slurmTarget, nomadTarget],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? `expected type to be one of ${TARGET_TYPES.join(' | ')}` : undefined,
  },
);
export type Target = z.output<typeof target>;
export type SchedulerTarget = Extract<Target, { type: SchedulerType }>;

/** True for a scheduler's node (Kubernetes, Slurm, Nomad). */
export function isSchedulerTarget(t: Target): t is SchedulerTarget {
  return t.type === 'kubernetes' || t.type === 'slurm' || t.type === 'nomad';
}
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
