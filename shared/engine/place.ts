import type { AnalysisEntry, CompareResult, PipelineResult, PlacementResult } from '../schema/result.js';
import type { PlacementOptions, Target } from '../schema/targets.js';
import type { Pipeline, Task, TaskOrPipelineFile } from '../schema/task.js';
import { getStrategy, STRATEGIES } from '../strategies/registry.js';
import type { Strategy } from '../strategies/strategy.js';
import { analyse } from './analysis.js';
import { decide } from './decide.js';
import { whyNot } from './why-not.js';
import { evaluate, type Demands, type Evaluation } from './evaluate.js';
import type { PlacementListener } from './events.js';
import type { Unchecked } from './warnings.js';
import { cutOf, firstOf, sayCut, type DeadlineAt } from './limits.js';

/** What a placement needs from its caller besides the data: an id, and optionally a clock and a listener. */
export interface PlacementRun {
  requestId: string;
  /** Milliseconds from any origin; used only for `decisionMs`. Without one, decisionMs is 0. */
  clock?: () => number;
  onEvent?: PlacementListener;
  /**
   * Targets whose capabilities could not be checked, and why (`probe failed: timed out after 10 s`):
   * a decision that rests on one says so in its `warnings`.
   */
  unchecked?: Unchecked;
  /**
   * What would change the winner, verified change by change: off unless asked (it ranks the fleet again
   * a few dozen times). `true`: the winner's and the best losers'; a list of ids adds those targets.
   */
  whyNot?: boolean | readonly string[];
  /**
   * `all` (the default): every target's words (matches, mismatches, breakdown) and the analysis are in
   * the result, as the CLI's `--json`, history and reports need them. `on demand`: each is built when
   * first read, and the result serialises the same: a live view ranks thousands and shows a handful.
   */
  explanations?: 'all' | 'on demand';
  /**
   * A replay of a decision made under `deadlineMs`: the deadline is not timed again but passes where
   * the record says it did, after `task` targets (a pipeline's node: `nodes[id]`), or, where the
   * record says nothing, not at all; so that the decision is made again exactly.
   */
  deadlinePassed?: { task?: number; nodes?: Readonly<Record<string, number>> };
}

const noClock = () => 0;

/**
 * Each targets list's last evaluation, and what it was of. A what-if that changes only how the
 * targets are ranked (the strategy, the tie-breaker, the fallback: every toolbar edit but the mode)
 * re-evaluates nothing: which targets meet the task, and how, depends on the task, the targets and
 * the mode alone (issue 14: re-evaluate only what changed). Tasks and targets are never changed in
 * place (a new edit is a new object), so the same objects are the same inputs.
 */
const lastEvaluation = new WeakMap<
  readonly Target[],
  { task: Task; mode: PlacementOptions['mode']; evaluation: Evaluation }
>();

function evaluationOf(task: Task, targets: readonly Target[], mode: PlacementOptions['mode']): Evaluation {
  const last = lastEvaluation.get(targets);
  if (last !== undefined && last.task === task && last.mode === mode) return last.evaluation;
  const evaluation = evaluate(task, targets, mode);
  lastEvaluation.set(targets, { task, mode, evaluation });
  return evaluation;
}

function whyNotOf(asked: boolean | readonly string[] | undefined, prefix: string) {
  if (asked === undefined || asked === false) return undefined;
  return { prefix, also: asked === true ? [] : asked };
}

function strategyOf(options: PlacementOptions): Strategy {
  const strategy = getStrategy(options.strategy);
  if (!strategy) throw new Error(`unknown strategy "${options.strategy}"`);
  return strategy;
}

function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

function placeDemands(
  demands: Demands,
  targets: readonly Target[],
  options: PlacementOptions,
  meta: {
    requestId: string;
    taskName: string;
    subject: string;
    unchecked: Unchecked | undefined;
    whyNot: { prefix: string; also: readonly string[] } | undefined;
    explain: boolean;
    deadlineAt: DeadlineAt;
  },
  clock: () => number,
): PlacementResult {
  const start = clock();
  const cut = cutOf(demands, targets, options, clock, start, meta.deadlineAt);
  const evaluation = evaluate(demands, cut === null ? targets : firstOf(targets, cut.evaluated), options.mode);
  const analysis = meta.explain ? analyse(evaluation) : () => analyse(evaluation);
  const result = decide(evaluation, strategyOf(options), options, analysis, meta);
  if (cut !== null) sayCut(result, cut, targets);
  return timed(result, clock() - start);
}

/** Where a replay says the deadline passed for a task (`null`: nowhere); undefined when it is timed. */
function taskDeadlineAt(run: PlacementRun): DeadlineAt {
  return run.deadlinePassed === undefined ? undefined : (run.deadlinePassed.task ?? null);
}

/** The same for one node of a pipeline. */
function nodeDeadlineAt(run: PlacementRun, id: string): DeadlineAt {
  const nodes = run.deadlinePassed?.nodes;
  if (run.deadlinePassed === undefined) return undefined;
  return nodes !== undefined && Object.hasOwn(nodes, id) ? nodes[id]! : null;
}

/** The result with its decision time added last (set, never spread: a lazy result's parts stay unread). */
function timed(result: Omit<PlacementResult, 'decisionMs'>, ms: number): PlacementResult {
  const out = result as PlacementResult;
  out.decisionMs = roundMs(ms);
  return out;
}

const explainsAll = (run: Pick<PlacementRun, 'explanations'>) => run.explanations !== 'on demand';

