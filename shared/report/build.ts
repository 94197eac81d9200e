import { historyFilter, type PlacementInputs } from '../schema/history.js';
import type { CompareResult, PipelineResult, PlacementResult } from '../schema/result.js';
import type { PlacementOptions, Target } from '../schema/targets.js';
import type { TaskOrPipelineFile } from '../schema/task.js';
import {
  REPORT_SCHEMA_VERSION,
  type ReportData,
  type ReportDecision,
  type ReportFilters,
  type ReportOptions,
  type ReportPlacement,
  type ReportTarget,
  type ReportTimeCost,
} from './report-data.js';
import { summarise } from './summary.js';
import { timeCostChart } from './time-cost.js';
import { EMIT_FORMATS } from '../export/formats.js';
import { emitPlacement, EmitError } from '../export/index.js';
import type { ReportHandoff } from './report-data.js';
import { capabilityFacts, demandFacts, labelFacts, whereOf } from './words.js';

type Result = PlacementResult | PipelineResult;

/**
 * A placement from the history, as the builders read it. Structural, so that the history store's
 * lazily parsed entries (whose `inputs` and `result` are getters) can be passed as they are.
 */
export interface ReportEntry {
  readonly requestId: string;
  readonly at: string;
  readonly taskName: string;
  readonly strategy: string;
  readonly outcome: 'placed' | 'failed' | 'interrupted';
  readonly selectedTarget: string | null;
  readonly inputs: PlacementInputs | null;
  readonly result: Result | null;
}

/** A target with the capabilities a placement used, and how old they were (null: as written). */
export interface UsedTarget {
  target: Target;
  capabilitiesAgeMs: number | null;
}

/** What the caller knows that the data does not: when the report is made, and the store's warnings. */
export interface ReportMeta {
  generatedAt?: string;
  warnings?: readonly string[];
}

function optionsOf(o: PlacementOptions): ReportOptions {
  return {
    strategy: o.strategy,
    mode: o.mode,
    fallbackEnabled: o.fallbackEnabled,
    tieBreaker: o.tieBreaker,
    discoveryEnabled: o.discoveryEnabled,
  };
}

function demandsOf(file: TaskOrPipelineFile): ReportPlacement['demands'] {
  const all = 'task' in file ? [{ ...file.task, id: null }] : file.pipeline.nodes;
  return all.map((d) => ({
    node: d.id,
    requirements: demandFacts(d.requirements),
    preferences: demandFacts(d.preferences),
    affinity: [...(d.affinity ?? [])],
    antiAffinity: [...(d.antiAffinity ?? [])],
  }));
}

function targetsOf(used: readonly UsedTarget[]): ReportTarget[] {
  return used.map(({ target, capabilitiesAgeMs }) => ({
    id: target.id,
    type: target.type,
    where: whereOf(target),
    hourlyRate: target.hourlyRate,
    labels: labelFacts(target),
    capabilities: capabilityFacts(target.capabilities),
    capabilitiesAgeMs,
  }));
}

function decisionOf(r: PlacementResult, node: string | null): ReportDecision {
  let rank = 0;
  return {
    strategy: r.strategy,
    node,
    success: r.success,
    selectedTarget: r.selectedTarget,
    reason: r.reason,
    explanation: r.explanation,
    // History records made before results carried warnings are read as stored (not re-parsed): none.
    warnings: (r.warnings as string[] | undefined) ?? [],
    fallbackUsed: r.fallbackUsed,
    failureMessage: r.failureMessage,
    // The engine lists scores best first, eligible before ineligible: the rank is the position.
    scores: r.scores.map((s) => ({
      rank: s.eligible ? ++rank : null,
      targetId: s.targetId,
      targetType: s.targetType,
      eligible: s.eligible,
      score: s.score,
      estimatedCost: s.estimatedCost,
      // Records made before estimates, read as stored, have neither.
      estimatedMinutes: s.estimatedMinutes ?? null,
      estimate: s.estimate ?? null,
      mismatches: s.mismatches.map((m) => ({ key: m.key, message: m.message })),
    })),
    analysis: r.analysis.map((a) => ({ key: a.key, eliminated: a.eliminated, suggestion: a.suggestion })),
  };
}

function decisionsOf(r: Result): ReportDecision[] {
  return 'nodes' in r ? r.nodes.map((n) => decisionOf(n.result, n.id)) : [decisionOf(r, null)];
}

/**
 * The time × cost picture of each node (one for a task) from each strategy's result; undefined when
 * the task states no estimate.
 */
function timeCostOf(results: Readonly<Record<string, Result>>): ReportTimeCost[] | undefined {
  const all = Object.values(results);
  const sample = all[0];
  if (sample === undefined) return undefined;
  const perNode: { node: string | null; results: Record<string, PlacementResult> }[] =
    'nodes' in sample
      ? sample.nodes.map((n, i) => ({
          node: n.id,
          results: Object.fromEntries(
            Object.entries(results).flatMap(([name, r]) => {
              const one = 'nodes' in r ? r.nodes[i]?.result : undefined;
              return one ? [[name, one]] : [];
            }),
          ),
        }))
      : [{ node: null, results: results as Record<string, PlacementResult> }];
  const out: ReportTimeCost[] = [];
  for (const { node, results: byStrategy } of perNode) {
    const chart = timeCostChart(byStrategy);
    if (chart !== null) out.push({ node, points: chart.points, unknown: chart.unknown, leftOut: chart.leftOut });
  }
  return out.length > 0 ? out : undefined;
}

