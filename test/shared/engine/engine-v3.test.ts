/**
 * The engine against its frozen copy (test/engine-v3, engine semantics 3): on random fleets, tasks,
 * pipelines, options and runs, today's `place` and `compare` give the same full output as the engine
 * did before its rewrite, JSON byte for byte, with every `decisionMs` set to 0. So do their events, a
 * second placement on the same fleet, a placement after an edit (a new list around the same targets),
 * and today's results with explanations on demand. A difference is a bug of the new engine, unless it
 * is a deliberate change of semantics that bumps ENGINE_SEMANTICS (see test/engine-v3/README.md).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as today from '../../../shared/engine/place.js';
import type { PlacementEvent } from '../../../shared/engine/events.js';
import type { Requirements } from '../../../shared/schema/requirements.js';
import type { CompareResult, PipelineResult, PlacementResult } from '../../../shared/schema/result.js';
import { placementOptions, target, type PlacementOptions, type Target } from '../../../shared/schema/targets.js';
import type { TaskOrPipelineFile } from '../../../shared/schema/task.js';
import * as frozen from '../../engine-v3/engine/place.js';
import {
  engineEditArb,
  engineOptionsArb,
  engineRunArb,
  fleetArb,
  fleetId,
  STRATEGY_VALUES,
  wideWorkloadFileArb,
  type EngineEdit,
  type RawFleet,
} from './arbitraries.js';
import { parseWorkloadFile } from './oracle.js';

type Engine = Pick<typeof today, 'place' | 'compare'>;

/**
 * JSON with every `decisionMs` (a pipeline's nodes' included) set to 0: the one part that may vary.
 * NaN, ±Infinity and -0, which JSON would write as null or 0, are written as such, so that an engine
 * that makes one where the other made a number cannot pass for the same.
 */
function stable(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) =>
    key === 'decisionMs'
      ? 0
      : typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))
        ? `<${v === 0 ? '-0' : String(v)}>`
        : v,
  );
}

/** Where two JSON values first differ, as a path (`$.scores[3].score: 0.41 vs 0.39`); null when they do not. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return a.length === b.length ? null : `${path}: ${a.length} vs ${b.length} items`;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    for (const k of ka) {
      if (!(k in b)) return `${path}.${k}: only the first has it`;
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d !== null) return d;
    }
    for (const k of kb) if (!(k in a)) return `${path}.${k}: only the second has it`;
    return ka.join() === kb.join() ? null : `${path}: keys in another order: ${ka.join()} vs ${kb.join()}`;
  }
  return Object.is(a, b) ? null : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/** Asserts that two values are the same JSON; when not, says where they differ first (results are long). */
function expectSame(a: unknown, b: unknown, what: string): void {
  const ja = stable(a);
  const jb = stable(b);
  const where = ja === jb ? null : (firstDifference(JSON.parse(ja), JSON.parse(jb)) ?? 'the JSON text differs');
  expect(where, what).toBeNull();
}

/** The fleet's targets, parsed by the real schema; targets of one shape share its parsed objects when asked. */
function targetsOf(fleet: RawFleet): Target[] {
  const parsedShapes = fleet.shapes.map((s) => target.parse({ id: 'shape', ...s }));
  return fleet.picks.map((pick, i) => {
    const id = fleetId(i);
    if ('own' in pick) return target.parse({ id, ...pick.own });
    return fleet.shareObjects
      ? { ...parsedShapes[pick.shape]!, id }
      : target.parse({ id, ...fleet.shapes[pick.shape]! });
  });
}

interface Inputs {
  file: TaskOrPipelineFile;
  targets: Target[];
  options: PlacementOptions;
  /** Another strategy, placed on the same (identical) targets after the first: caches must not leak. */
  second: PlacementOptions;
  run: { whyNot?: boolean | string[]; unchecked?: Record<string, string> };
  /** Then one target and one requirement edited, the rest the same objects, and placed again. */
  edit: EngineEdit;
}

