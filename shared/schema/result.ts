import * as z from 'zod';
import { strategyName, mode, TARGET_TYPES } from './targets.js';

export const PLACEMENT_REASONS = [
  'OnlyOption',
  'HighestScore',
  'CostOptimal',
  'LocalPreferred',
  'CapabilityMatch',
  'ModeRestricted',
  'Fallback',
  'NoValidTarget',
] as const;
export type PlacementReason = (typeof PLACEMENT_REASONS)[number];

const needOrHave = z.union([z.number(), z.string(), z.boolean(), z.null()]);

/** A requirement a target meets: what the task needs and what the target has. */
export const match = z.strictObject({ key: z.string(), need: needOrHave, have: needOrHave });
/**
 * A requirement a target misses, with the reason in words. `unknown: true` when the target does not
 * say what it has (tools, OS, GPUs, VRAM, … not written nor discovered): completing the target may
 * admit it, so it is no reason to weaken the task. Absent otherwise (and in records made before it).
 */
export const mismatch = z.strictObject({
  key: z.string(),
  need: needOrHave,
  have: needOrHave,
  message: z.string(),
  unknown: z.literal(true).optional(),
});
export type Match = z.output<typeof match>;
export type Mismatch = z.output<typeof mismatch>;

/** One named part of a base score, in score units, with the numbers it came from. */
export const scorePart = z.strictObject({ name: z.string(), value: z.number(), detail: z.string() });
export type ScorePart = z.output<typeof scorePart>;

/**
 * How a score was made: the strategy's own value and what preferences and (anti-)affinity did to it.
 * `parts` name what `base` is made of (its start or tier, then the strategy's parts) and add up to it;
 * records made before them parse without.
 */
export const scoreBreakdown = z.strictObject({
  base: z.number(),
  preferences: z.number(),
  affinity: z.number(),
  antiAffinity: z.number(),
  parts: z.array(scorePart).optional(),
});

export const targetScore = z.strictObject({
  targetId: z.string(),
  targetType: z.enum(TARGET_TYPES),
  score: z.number(),
  eligible: z.boolean(),
  estimatedCost: z.number().nullable(),
  /**
   * With an estimate: the estimated minutes to result (null when unknown) and the arithmetic in words
   * (or why it is unknown). Null without an estimate, and in records made before them.
   */
  estimatedMinutes: z.number().nullable().default(null),
  estimate: z.string().nullable().default(null),
  matches: z.array(match),
  mismatches: z.array(mismatch),
  breakdown: scoreBreakdown.nullable(),
});
export type TargetScore = z.output<typeof targetScore>;

/** Per hard requirement: how many targets it eliminates, and the smallest relaxation that admits one more. */
export const analysisEntry = z.strictObject({
  key: z.string(),
  eliminated: z.number(),
  suggestion: z.string().nullable(),
  relaxTo: z.union([z.number(), z.string(), z.null()]),
  admits: z.string().nullable(),
});
export type AnalysisEntry = z.output<typeof analysisEntry>;

/** One input changed: where (`task.requirements.maxCost`, `targets.aws-g5.hourlyRate`, `options.strategy`) and to what. */
export const flip = z.strictObject({
  change: z.strictObject({
    path: z.string(),
    to: z.union([z.number(), z.string(), z.null(), z.array(z.string())]),
  }),
  message: z.string(),
});
export type Flip = z.output<typeof flip>;

/**
 * What would change the winner: for a target that lost, single changes that make it win; for the
 * winner (the entry whose targetId is selectedTarget), changes that make it lose. Each verified.
 */
export const whyNotEntry = z.strictObject({ targetId: z.string(), flips: z.array(flip) });
export type WhyNot = z.output<typeof whyNotEntry>;

export const placementResult = z.strictObject({
  requestId: z.string(),
  taskName: z.string(),
  strategy: strategyName,
  mode,
  success: z.boolean(),
  selectedTarget: z.string().nullable(),
  reason: z.enum(PLACEMENT_REASONS),
  explanation: z.string(),
  /**
   * What the decision rests on that could not be checked (a probe that failed, so the written
   * capabilities were used), one line each. Records made before it parse with none.
   */
  warnings: z.array(z.string()).default([]),
  fallbackUsed: z.boolean(),
  scores: z.array(targetScore),
  analysis: z.array(analysisEntry),
  /** Records made before it parse with none. */
  whyNot: z.array(whyNotEntry).default([]),
  failureMessage: z.string().nullable(),
  /**
   * How many targets (the first, in file order) were evaluated, when `maxCandidates` or `deadlineMs`
   * left the rest out; absent when every target was evaluated. Replay cuts a deadline's run here.
   */
  candidatesEvaluated: z.number().int().nonnegative().optional(),
  decisionMs: z.number(),
});
export type PlacementResult = z.output<typeof placementResult>;

export const pipelineResult = z.strictObject({
  requestId: z.string(),
  pipeline: z.string(),
  strategy: strategyName,
  mode,
  success: z.boolean(),
  failureMessage: z.string().nullable(),
  /** Every node's warnings, each once, in node order. */
  warnings: z.array(z.string()).default([]),
  nodes: z.array(z.strictObject({ id: z.string(), result: placementResult })),
  decisionMs: z.number(),
});
export type PipelineResult = z.output<typeof pipelineResult>;

export const compareResult = z.strictObject({
  strategies: z.record(strategyName, z.union([placementResult, pipelineResult])),
});
export type CompareResult = z.output<typeof compareResult>;
