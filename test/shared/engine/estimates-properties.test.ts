// Issue 13's properties: with an estimate, performance picks the minimum estimated time,
// cost-optimized the minimum estimated cost, auto a target no other eligible one beats on both; and
// every `whyNot` change, applied to the inputs and placed again from scratch, does what it says.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChange } from '../../../shared/engine/apply-change.js';
import { compare, place } from '../../../shared/engine/place.js';
import { checkTaskFile } from '../../../shared/files/parse.js';
import type { PlacementResult } from '../../../shared/schema/result.js';
import { placementOptions, target, type Target } from '../../../shared/schema/targets.js';
import type { TaskOrPipelineFile } from '../../../shared/schema/task.js';
import { STRATEGY_NAMES } from '../../../shared/strategies/registry.js';

const rawTarget = (i: number) =>
  fc
    .record({
      type: fc.constantFrom('local', 'ssh', 'cloud'),
      // Some targets do not say how many cores they have: their estimate is unknown.
      cpu: fc.option(fc.constantFrom(2, 4, 8, 16, 32, 64), { nil: undefined }),
      rate: fc.constantFrom(0, 0.05, 0.1, 0.5, 1.01, 2, 4.5, 32.77),
      limit: fc.option(fc.constantFrom(30, 120, 600), { nil: undefined, freq: 4 }),
    })
    .map(({ type, cpu, rate, limit }): Target => {
      const kind = i === 0 ? 'local' : type === 'local' ? 'ssh' : type;
      return target.parse({
        id: `t${i}`,
        type: kind,
        ...(kind === 'ssh' && { host: `10.0.0.${i}` }),
        ...(kind === 'cloud' && { provider: 'aws' }),
        hourlyRate: kind === 'local' ? 0 : rate,
        capabilities: { ...(cpu !== undefined && { cpu }), ...(limit !== undefined && { maxRuntimeMinutes: limit }) },
      });
    });

const fleet = fc
  .integer({ min: 1, max: 9 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => rawTarget(i))));

const task = fc
  .record({
    minutes: fc.constantFrom(10, 60, 180, 600),
    cores: fc.constantFrom(1, 4, 8),
    scaling: fc.constantFrom('linear', 'none'),
    maxCost: fc.option(fc.constantFrom(0.5, 2, 10, 50), { nil: undefined }),
    deadline: fc.option(fc.constantFrom(20, 90, 240), { nil: undefined }),
    cpu: fc.option(fc.constantFrom(2, 8), { nil: undefined }),
  })
  .map(({ minutes, cores, scaling, maxCost, deadline, cpu }): TaskOrPipelineFile => {
    const checked = checkTaskFile({
      task: {
        name: 'run',
        requirements: {
          ...(maxCost !== undefined && { maxCost }),
          ...(deadline !== undefined && { maxRuntimeMinutes: deadline }),
          ...(cpu !== undefined && { cpu }),
        },
        estimate: { minutes, on: { cpu: cores }, scaling },
      },
    });
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    return checked.value;
  });

const known = (r: PlacementResult) =>
  r.scores.filter((s) => s.eligible && s.estimatedMinutes !== null && s.estimatedCost !== null);

function placeWith(file: TaskOrPipelineFile, targets: readonly Target[], strategy: string) {
  return place(file, targets, placementOptions.parse({ strategy, discoveryEnabled: false }), {
    requestId: 'p',
  }) as PlacementResult;
}

describe('strategies with an estimate', () => {
  it('performance: the minimum estimated time; cost-optimized: the minimum cost; auto: never beaten on both', () => {
    fc.assert(
      fc.property(fleet, task, (targets, file) => {
        const perf = placeWith(file, targets, 'performance');
        const cheap = placeWith(file, targets, 'cost-optimized');
        const auto = placeWith(file, targets, 'auto');
        const scores = known(perf);
        if (scores.length === 0) return;
        const of = (r: PlacementResult) => r.scores.find((s) => s.targetId === r.selectedTarget)!;
        expect(of(perf).estimatedMinutes).toBe(Math.min(...scores.map((s) => s.estimatedMinutes!)));
        expect(of(cheap).estimatedCost).toBe(Math.min(...scores.map((s) => s.estimatedCost!)));
        const a = of(auto);
        expect(a.estimatedMinutes).not.toBeNull();
        const beaten = scores.some(
          (s) =>
            s.estimatedMinutes! <= a.estimatedMinutes! &&
            s.estimatedCost! <= a.estimatedCost! &&
            (s.estimatedMinutes! < a.estimatedMinutes! || s.estimatedCost! < a.estimatedCost!),
        );
        expect(beaten, `auto chose ${a.targetId}, beaten on time and cost`).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('every whyNot change, applied and placed again, makes its target win (or, for the winner, lose)', () => {
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(fleet, task, fc.constantFrom(...STRATEGY_NAMES), (targets, file, strategy) => {
        const options = placementOptions.parse({ strategy, discoveryEnabled: false });
        const placed = place(file, targets, options, { requestId: 'p', whyNot: true }) as PlacementResult;
        // compare explains the chosen strategy too, sharing every strategy's choice: the same checks hold.
        const compared = compare(file, targets, options, { requestId: 'c', whyNot: true }).strategies[
          strategy
        ] as PlacementResult;
        for (const result of [placed, compared])
          for (const entry of result.whyNot) {
            for (const flip of entry.flips) {
              const kind = flip.change.path.replace(/^targets\.[^.]+/, 'targets.ID');
              seen.set(kind, (seen.get(kind) ?? 0) + 1);
              const changed = applyChange({ file, targets, options }, flip.change);
              const again = place(changed.file, changed.targets, changed.options, {
                requestId: 'q',
              }) as PlacementResult;
              if (entry.targetId === result.selectedTarget)
                expect(again.selectedTarget, `${flip.message} (${JSON.stringify(flip.change)})`).not.toBe(
                  entry.targetId,
                );
              else
                expect(again.selectedTarget, `${flip.message} (${JSON.stringify(flip.change)})`).toBe(entry.targetId);
            }
          }
      }),
      { numRuns: 300 },
    );
    // Not vacuous: every kind of change was offered, and checked, many times.
    for (const kind of [
      'targets.ID.hourlyRate',
      'targets.ID',
      'options.strategy',
      'task.requirements.maxCost',
      'task.requirements.maxRuntimeMinutes',
      'task.affinity',
      'task.antiAffinity',
    ])
      expect(seen.get(kind) ?? 0, kind).toBeGreaterThan(5);
  });

  it('without an estimate, the same properties hold for whyNot on the same fleets', () => {
    fc.assert(
      fc.property(fleet, fc.constantFrom(...STRATEGY_NAMES), fc.constantFrom(1, 10), (targets, strategy, maxCost) => {
        const checked = checkTaskFile({ task: { name: 'plain', requirements: { maxCost } } });
        if (!checked.ok) throw new Error('bad task');
        const file = checked.value;
        const options = placementOptions.parse({ strategy, discoveryEnabled: false });
        const result = place(file, targets, options, { requestId: 'p', whyNot: true }) as PlacementResult;
        for (const entry of result.whyNot)
          for (const flip of entry.flips) {
            const changed = applyChange({ file, targets, options }, flip.change);
            const again = place(changed.file, changed.targets, changed.options, { requestId: 'q' }) as PlacementResult;
            if (entry.targetId === result.selectedTarget)
              expect(again.selectedTarget, flip.message).not.toBe(entry.targetId);
            else expect(again.selectedTarget, flip.message).toBe(entry.targetId);
          }
      }),
      { numRuns: 200 },
    );
  });
});