function placeTask(
  task: Task,
  targets: readonly Target[],
  options: PlacementOptions,
  run: PlacementRun,
  clock: () => number,
) {
  return placeDemands(
    task,
    targets,
    options,
    {
      requestId: run.requestId,
      taskName: task.name,
      subject: `Task '${task.name}'`,
      unchecked: run.unchecked,
      whyNot: whyNotOf(run.whyNot, 'task'),
      explain: explainsAll(run),
      deadlineAt: taskDeadlineAt(run),
    },
    clock,
  );
}

function placePipeline(
  pipeline: Pipeline,
  targets: readonly Target[],
  options: PlacementOptions,
  run: PlacementRun,
  clock: () => number,
): PipelineResult {
  const start = clock();
  const { requestId, unchecked } = run;
  const nodes = pipeline.nodes.map((node) => ({
    id: node.id,
    result: placeDemands(
      node,
      targets,
      options,
      {
        requestId: `${requestId}/${node.id}`,
        taskName: `${pipeline.name}/${node.id}`,
        subject: `Node '${node.id}'`,
        unchecked,
        whyNot: whyNotOf(run.whyNot, `pipeline.nodes.${node.id}`),
        explain: explainsAll(run),
        deadlineAt: nodeDeadlineAt(run, node.id),
      },
      clock,
    ),
  }));
  const failed = nodes.filter((n) => !n.result.success);
  const failureMessage =
    failed.length === 0
      ? null
      : failed[0]!.result.failureMessage! +
        (failed.length > 1 ? ` (and ${failed.length - 1} more node${failed.length > 2 ? 's' : ''} failed)` : '');
  return {
    requestId,
    pipeline: pipeline.name,
    strategy: options.strategy,
    mode: options.mode,
    success: failed.length === 0,
    failureMessage,
    warnings: [...new Set(nodes.flatMap((n) => n.result.warnings))],
    nodes,
    decisionMs: roundMs(clock() - start),
  };
}

/**
 * Places a task (or each node of a pipeline) on one of the targets with the options' strategy.
 * Pure and deterministic: the same inputs give the same result, apart from `decisionMs`.
 */
export function place(
  file: TaskOrPipelineFile,
  targets: readonly Target[],
  options: PlacementOptions,
  run: PlacementRun,
): PlacementResult | PipelineResult {
  const clock = run.clock ?? noClock;
  const taskName = 'task' in file ? file.task.name : file.pipeline.name;
  run.onEvent?.({ type: 'PlacementStarted', requestId: run.requestId, taskName, strategy: options.strategy });
  const result =
    'task' in file
      ? placeTask(file.task, targets, options, run, clock)
      : placePipeline(file.pipeline, targets, options, run, clock);
  run.onEvent?.({ type: result.success ? 'PlacementCompleted' : 'PlacementFailed', requestId: run.requestId, result });
  return result;
}

/** Every strategy side by side on the same inputs; checks run once and are shared. A what-if: no events. */
export function compare(
  file: TaskOrPipelineFile,
  targets: readonly Target[],
  options: PlacementOptions,
  run: Omit<PlacementRun, 'onEvent'>,
): CompareResult {
  const clock = run.clock ?? noClock;
  const strategies = {} as CompareResult['strategies'];
  if ('pipeline' in file) {
    for (const s of STRATEGIES)
      strategies[s.name] = placePipeline(file.pipeline, targets, { ...options, strategy: s.name }, run, clock);
    return { strategies };
  }
  const task = file.task;
  const start = clock();
  const cut = cutOf(task, targets, options, clock, start, taskDeadlineAt(run));
  // Cut short (a limit bit), it is the evaluation of those first targets alone: made afresh.
  const evaluation: Evaluation =
    cut === null
      ? evaluationOf(task, targets, options.mode)
      : evaluate(task, firstOf(targets, cut.evaluated), options.mode);
  const explain = explainsAll(run);
  let analysed: AnalysisEntry[] | null = explain ? analyse(evaluation) : null;
  // On demand, the first strategy's result that is asked makes the analysis, and the rest share it.
  const analysis = analysed ?? (() => (analysed ??= analyse(evaluation)));
  const shared = clock() - start;
  for (const s of STRATEGIES) {
    const t0 = clock();
    const result = decide(evaluation, s, { ...options, strategy: s.name }, analysis, {
      requestId: run.requestId,
      taskName: task.name,
      subject: `Task '${task.name}'`,
      unchecked: run.unchecked,
      explain,
    });
    if (cut !== null) sayCut(result, cut, targets);
    strategies[s.name] = timed(result, shared + clock() - t0);
  }
  const asked = whyNotOf(run.whyNot, 'task');
  if (asked !== undefined) {
    // Every strategy's choice is known already: whyNot shares them, and explains the runner-up.
    const byId = new Map(evaluation.eligible.map((e) => [e.target.id, e]));
    const chosen = new Map(
      STRATEGIES.map((s) => {
        const picked = (strategies[s.name] as PlacementResult).selectedTarget;
        return [s.name, picked === null ? null : (byId.get(picked) ?? null)];
      }),
    );
    // The chosen strategy's: the one a user is about to run (Target details asks for the others one at a time).
    for (const s of STRATEGIES) {
      if (s.name !== options.strategy) continue;
      const t0 = clock();
      const result = strategies[s.name] as PlacementResult;
      if (!result.success) continue;
      const ranked = result.scores.filter((x) => x.eligible).map((x) => byId.get(x.targetId)!);
      const explained = whyNot(
        evaluation,
        s,
        { ...options, strategy: s.name },
        ranked,
        asked.prefix,
        asked.also,
        chosen,
        1,
      );
      result.whyNot = explained;
      result.decisionMs = roundMs(result.decisionMs + clock() - t0);
    }
  }
  return { strategies };
}