/** One placement; `single` when it is the report's only one, which adds the hand-off and the time × cost picture. */
function placementOf(entry: ReportEntry, single = false): ReportPlacement {
  // Each getter is read once: the history store parses the record on first read.
  const inputs = entry.inputs;
  const result = entry.result;
  const pipeline = inputs ? 'pipeline' in inputs.task : result !== null && 'nodes' in result;
  return {
    id: entry.requestId,
    at: entry.at,
    taskName: entry.taskName,
    subject: pipeline ? 'pipeline' : 'task',
    outcome: entry.outcome,
    strategy: entry.strategy,
    chosenTarget: entry.selectedTarget,
    failureMessage: result?.failureMessage ?? null,
    options: inputs ? optionsOf(inputs.options) : null,
    demands: inputs ? demandsOf(inputs.task) : [],
    targets: inputs ? targetsOf(inputs.targets) : [],
    decisions: result ? decisionsOf(result) : [],
    ...(single &&
      inputs &&
      result &&
      !('nodes' in result) && {
        handoff: handoffOf(
          inputs.task,
          inputs.targets.map((u) => u.target),
          result,
        ),
      }),
    // Only a report of one placement draws the picture: a history of many would be all pictures.
    ...(single && result && withTimeCost(timeCostOf({ [result.strategy]: result }))),
  };
}

const withTimeCost = (timeCost: ReportTimeCost[] | undefined) => (timeCost === undefined ? {} : { timeCost });

// The kind of target each scheduler's language places on.
const TARGET_TYPE = { kubernetes: 'kubernetes', slurm: 'slurm', nomad: 'nomad', skypilot: 'cloud' } as const;

/** A task's decision in the language of each scheduler whose nodes it was placed among. */
function handoffOf(file: TaskOrPipelineFile, targets: readonly Target[], result: PlacementResult): ReportHandoff[] {
  if (!('task' in file) || !result.success) return [];
  const chosen = targets.find((t) => t.id === result.selectedTarget);
  const out: ReportHandoff[] = [];
  for (const format of EMIT_FORMATS) {
    if (!targets.some((t) => t.type === TARGET_TYPE[format])) continue;
    const pinned = chosen?.type === TARGET_TYPE[format];
    try {
      const e = emitPlacement(format, { task: file.task, result, targets: [...targets], pinned });
      out.push({ format, language: e.language, pinned, text: e.text, unexpressed: e.unexpressed });
    } catch (err) {
      // No eligible node of that scheduler: nothing to hand it.
      if (!(err instanceof EmitError)) throw err;
    }
  }
  return out;
}

function base(kind: ReportData['kind'], title: string, meta: ReportMeta) {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    kind,
    title,
    generatedAt: meta.generatedAt ?? null,
    warnings: [...(meta.warnings ?? [])],
  } satisfies Partial<ReportData>;
}

/** A report of one recorded placement. */
export function placementReport(entry: ReportEntry, meta: ReportMeta = {}): ReportData {
  return {
    ...base('placement', `Placement of ${entry.taskName}`, meta),
    filters: null,
    summary: null,
    placements: [placementOf(entry, true)],
  };
}

/**
 * A report of the placements in `entries` (newest first, as the history lists them) that pass the
 * filters, the newest `limit` of them when given, with a summary.
 */
export function historyReport(
  entries: readonly ReportEntry[],
  filters: ReportFilters = {},
  meta: ReportMeta = {},
): ReportData {
  const passes = historyFilter(filters);
  const matching: ReportEntry[] = [];
  for (const e of entries) {
    if (filters.limit !== undefined && matching.length >= filters.limit) break;
    if (passes(e)) matching.push(e);
  }
  const placements = matching.map((e) => placementOf(e));
  return {
    ...base('history', 'Placement history', meta),
    filters: { ...filters },
    summary: summarise(placements),
    placements,
  };
}

/** A report of every strategy's decision on the same inputs (a what-if: nothing was placed). */
export function comparisonReport(
  task: TaskOrPipelineFile,
  targets: readonly UsedTarget[],
  options: PlacementOptions,
  compared: CompareResult,
  meta: ReportMeta = {},
): ReportData {
  const results = Object.values(compared.strategies);
  const name = 'task' in task ? task.task.name : task.pipeline.name;
  const own = compared.strategies[options.strategy];
  const placement: ReportPlacement = {
    id: results[0]?.requestId ?? '',
    at: null,
    taskName: name,
    subject: 'task' in task ? 'task' : 'pipeline',
    outcome: 'compared',
    strategy: options.strategy,
    chosenTarget: own && !('nodes' in own) ? own.selectedTarget : null,
    failureMessage: own?.failureMessage ?? null,
    options: optionsOf(options),
    demands: demandsOf(task),
    targets: targetsOf(targets),
    decisions: results.flatMap(decisionsOf),
    ...(own &&
      !('nodes' in own) && {
        handoff: handoffOf(
          task,
          targets.map((u) => u.target),
          own,
        ),
      }),
    ...withTimeCost(timeCostOf(compared.strategies)),
  };
  return {
    ...base('comparison', `Comparison of strategies for ${name}`, meta),
    filters: null,
    summary: null,
    placements: [placement],
  };
}
