/**
 * Property-based tests of the placement engine, continued: fallback and strategy guarantees,
 * pipelines, ordering, mismatches in words, independence from the fleet and from earlier calls,
 * schema validity, prototype-named keys, and what preferences and modes may change.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { compare, place } from '../../../shared/engine/place.js';
import {
  compareResult,
  pipelineResult,
  placementResult,
  type PipelineResult,
  type PlacementResult,
  type TargetScore,
} from '../../../shared/schema/result.js';
import { target } from '../../../shared/schema/targets.js';
import { pipelineFile, taskFile } from '../../../shared/schema/task.js';
import {
  optionsArb,
  pipelineArb,
  repeatedToolArb,
  toolRequirementArb,
  toolVersionArb,
  targetListArb,
  targetsFileArb,
  taskArb,
  workloadFileArb,
} from './arbitraries.js';
import {
  parseWorkloadFile,
  parseTargetsFile,
  inputsOf,
  withOptions,
  run,
  stableJson,
  placeTask,
  PROPERTY_RUNS,
  splitToolSpec,
  oracleMisses,
  requirementsChecked,
  engineReported,
  engineMisses,
  modeOf,
  eligibleIds,
  notJson,
  scoreOf,
} from './oracle.js';

describe('placement properties: guarantees', () => {
  describe('6. fallback and strategy guarantees', () => {
    const scenario = fc.tuple(taskArb, targetListArb, optionsArb);

    it('with fallbackEnabled false, local-first places only on local, cloud-first only on cloud', () => {
      let placed = 0;
      let refused = 0;
      fc.assert(
        fc.property(
          scenario,
          fc.constantFrom('local-first' as const, 'cloud-first' as const),
          ([rawTask, list, opts], strategy) => {
            const raw = withOptions({ targets: list, placement: opts }, { strategy, fallbackEnabled: false });
            const r = placeTask(inputsOf(rawTask, raw));
            const scope = strategy === 'local-first' ? 'local' : 'cloud';
            const eligibleInScope = r.scores.some((s) => s.eligible && s.targetType === scope);
            expect(r.fallbackUsed).toBe(false);
            expect(r.success).toBe(eligibleInScope);
            if (r.selectedTarget !== null) {
              placed++;
              expect(scoreOf(r, r.selectedTarget).targetType).toBe(scope);
            } else if (r.scores.some((s) => s.eligible)) {
              refused++;
              expect(r.failureMessage).toContain('fallback is disabled');
            }
          },
        ),
        { numRuns: PROPERTY_RUNS },
      );
      expect(placed).toBeGreaterThan(20);
      expect(refused).toBeGreaterThan(5);
    });

    it('with fallbackEnabled true, any eligible target is placed, and fallbackUsed says when it left the scope', () => {
      fc.assert(
        fc.property(
          scenario,
          fc.constantFrom('local-first' as const, 'cloud-first' as const),
          ([rawTask, list, opts], strategy) => {
            const raw = withOptions({ targets: list, placement: opts }, { strategy, fallbackEnabled: true });
            const r = placeTask(inputsOf(rawTask, raw));
            expect(r.success).toBe(r.scores.some((s) => s.eligible));
            if (r.selectedTarget !== null) {
              const scope = strategy === 'local-first' ? 'local' : 'cloud';
              expect(r.fallbackUsed).toBe(scoreOf(r, r.selectedTarget).targetType !== scope);
            }
          },
        ),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('cost-optimized picks the minimum estimated cost among eligible targets', () => {
      let choices = 0;
      fc.assert(
        fc.property(scenario, ([rawTask, list, opts]) => {
          const r = placeTask(
            inputsOf(rawTask, withOptions({ targets: list, placement: opts }, { strategy: 'cost-optimized' })),
          );
          const eligible = r.scores.filter((s) => s.eligible);
          expect(r.success).toBe(eligible.length > 0);
          if (r.selectedTarget === null) return;
          const costs = eligible.map((s) => s.estimatedCost!);
          expect(scoreOf(r, r.selectedTarget).estimatedCost).toBe(Math.min(...costs));
          if (new Set(costs).size > 1) choices++;
        }),
        { numRuns: PROPERTY_RUNS },
      );
      expect(choices).toBeGreaterThan(10);
    });

    it('local-first places on local whenever a local target is eligible', () => {
      let hits = 0;
      fc.assert(
        fc.property(scenario, ([rawTask, list, opts]) => {
          const r = placeTask(
            inputsOf(rawTask, withOptions({ targets: list, placement: opts }, { strategy: 'local-first' })),
          );
          if (!r.scores.some((s) => s.eligible && s.targetType === 'local')) return;
          hits++;
          expect(r.success).toBe(true);
          expect(scoreOf(r, r.selectedTarget!).targetType).toBe('local');
          expect(r.fallbackUsed).toBe(false);
        }),
        { numRuns: PROPERTY_RUNS },
      );
      expect(hits).toBeGreaterThan(20);
    });
  });

  it('7. a pipeline succeeds iff every node does; its failure names the first failing node', () => {
    let failures = 0;
    let successes = 0;
    fc.assert(
      fc.property(pipelineArb, targetsFileArb, (rawPipeline, rawTargets) => {
        const file = pipelineFile.parse({ pipeline: rawPipeline });
        const { targets, options } = parseTargetsFile(rawTargets);
        const r = place(file, targets, options, run) as PipelineResult;
        expect(r.nodes.map((n) => n.id)).toEqual(rawPipeline.nodes.map((n) => n.id));
        expect(r.success).toBe(r.nodes.every((n) => n.result.success));
        const firstFailing = r.nodes.find((n) => !n.result.success);
        if (firstFailing === undefined) {
          successes++;
          expect(r.failureMessage).toBeNull();
        } else {
          failures++;
          expect(r.failureMessage!.startsWith(`Node '${firstFailing.id}'`)).toBe(true);
        }
        // Each node is placed exactly as the same demands would be placed as a task.
        rawPipeline.nodes.forEach(({ id, ...demands }, i) => {
          const alone = place(
            taskFile.parse({ task: { name: id, ...demands } }),
            targets,
            options,
            run,
          ) as PlacementResult;
          const node = r.nodes[i]!.result;
          expect(stableJson(node.scores)).toBe(stableJson(alone.scores));
          expect([node.success, node.selectedTarget, node.reason]).toEqual([
            alone.success,
            alone.selectedTarget,
            alone.reason,
          ]);
        });
      }),
      { numRuns: 200 },
    );
    expect(failures).toBeGreaterThan(10);
    expect(successes).toBeGreaterThan(10);
  });

  it('8. scores are ordered: eligible by descending score (ties by tieBreaker), then ineligible in file order', () => {
    fc.assert(
      fc.property(taskArb, targetsFileArb, (rawTask, rawTargets) => {
        const { file, targets, options } = inputsOf(rawTask, rawTargets);
        const r = place(file, targets, options, run) as PlacementResult;
        const index = new Map(targets.map((t, i) => [t.id, i]));
        expect([...r.scores.map((s) => s.targetId)].sort()).toEqual([...index.keys()].sort());
        const firstIneligible = r.scores.findIndex((s) => !s.eligible);
        const eligible = firstIneligible === -1 ? r.scores : r.scores.slice(0, firstIneligible);
        const ineligible = firstIneligible === -1 ? [] : r.scores.slice(firstIneligible);
        expect(ineligible.every((s) => !s.eligible)).toBe(true);
        expect(ineligible.map((s) => index.get(s.targetId))).toEqual(
          ineligible.map((s) => index.get(s.targetId)!).sort((a, b) => a - b),
        );
        for (let i = 1; i < eligible.length; i++) {
          const [a, b] = [eligible[i - 1]!, eligible[i]!];
          expect(a.score).toBeGreaterThanOrEqual(b.score);
          if (a.score !== b.score) continue;
          const [ia, ib] = [index.get(a.targetId)!, index.get(b.targetId)!];
          if (options.tieBreaker === 'first') expect(ia).toBeLessThan(ib);
          else if (options.tieBreaker === 'id') expect(a.targetId < b.targetId).toBe(true);
          else
            expect(a.estimatedCost! < b.estimatedCost! || (a.estimatedCost === b.estimatedCost && ia < ib)).toBe(true);
        }
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  // 9, 9b and 10 guard the sharing of Match/Mismatch objects in checks.ts: a task may ask for one tool
  // twice (`python3` and `python3@0.x`, `docker>=20` and `docker<28`), so sharing must be per requirement,
  // not per key, or the second check reports the first one's need (and results depend on fleet size).
  it('9. each mismatch names a requirement the target really misses, and every missed one is named', () => {
    fc.assert(
      fc.property(taskArb, targetsFileArb, (rawTask, rawTargets) => {
        const r = placeTask(inputsOf(rawTask, rawTargets));
        const req = rawTask.requirements ?? {};
        for (const t of rawTargets.targets) {
          expect({ id: t.id, misses: engineMisses(scoreOf(r, t.id)) }).toEqual({
            id: t.id,
            misses: oracleMisses(req, t, modeOf(rawTargets)),
          });
        }
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('9b. every hard requirement is reported once per target, as a match or a mismatch, with its own need', () => {
    let largeFleets = 0;
    fc.assert(
      fc.property(taskArb, targetsFileArb, fc.boolean(), (rawTask, rawTargets, large) => {
        fc.pre(rawTargets.targets.length > 0);
        const { file, targets, options } = inputsOf(rawTask, rawTargets);
        // Large fleets (1000+ targets) take the engine's shared-match path: pad with copies.
        const padding = large
          ? Array.from({ length: 1000 }, (_, i) =>
              target.parse({ ...rawTargets.targets[i % rawTargets.targets.length]!, id: `pad-${i}` }),
            )
          : [];
        if (large) largeFleets++;
        const r = place(file, [...padding, ...targets], options, run) as PlacementResult;
        for (const [i, t] of targets.entries()) {
          const expected = requirementsChecked(rawTask.requirements ?? {}, rawTargets.targets[i]!.capabilities);
          expect({ id: t.id, reported: engineReported(scoreOf(r, t.id)) }).toEqual({ id: t.id, reported: expected });
        }
      }),
      { numRuns: 150 },
    );
    expect(largeFleets).toBeGreaterThan(30);
  });

  it("10. a target's checks do not depend on the rest of the fleet (alone, in the fleet, in a fleet of 1000+)", () => {
    const checked = (s: TargetScore) =>
      stableJson({
        targetId: s.targetId,
        targetType: s.targetType,
        eligible: s.eligible,
        estimatedCost: s.estimatedCost,
        matches: s.matches,
        mismatches: s.mismatches,
      });
    // Most tasks ask for one tool twice (`git` and `git>=2`, or two ranges): two checks with one key.
    const tasks = fc.oneof(
      { arbitrary: taskArb, weight: 1 },
      {
        arbitrary: fc
          .tuple(
            taskArb,
            fc.oneof(
              repeatedToolArb,
              toolRequirementArb.filter((t) => t.range !== null).map((t) => [t.name, t.spec]),
            ),
          )
          .map(([t, tools]) => ({ ...t, requirements: { ...t.requirements, tools } })),
        weight: 2,
      },
    );
    // Fleets where the last target has every tool the task names, at one version, so both checks pass.
    const fleets = fc
      .tuple(targetsFileArb, fc.boolean(), toolVersionArb)
      .map(([file, equip, version]) => ({ file, equip: equip ? (version ?? '27.1.1') : null }));
    fc.assert(
      fc.property(tasks, fleets, (rawTask, { file: fleet, equip }) => {
        fc.pre(fleet.targets.length > 0);
        let rawTargets = fleet;
        if (equip !== null && rawTask.requirements?.tools !== undefined) {
          const last = fleet.targets[fleet.targets.length - 1]!;
          const have = Array.isArray(last.capabilities?.tools)
            ? Object.fromEntries(last.capabilities.tools.map((t) => [t, null]))
            : last.capabilities?.tools;
          const tools = {
            ...have,
            ...Object.fromEntries(rawTask.requirements.tools.map((spec) => [splitToolSpec(spec).name, equip])),
          };
          rawTargets = {
            ...fleet,
            targets: [...fleet.targets.slice(0, -1), { ...last, capabilities: { ...last.capabilities, tools } }],
          };
        }
        const { file, targets, options } = inputsOf(rawTask, rawTargets);
        const inFleet = place(file, targets, options, run) as PlacementResult;
        const padding = Array.from({ length: 1000 }, (_, i) =>
          target.parse({ ...rawTargets.targets[i % rawTargets.targets.length]!, id: `pad-${i}` }),
        );
        const inLargeFleet = place(file, [...padding, ...targets], options, run) as PlacementResult;
        for (const t of targets) {
          const alone = place(file, [t], options, run) as PlacementResult;
          expect(checked(scoreOf(inFleet, t.id))).toBe(checked(alone.scores[0]!));
          expect(checked(scoreOf(inLargeFleet, t.id))).toBe(checked(alone.scores[0]!));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('11. every result is valid against the result schemas and survives a JSON round trip', () => {
    fc.assert(
      fc.property(workloadFileArb, targetsFileArb, (rawFile, rawTargets) => {
        const file = parseWorkloadFile(rawFile);
        const { targets, options } = parseTargetsFile(rawTargets);
        const r = place(file, targets, options, run);
        if ('task' in file) placementResult.parse(r);
        else pipelineResult.parse(r);
        expect(notJson(r)).toEqual([]);
        const all = compare(file, targets, options, run);
        compareResult.parse(all);
        expect(notJson(all)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  // A regression property: a task needing tool `constructor` was once eligible on any target with a known
  // tool list (`caps.tools[name]` read Object.prototype), with a function as `have`. Counterexample:
  // [{tools: ["constructor"]}, {targets: [{id: local, type: local, capabilities: {tools: []}}]}].
  it('12. tool names and label keys that are also Object.prototype members are ordinary names', () => {
    // Tool names and label keys are user text: `constructor`, `toString`, `valueOf` pass the schemas'
    // name rules, and must be looked up as the target's own entries, never inherited ones.
    const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'docker'] as const;
    const taskWithNames = fc.record(
      {
        tools: fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 2 }),
        custom: fc.dictionary(fc.constantFrom(...names), fc.constantFrom('x', 'eu-west-1'), { maxKeys: 1 }),
      },
      { requiredKeys: ['tools'] },
    );
    fc.assert(
      fc.property(taskWithNames, targetsFileArb, (req, rawTargets) => {
        const r = placeTask(inputsOf({ name: 't', requirements: req }, rawTargets));
        for (const t of rawTargets.targets) {
          expect({ id: t.id, misses: engineMisses(scoreOf(r, t.id)) }).toEqual({
            id: t.id,
            misses: oracleMisses(req, t, modeOf(rawTargets)),
          });
        }
        placementResult.parse(r);
      }),
      { numRuns: 200 },
    );
  });

  it('14. preferences, affinity and anti-affinity never change eligibility; stricter modes only remove targets', () => {
    fc.assert(
      fc.property(taskArb, targetsFileArb, (rawTask, rawTargets) => {
        const { preferences: _p, affinity: _a, antiAffinity: _x, ...hardOnly } = rawTask;
        const checks = (r: PlacementResult) =>
          stableJson(r.scores.map((s) => [s.targetId, s.eligible, s.matches, s.mismatches]).sort());
        expect(checks(placeTask(inputsOf(rawTask, rawTargets)))).toBe(
          checks(placeTask(inputsOf(hardOnly, rawTargets))),
        );
        const [burst, localOnly, airgapped] = (['burst', 'local-only', 'airgapped'] as const).map((mode) =>
          eligibleIds(placeTask(inputsOf(rawTask, withOptions(rawTargets, { mode })))),
        );
        for (const id of localOnly!) expect(burst).toContain(id);
        for (const id of airgapped!) expect(localOnly).toContain(id);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('13. a placement does not depend on the placements made before it (no state leaks between calls)', async () => {
    await fc.assert(
      fc.asyncProperty(
        taskArb,
        targetsFileArb,
        fc.array(fc.tuple(fc.option(taskArb, { nil: undefined }), targetsFileArb), { minLength: 1, maxLength: 4 }),
        async (rawTask, rawTargets, before) => {
          // A fresh copy of the engine, with every module-level cache empty.
          vi.resetModules();
          const fresh = (await import('../../../shared/engine/place.js')).place;
          const { file, targets, options } = inputsOf(rawTask, rawTargets);
          const cold = stableJson(fresh(file, targets, options, run));
          // Earlier placements: the same task on other fleets (same specs, other versions), or other tasks.
          for (const [t, ts] of before) {
            const other = inputsOf(t ?? rawTask, ts);
            fresh(other.file, other.targets, other.options, run);
          }
          expect(stableJson(fresh(file, targets, options, run))).toBe(cold);
          // The engine every other property has warmed up agrees too.
          expect(stableJson(place(file, targets, options, run))).toBe(cold);
        },
      ),
      { numRuns: 60 },
    );
  });
});