/** The inputs with `edit` made as a live view makes it: new lists and objects around the same others. */
function edited(file: TaskOrPipelineFile, targets: Target[], edit: EngineEdit): [TaskOrPipelineFile, Target[]] {
  let list = targets;
  if (targets.length > 0) {
    const i = edit.target % targets.length;
    const c = edit.change;
    if ('drop' in c) list = targets.filter((_, k) => k !== i);
    else
      list = targets.map((t, k) => {
        if (k !== i) return t;
        if ('hourlyRate' in c) return { ...t, hourlyRate: c.hourlyRate };
        return {
          ...t,
          capabilities: targets[c.capabilitiesOf % targets.length]!.capabilities ?? t.capabilities,
        } as Target;
      });
  }
  const withRequirement = <D extends { requirements: Requirements }>(d: D): D => {
    const requirements = { ...d.requirements };
    if (edit.requirement.value === null) delete requirements[edit.requirement.key];
    else requirements[edit.requirement.key] = edit.requirement.value;
    return { ...d, requirements };
  };
  const changed: TaskOrPipelineFile =
    'task' in file
      ? { task: withRequirement(file.task) }
      : {
          pipeline: {
            ...file.pipeline,
            nodes: [withRequirement(file.pipeline.nodes[0]!), ...file.pipeline.nodes.slice(1)],
          },
        };
  return [changed, list];
}

/** Reads a few of an on-demand result's words out of their order: the last target's first, then the analysis. */
function readOutOfOrder(result: PlacementResult | PipelineResult | CompareResult): void {
  if ('strategies' in result) Object.values(result.strategies).forEach(readOutOfOrder);
  else if ('nodes' in result) result.nodes.forEach((n) => readOutOfOrder(n.result));
  else {
    const last = result.scores.at(-1);
    void [last?.breakdown, last?.mismatches, result.analysis];
  }
}

/**
 * Everything one engine says about the inputs: place (and its events), compare, place again with
 * other options, place after an edit; today's engine also with explanations on demand.
 */
function outputsOf(engine: 'today' | 'engine 3', inputs: Inputs) {
  // Each engine gets its own copy, so that neither can see what the other did to its inputs.
  const { file, targets, options, second, run, edit } = structuredClone(inputs);
  const before = structuredClone({ file, targets, options, second, run });
  const { place, compare }: Engine = engine === 'today' ? today : frozen;
  let tick = 0;
  const clock = () => (tick += 0.37);
  const events: PlacementEvent[] = [];
  const placed = place(file, targets, options, { requestId: 'r1', clock, onEvent: (e) => events.push(e), ...run });
  const compared = compare(file, targets, options, { requestId: 'r2', clock, ...run });
  // The same task and targets (the same objects) compared again as the live view does after a toolbar
  // edit: another strategy, tie-breaker and fallback, then another mode: what was evaluated is reused
  // only where it still holds.
  const reranked = compare(file, targets, otherRanking(second), { requestId: 'r5', ...run });
  const otherMode = compare(file, targets, otherModeOf(options), { requestId: 'r6', ...run });
  const again = place(file, targets, second, { requestId: 'r3', ...run });
  const [editedFile, editedTargets] = edited(file, targets, edit);
  const afterEdit = place(editedFile, editedTargets, options, { requestId: 'r4', ...run });
  const inputsAfter = { file, targets, options, second, run };
  if (engine === 'engine 3')
    return { placed, compared, reranked, otherMode, again, afterEdit, events, inputsAfter, before };
  const lazy = { explanations: 'on demand' as const, ...run };
  const placedOnDemand = today.place(file, targets, options, { requestId: 'r1', ...lazy });
  const comparedOnDemand = today.compare(file, targets, options, { requestId: 'r2', ...lazy });
  readOutOfOrder(placedOnDemand);
  readOutOfOrder(comparedOnDemand);
  const rerankedOnDemand = today.compare(file, targets, otherRanking(second), { requestId: 'r5', ...lazy });
  readOutOfOrder(rerankedOnDemand);
  return {
    placed,
    compared,
    reranked,
    otherMode,
    again,
    afterEdit,
    events,
    inputsAfter,
    before,
    placedOnDemand,
    comparedOnDemand,
    rerankedOnDemand,
  };
}

const TIE_BREAKERS = ['first', 'cheapest', 'id'] as const;
const MODES = ['local-only', 'airgapped', 'burst'] as const;

/** The options with the next tie-breaker and the fallback turned over: how the targets are ranked, not which. */
function otherRanking(options: PlacementOptions): PlacementOptions {
  const tieBreaker = TIE_BREAKERS[(TIE_BREAKERS.indexOf(options.tieBreaker) + 1) % TIE_BREAKERS.length]!;
  return { ...options, tieBreaker, fallbackEnabled: !options.fallbackEnabled };
}

/** The options with the next mode: which targets may run the task changes. */
function otherModeOf(options: PlacementOptions): PlacementOptions {
  return { ...options, mode: MODES[(MODES.indexOf(options.mode) + 1) % MODES.length]! };
}

