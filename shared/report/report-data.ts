import * as z from 'zod';
import { historyFilters, historyOutcome } from '../schema/history.js';
import { TARGET_TYPES } from '../schema/targets.js';

/**
 * The one data model every report format renders from. JSON exports it whole, so it is a public,
 * versioned format: a change that is not purely additive bumps `schemaVersion`.
 */
export const REPORT_SCHEMA_VERSION = 1;

export const REPORT_KINDS = ['placement', 'comparison', 'history'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** A fact in words: `memory` → `16 GB`. */
const fact = z.strictObject({ key: z.string(), value: z.string() });
export type ReportFact = z.output<typeof fact>;

/** What a task (or one pipeline node) asks for. */
const reportDemands = z.strictObject({
  /** The pipeline node; null for a plain task. */
  node: z.string().nullable(),
  requirements: z.array(fact),
  preferences: z.array(fact),
  affinity: z.array(z.string()),
  antiAffinity: z.array(z.string()),
});

const reportOptions = z.strictObject({
  strategy: z.string(),
  mode: z.string(),
  fallbackEnabled: z.boolean(),
  tieBreaker: z.string(),
  discoveryEnabled: z.boolean(),
});
export type ReportOptions = z.output<typeof reportOptions>;

/** A target as the placement saw it: its capabilities in words, and how old they were. */
const reportTarget = z.strictObject({
  id: z.string(),
  type: z.enum(TARGET_TYPES),
  /** Host, provider and instance type: where it is, in a few words. */
  where: z.string(),
  hourlyRate: z.number(),
  labels: z.array(fact),
  capabilities: z.array(fact),
  /** How old the discovered capabilities were (ms); null when the written ones were used. */
  capabilitiesAgeMs: z.number().nullable(),
});
export type ReportTarget = z.output<typeof reportTarget>;

const reportScore = z.strictObject({
  /** 1 for the best eligible target; null for an ineligible one. */
  rank: z.number().int().nullable(),
  targetId: z.string(),
  targetType: z.enum(TARGET_TYPES),
  eligible: z.boolean(),
  score: z.number(),
  estimatedCost: z.number().nullable(),
  /** With an estimate: the estimated minutes (null: unknown) and the arithmetic in words; null without one. */
  estimatedMinutes: z.number().nullable().default(null),
  estimate: z.string().nullable().default(null),
  /** Each unmet requirement: its key (`memoryGb`) and the reason in words. */
  mismatches: z.array(z.strictObject({ key: z.string(), message: z.string() })),
});
export type ReportScore = z.output<typeof reportScore>;

const reportAnalysis = z.strictObject({
  key: z.string(),
  eliminated: z.number(),
  suggestion: z.string().nullable(),
});

/**
 * The time × cost picture of a task with an estimate (of one pipeline node): each eligible target with
 * a known estimate, whether it is on the Pareto front, and which strategies picked it.
 */
const reportTimeCost = z.strictObject({
  node: z.string().nullable(),
  /** By time, then cost. */
  points: z.array(
    z.strictObject({
      id: z.string(),
      minutes: z.number(),
      cost: z.number(),
      front: z.boolean(),
      picks: z.array(z.string()),
    }),
  ),
  /** Eligible targets whose estimate is unknown: not among the points. */
  unknown: z.number().int(),
  /** Points left out of a very large fleet's picture (never one on the front or picked). */
  leftOut: z.number().int(),
});
export type ReportTimeCost = z.output<typeof reportTimeCost>;

/** One strategy's ranking of the targets (for one pipeline node, when a pipeline). */
const reportDecision = z.strictObject({
  strategy: z.string(),
  node: z.string().nullable(),
  success: z.boolean(),
  selectedTarget: z.string().nullable(),
  reason: z.string(),
  explanation: z.string(),
  /** What the decision rests on that could not be checked (a failed probe), shown beside the chosen target. */
  warnings: z.array(z.string()),
  fallbackUsed: z.boolean(),
  failureMessage: z.string().nullable(),
  scores: z.array(reportScore),
  analysis: z.array(reportAnalysis),
});
export type ReportDecision = z.output<typeof reportDecision>;

const reportPlacement = z.strictObject({
  id: z.string(),
  /** When it was placed (ISO); null for a comparison, which is a what-if. */
  at: z.string().nullable(),
  taskName: z.string(),
  subject: z.enum(['task', 'pipeline']),
  /** `compared`: a comparison of every strategy, never placed for real. */
  outcome: z.enum([...historyOutcome.options, 'compared']),
  strategy: z.string(),
  chosenTarget: z.string().nullable(),
  failureMessage: z.string().nullable(),
  /** Null when the inputs were not recorded. */
  options: reportOptions.nullable(),
  demands: z.array(reportDemands),
  targets: z.array(reportTarget),
  /** A placement: its strategy's decision (per node); a comparison: every strategy's. */
  decisions: z.array(reportDecision),
  /**
   * The decision in each scheduler's language whose nodes were among the targets (a one-placement or
   * comparison report of a task): pinned when the chosen target is that scheduler's, else admitting
   * the eligible ones. Absent from history reports.
   */
  handoff: z
    .array(
      z.strictObject({
        format: z.string(),
        language: z.string(),
        pinned: z.boolean(),
        text: z.string(),
        unexpressed: z.array(z.string()),
      }),
    )
    .optional(),
  /** Time and cost to result, per node (one for a task), when the task states an estimate; absent otherwise and from history reports. */
  timeCost: z.array(reportTimeCost).optional(),
});
export type ReportHandoff = NonNullable<z.output<typeof reportPlacement>['handoff']>[number];
export type ReportPlacement = z.output<typeof reportPlacement>;

const count = z.strictObject({ name: z.string(), count: z.number().int() });
export type ReportCount = z.output<typeof count>;

/** A history report's overview. */
const reportSummary = z.strictObject({
  total: z.number().int(),
  placed: z.number().int(),
  failed: z.number().int(),
  interrupted: z.number().int(),
  perTarget: z.array(count),
  perStrategy: z.array(count),
  /**
   * Per requirement key: in how many failed placements some target missed it; most common first,
   * ties by how many targets missed it. The mode is an option, not a requirement, so it is not here.
   */
  unmetInFailures: z.array(count),
  mostCommonUnmet: z.string().nullable(),
});
export type ReportSummary = z.output<typeof reportSummary>;

const reportFilters = z.strictObject({
  ...historyFilters.shape,
  /** The newest N only. */
  limit: z.number().int().positive().optional(),
});
export type ReportFilters = z.output<typeof reportFilters>;

export const reportData = z.strictObject({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  kind: z.enum(REPORT_KINDS),
  title: z.string(),
  /** Given by the caller (the builders read no clock); null when not given. */
  generatedAt: z.string().nullable(),
  /** A history report's filters; null for the other kinds. */
  filters: reportFilters.nullable(),
  summary: reportSummary.nullable(),
  /** Lines the history store had to skip (torn or corrupt), so the reader knows what is missing. */
  warnings: z.array(z.string()),
  placements: z.array(reportPlacement),
});
export type ReportData = z.output<typeof reportData>;
