// The compiled fleet and explanations on demand (issue 14): what the engine keeps between
// placements, and what an on-demand result builds only when read.
import { describe, expect, it } from 'vitest';
import { compileFleet } from '../../../shared/engine/fleet.js';
import { LazyResult, LazyScore } from '../../../shared/engine/lazy-score.js';
import { compare, place } from '../../../shared/engine/place.js';
import * as v3 from '../../engine-v3/engine/place.js';
import type { PlacementResult } from '../../../shared/schema/result.js';
import { fleet, optionsOf, run, taskOf, targetsOf } from '../inputs.js';

const onDemand = { ...run, explanations: 'on demand' as const };

describe('the compiled fleet', () => {
  it('is compiled once per list, each distinct value once, checked on the first target that has it', () => {
    const targets = targetsOf(
      { id: 'a', type: 'ssh', host: '10.0.0.1', capabilities: { cpu: 8, memoryGb: 32 } },
      { id: 'b', type: 'ssh', host: '10.0.0.2', capabilities: { cpu: 4, memoryGb: 32 } },
      { id: 'c', type: 'ssh', host: '10.0.0.3', capabilities: { cpu: 8 } },
    );
    const compiled = compileFleet(targets);
    expect(compileFleet(targets)).toBe(compiled);
    expect([...compiled.columns.cpu.ids]).toEqual([0, 1, 0]);
    expect(compiled.columns.cpu.first).toEqual([0, 1]);
    // A quantity left out is a value of its own (unknown), never another target's.
    expect([...compiled.columns.memoryGb.ids]).toEqual([0, 0, 1]);
    expect([...compiled.local]).toEqual([0, 0, 0]);
  });

  it('a list rebuilt around an edited target reads the edit (and places on it)', () => {
    const targets = fleet();
    const task = taskOf({ requirements: { cpu: 2 } });
    const before = place(task, targets, optionsOf({ strategy: 'cost-optimized' }), run) as PlacementResult;
    const cheapest = before.selectedTarget!;
    const dearer = before.scores.find((s) => s.eligible && s.targetId !== cheapest && s.estimatedCost! > 0)!;
    // The second-cheapest made free: a new list, every other target the same object as before.
    const edited = targets.map((t) => (t.id === dearer.targetId ? { ...t, hourlyRate: 0 } : t));
    expect(compileFleet(edited).columns.rate.ids).not.toEqual(compileFleet(targets).columns.rate.ids);
    const after = place(task, edited, optionsOf({ strategy: 'cost-optimized' }), run) as PlacementResult;
    expect(after.scores.find((s) => s.targetId === dearer.targetId)!.estimatedCost).toBe(0);
  });

  it('an edit re-checks only the requirement it changed: the rest come back as the same objects', () => {
    const targets = fleet();
    const first = place(
      taskOf({ requirements: { cpu: 2, memoryGb: 8 } }),
      targets,
      optionsOf(),
      run,
    ) as PlacementResult;
    const second = place(
      taskOf({ requirements: { cpu: 2, memoryGb: 4 } }),
      targets,
      optionsOf(),
      run,
    ) as PlacementResult;
    const cpuOf = (r: PlacementResult, id: string) => r.scores.find((s) => s.targetId === id)!.matches[0]!;
    for (const s of first.scores) {
      expect(cpuOf(first, s.targetId)).toMatchObject({ key: 'cpu', need: 2 });
      expect(cpuOf(second, s.targetId)).toBe(cpuOf(first, s.targetId));
    }
    const memoryOf = (r: PlacementResult) => r.scores.find((s) => s.targetId === 'local')!.matches[1]!;
    expect(memoryOf(second)).not.toBe(memoryOf(first));
    expect(memoryOf(second)).toMatchObject({ key: 'memoryGb', need: 4 });
  });
});

