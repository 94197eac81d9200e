import * as z from 'zod';
import { capabilities } from '../schema/capabilities.js';
import { placementOptions, placementOptionsPatch, SOURCE_KINDS, target } from '../schema/targets.js';
import { historyFilters, historyOutcome, placementInputs } from '../schema/history.js';
import { compareResult, pipelineResult, placementResult } from '../schema/result.js';

const placementRequest = z.strictObject({
  /** The content of a task file (`{task: …}` or `{pipeline: …}`), checked like the file. */
  task: z.unknown(),
  /** The content of a targets file; the configured targets when absent. */
  targets: z.unknown().optional(),
  /** Overrides of the targets file's `placement` options. */
  options: placementOptionsPatch.optional(),
  /**
   * What would change the winner (`whyNot`): true for the winner and the best losers, or a list of
   * target ids to explain besides them. Off when absent: it ranks the fleet again a few dozen times.
   */
  whyNot: z.union([z.boolean(), z.array(z.string().max(400)).max(100)]).optional(),
});

const reportFormat = z.enum(['json', 'csv', 'md', 'html', 'pdf']);

const historyEntry = z.strictObject({
  requestId: z.string(),
  at: z.string(),
  taskName: z.string(),
  strategy: z.string(),
  outcome: historyOutcome,
  selectedTarget: z.string().nullable(),
});

/**
 * One Prometheus metric family since the process started: each sample with its own name (a
 * histogram's `_bucket`, `_sum` and `_count`) and labels (`le` for a bucket's upper bound).
 */
const metricFamily = z.strictObject({
  name: z.string(),
  help: z.string(),
  type: z.enum(['counter', 'gauge', 'histogram', 'summary']),
  samples: z.array(z.strictObject({ name: z.string(), labels: z.record(z.string(), z.string()), value: z.number() })),
});
export type MetricFamily = z.output<typeof metricFamily>;

/**
 * How fresh one target's capabilities are: `discovered` (a discovery or probe succeeded `at`),
 * `probe-failed` (the last one failed `at`, for `reason`; the last good discovery's capabilities are
 * used when `lastGoodAgeMs` is a number, the file's otherwise), `probing` (never discovered; the first
 * discovery is running) or `as-written` (not discovered: a cloud target, discovery off, or never probed).
 */
export const targetFreshness = z.strictObject({
  state: z.enum(['discovered', 'probe-failed', 'probing', 'as-written']),
  /** ISO time of the outcome `state` describes; null when there is none. */
  at: z.string().nullable(),
  ageMs: z.number().nullable(),
  /** probe-failed: why, in one line (`timed out after 10 s connecting to 10.0.0.5:22`). */
  reason: z.string().optional(),
  /** probe-failed: how old the discovered capabilities still used are; null when the file's are used. */
  lastGoodAgeMs: z.number().nullable().optional(),
});
export type TargetFreshness = z.output<typeof targetFreshness>;

/** A target's capabilities as discovered, and how fresh they are. */
const capabilityReport = z.strictObject({
  targetId: z.string(),
  capabilities,
  warnings: z.array(z.string()),
  discoveredAt: z.string(),
  ageMs: z.number(),
  cached: z.boolean(),
});

/**
 * Every method the renderer (or any client) can call, with the schemas of its input and output. The
 * Electron IPC channels, the HTTP routes (`POST /api/<method>`) and the client type all derive from it.
 */