function expectSameOutputs(inputs: Inputs): void {
  const a = outputsOf('today', inputs);
  const b = outputsOf('engine 3', inputs);
  expectSame(a.placed, b.placed, "place: today's engine vs engine 3");
  expectSame(a.compared, b.compared, "compare: today's engine vs engine 3");
  expectSame(a.reranked, b.reranked, "compare again, ranked otherwise: today's engine vs engine 3");
  expectSame(a.otherMode, b.otherMode, "compare again in another mode: today's engine vs engine 3");
  expectSame(a.rerankedOnDemand, b.reranked, "compare again ranked otherwise, on demand: today's engine vs engine 3");
  expectSame(a.again, b.again, `place again with ${inputs.second.strategy}: today's engine vs engine 3`);
  expectSame(a.afterEdit, b.afterEdit, "place after an edit: today's engine vs engine 3");
  expectSame(a.events, b.events, "the events of place: today's engine vs engine 3");
  expectSame(a.placedOnDemand, b.placed, "place, explanations on demand: today's engine vs engine 3");
  expectSame(a.comparedOnDemand, b.compared, "compare, explanations on demand: today's engine vs engine 3");
  // Placing never changes its inputs.
  expectSame(a.inputsAfter, a.before, "today's engine's inputs after placing vs before");
  expectSame(b.inputsAfter, b.before, "engine 3's inputs after placing vs before");
}

function inputsArb(minSize: number, maxSize: number): fc.Arbitrary<Inputs> {
  return fc
    .record({
      file: wideWorkloadFileArb,
      fleet: fleetArb(minSize, maxSize),
      options: engineOptionsArb,
      second: fc.constantFrom(...STRATEGY_VALUES),
      run: engineRunArb,
      edit: engineEditArb,
    })
    .map(({ file, fleet, options, second, run, edit }) => {
      const parsed = placementOptions.parse(options);
      return {
        file: parseWorkloadFile(file),
        targets: targetsOf(fleet),
        options: parsed,
        second: { ...parsed, strategy: second },
        run,
        edit,
      };
    });
}

/**
 * Large fleets fail slowly: each run places 1000 targets or more, a fleet cannot shrink below that, and
 * fast-check's own report would print every target. This report gives the difference, how to replay
 * the run, and the inputs apart from the targets.
 */
function largeFleetReport(details: fc.RunDetails<unknown>): void {
  if (!details.failed) return;
  const inputs = (details.counterexample as [Inputs] | null)?.[0];
  const summary =
    inputs === undefined
      ? 'no counterexample'
      : JSON.stringify({
          ...inputs,
          targets: `${inputs.targets.length} targets`,
          firstTargets: inputs.targets.slice(0, 3),
        });
  throw new Error(
    `${String(details.errorInstance)}\nseed ${details.seed}, path "${details.counterexamplePath}", after ${details.numShrinks} shrinks\n${summary}`,
  );
}

describe('today’s engine gives what engine 3 gave', () => {
  it('on fleets of 0 to 60 targets: place, compare, events, JSON byte for byte', () => {
    fc.assert(fc.property(fc.oneof(inputsArb(0, 8), inputsArb(9, 60)), expectSameOutputs), {
      numRuns: 700,
      seed: 20261129,
      // A failure found is reported; only its shrinking is cut short.
      plugins: [fc.interruptAfterTimeLimit(60_000)],
    });
  }, 90_000);

  it('on fleets of 1000 to 1500 targets, where match objects are shared', () => {
    fc.assert(fc.property(inputsArb(1000, 1500), expectSameOutputs), {
      numRuns: 8,
      seed: 1500,
      plugins: [fc.interruptAfterTimeLimit(30_000)],
      reporter: largeFleetReport,
    });
  }, 90_000);

  it('on fleets of 200 to 400 targets, with equal scores broken by cost or by id', () => {
    // Where 64 or more targets are eligible, the ranking starts from them in the tie-breaker's order.
    const tied = fc
      .tuple(inputsArb(200, 400), fc.constantFrom('cheapest' as const, 'id' as const))
      .map(([inputs, tieBreaker]) => ({
        ...inputs,
        options: { ...inputs.options, tieBreaker },
        second: { ...inputs.second, tieBreaker },
      }));
    fc.assert(fc.property(tied, expectSameOutputs), {
      numRuns: 16,
      seed: 400,
      plugins: [fc.interruptAfterTimeLimit(30_000)],
      reporter: largeFleetReport,
    });
  }, 90_000);
});