describe('what the engine keeps between placements changes no result', () => {
  // Engine 3 writes one `runtime` mismatch per runtime limit in a placement, the first target's in file
  // order. The same task placed on another fleet, its words read in another order, must still say that.
  const task = taskOf({
    requirements: { gpu: { type: 'nvidia' } },
    estimate: { minutes: 100, on: { gpu: 'A10G' } },
  });
  const box = (id: string, model: string) => ({
    id,
    type: 'ssh' as const,
    host: '10.0.0.9',
    capabilities: { gpus: [{ vendor: 'nvidia' as const, model, count: 1 }], maxRuntimeMinutes: 30 },
  });

  it('on a second fleet, with words read last target first, the same as engine 3 placing it alone', () => {
    const first = targetsOf(box('a', 'T4'), box('b', 'L4'));
    const second = targetsOf(box('c', 'L4'), box('d', 'T4'));
    place(task, first, optionsOf(), onDemand);
    const lazy = place(task, second, optionsOf(), onDemand) as PlacementResult;
    for (const s of [...lazy.scores].reverse()) expect(s.mismatches.length).toBeGreaterThan(0);
    const expected = v3.place(task, second, optionsOf(), run);
    expect(JSON.stringify(lazy, zeroMs)).toBe(JSON.stringify(expected, zeroMs));
    expect(JSON.stringify(place(task, second, optionsOf(), run), zeroMs)).toBe(JSON.stringify(expected, zeroMs));
  });
});

describe('explanations on demand', () => {
  const task = taskOf({
    requirements: { cpu: 2, gpu: true, maxCost: 50 },
    preferences: { memoryGb: 64 },
    affinity: ['gpu-box'],
  });

  it('serialise byte for byte as the full result, for every strategy and for compare', () => {
    for (const strategy of ['auto', 'local-first', 'cloud-first', 'cost-optimized', 'performance'] as const) {
      const options = optionsOf({ strategy });
      const full = place(task, fleet(), options, run);
      const lazy = place(task, fleet(), options, onDemand);
      expect(JSON.stringify(lazy, zeroMs)).toBe(JSON.stringify(full, zeroMs));
    }
    expect(JSON.stringify(compare(task, fleet(), optionsOf(), onDemand), zeroMs)).toBe(
      JSON.stringify(compare(task, fleet(), optionsOf(), run), zeroMs),
    );
  });

  it('keep the ranking as numbers and build a target’s words, breakdown and the analysis when read', () => {
    const lazy = place(task, fleet(), optionsOf(), onDemand) as PlacementResult;
    const full = place(task, fleet(), optionsOf(), run) as PlacementResult;
    expect(lazy).toBeInstanceOf(LazyResult);
    expect(Object.keys(lazy)).not.toContain('analysis');
    expect(lazy.analysis).toEqual(full.analysis);
    lazy.scores.forEach((s, i) => {
      expect(s).toBeInstanceOf(LazyScore);
      const f = full.scores[i]!;
      expect([s.targetId, s.score, s.eligible, s.estimatedCost]).toEqual([
        f.targetId,
        f.score,
        f.eligible,
        f.estimatedCost,
      ]);
      expect(s.matches).toEqual(f.matches);
      expect(s.mismatches).toEqual(f.mismatches);
      expect(s.breakdown).toEqual(f.breakdown);
      // Read twice, the same objects: built once.
      expect(s.matches).toBe(s.matches);
      expect(s.breakdown).toBe(s.breakdown);
    });
  });

  it('a result is read-only: the shared empty lists refuse a write', () => {
    const lazy = place(task, fleet(), optionsOf(), onDemand) as PlacementResult;
    const eligible = lazy.scores.find((s) => s.eligible)!;
    expect(() => eligible.mismatches.push({ key: 'x', need: 1, have: 0, message: 'x' })).toThrow(TypeError);
  });
});

function zeroMs(key: string, value: unknown) {
  return key === 'decisionMs' ? 0 : value;
}