export const API = {
  'capabilities.get': {
    input: z.strictObject({ targetId: z.string().optional(), refresh: z.boolean().optional() }),
    output: capabilityReport,
  },
  'capabilities.refresh': {
    input: z.strictObject({ targetId: z.string().optional() }),
    output: capabilityReport,
  },
  'machine.load': {
    /** This machine's load now: CPU busy since the previous call (%), memory in use (GB, cgroup-aware). */
    input: z.strictObject({}),
    output: z.strictObject({
      cpuPercent: z.number(),
      memoryUsedGb: z.number(),
      memoryTotalGb: z.number(),
      at: z.string(),
    }),
  },
  'targets.list': {
    input: z.strictObject({}),
    output: z.strictObject({ targets: z.array(target) }),
  },
  'targets.save': {
    /** A whole targets file's content; saved atomically to the data directory's targets.json. */
    input: z.strictObject({ file: z.unknown() }),
    output: z.strictObject({ targets: z.array(target) }),
  },
  'targets.probe': {
    input: z.strictObject({ targetId: z.string() }),
    /**
     * A probe that fails (host down, auth refused, a command that timed out) is an answer, not an
     * API error: `ok: false` with the reason in words.
     */
    output: z.discriminatedUnion('ok', [
      z.strictObject({ ok: z.literal(true), report: capabilityReport }),
      z.strictObject({ ok: z.literal(false), targetId: z.string(), reason: z.string() }),
    ]),
  },
  'targets.import': {
    /**
     * Targets from a fleet source: a saved output's content (`text`, named by `fileName`), or the live
     * source (kubectl, Slurm, Nomad, SkyPilot's catalogs). `apply: false` previews what would be
     * added, changed and removed; `apply: true` replaces that source's targets in the configuration.
     */
    input: z.strictObject({
      kind: z.enum(SOURCE_KINDS),
      text: z.string().max(16_000_000).optional(),
      fileName: z.string().max(500).optional(),
      context: z.string().max(253).optional(),
      cluster: z.string().max(253).optional(),
      address: z.string().max(500).optional(),
      cloud: z.string().max(40).optional(),
      apply: z.boolean(),
    }),
    /** A source that cannot be read (kubectl missing, Nomad refusing, not the format named) is an answer. */
    output: z.discriminatedUnion('ok', [
      z.strictObject({
        ok: z.literal(true),
        where: z.string(),
        added: z.array(target),
        changed: z.array(z.strictObject({ target, changes: z.array(z.string()) })),
        removed: z.array(target),
        unchanged: z.array(target),
        warnings: z.array(z.string()),
        applied: z.boolean(),
        /** Every configured target after the import (or as it would be, in a preview). */
        targets: z.array(target),
      }),
      z.strictObject({ ok: z.literal(false), reason: z.string() }),
    ]),
  },
  'targets.resolve': {
    /**
     * The configured targets with their capabilities filled in (local discovered, ssh probed), so the
     * renderer can run the pure engine itself for live what-ifs. `task`: a task file's content, whose
     * tools are looked for too.
     */
    input: z.strictObject({
      task: z.unknown().optional(),
      /** false: start no discovery or probe, answer only with what is known (the Targets view). */
      discover: z.boolean().optional(),
    }),
    /**
     * Answers at once with what is known, never waiting on an SSH probe: a probe that is due runs in
     * the background and its outcome arrives as a `capabilities.changed` event. Only this machine's
     * first discovery (bounded, well under a second) is waited for.
     */
    output: z.strictObject({
      targets: z.array(target),
      options: placementOptions,
      /** Per target id: how old its discovered capabilities are (ms), null when none were discovered. */
      ages: z.record(z.string(), z.number().nullable()),
      /** One line per target whose last probe failed (`gpu-box: connection refused …`). */
      failures: z.array(z.string()),
      /** Per target id: the last discovery's outcome and time (kept across restarts). */
      freshness: z.record(z.string(), targetFreshness),
    }),
  },
  'settings.get': {
    input: z.strictObject({}),
    output: placementOptions,
  },
  'settings.set': {
    input: placementOptionsPatch,
    output: placementOptions,
  },
  'placement.place': {
    input: placementRequest,
    output: z.union([placementResult, pipelineResult]),
  },
  'placement.compare': {
    input: placementRequest,
    output: compareResult,
  },
  'history.list': {
    input: z.strictObject({
      limit: z.number().int().min(1).max(100_000).optional(),
      offset: z.number().int().min(0).optional(),
      ...historyFilters.shape,
    }),
    output: z.strictObject({ entries: z.array(historyEntry), total: z.number(), warnings: z.array(z.string()) }),
  },
  'history.get': {
    input: z.strictObject({ id: z.string().min(1).max(200) }),
    output: z.strictObject({
      ...historyEntry.shape,
      inputs: placementInputs.nullable(),
      result: z.union([placementResult, pipelineResult]).nullable(),
    }),
  },
  'history.clear': {
    input: z.strictObject({}),
    output: z.strictObject({ cleared: z.number() }),
  },
  'history.replay': {
    input: z.strictObject({ id: z.string().min(1).max(200) }),
    output: z.strictObject({
      requestId: z.string(),
      reproduced: z.boolean(),
      differences: z.array(z.string()),
      then: z.union([placementResult, pipelineResult]),
      now: z.union([placementResult, pipelineResult]),
      changesSinceThen: z.array(z.string()),
    }),
  },
  'report.export': {
    /** A report of the placements the history filters match, of one placement, or of a comparison. */
    input: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('history'),
        format: reportFormat,
        ...historyFilters.shape,
        /** The newest N only. */
        limit: z.number().int().min(1).max(100_000).optional(),
      }),
      z.strictObject({ kind: z.literal('placement'), format: reportFormat, id: z.string().min(1).max(200) }),
      z.strictObject({
        kind: z.literal('comparison'),
        format: reportFormat,
        /** As `placement.compare` takes them. */
        task: z.unknown(),
        targets: z.unknown().optional(),
        options: placementOptionsPatch.optional(),
      }),
    ]),
    /** The document to save: text as is, PDF as base64. */
    output: z.strictObject({
      filename: z.string(),
      mimeType: z.string(),
      encoding: z.enum(['utf8', 'base64']),
      content: z.string(),
    }),
  },
  'metrics.get': {
    input: z.strictObject({}),
    output: z.strictObject({
      /** The Prometheus text, as `GET /metrics` serves it. */
      text: z.string(),
      /** The same numbers, one family per metric, for the app to show. */
      families: z.array(metricFamily),
    }),
  },
} as const;

export type ApiMethod = keyof typeof API;
export type ApiInput<M extends ApiMethod> = z.input<(typeof API)[M]['input']>;
export type ApiOutput<M extends ApiMethod> = z.output<(typeof API)[M]['output']>;

/** Events pushed to clients (Electron `webContents.send`, SSE in browser mode). */
export const API_EVENTS = [
  /**
   * A discovery found other capabilities, or another outcome (a first discovery, a probe failing or
   * recovering): `{targetId, changes: [{field, text}], outcome?: 'discovered' | 'probe-failed', reason?}`.
   */
  'capabilities.changed',
  'placement.completed',
  'placement.failed',
  'discovery.progress',
  /** An imported source was read again (its targets older than cacheMinutes): `{source, ok, reason?}`. */
  'targets.changed',
] as const;
export type ApiEventName = (typeof API_EVENTS)[number];

/** A typed error every transport returns for a rejected call. */
export interface ApiError {
  code: 'invalid-input' | 'not-found' | 'probe-failed' | 'internal';
  message?: string;
  issues?: { path: string; message: string }[];
}

/** The client the renderer uses: one function per method, whatever the transport. */
export type ApiClient = { [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>> };
