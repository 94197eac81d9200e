/** How a score is explained: the named parts of each base score, which add up to it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { place } from '../../../shared/engine/place.js';
import type { PlacementResult } from '../../../shared/schema/result.js';
import { STRATEGY_VALUES, targetsFileArb, taskArb } from './arbitraries.js';
import { parseTargetsFile, parseTask, PROPERTY_RUNS, run } from './oracle.js';
import { fleet, optionsOf, taskOf } from '../inputs.js';

function partsOf(r: PlacementResult, id: string) {
  return r.scores.find((s) => s.targetId === id)!.breakdown!.parts!;
}

describe('score parts', () => {
  it('every eligible score under every strategy is named parts that add up to its base', () => {
    fc.assert(
      fc.property(taskArb, targetsFileArb, fc.constantFrom(...STRATEGY_VALUES), (rawTask, rawTargets, strategy) => {
        const { targets, options } = parseTargetsFile(rawTargets);
        const r = place(parseTask(rawTask), targets, { ...options, strategy }, run) as PlacementResult;
        for (const s of r.scores) {
          if (!s.eligible) continue;
          const b = s.breakdown!;
          expect(b.parts!.length).toBeGreaterThan(1);
          const sum = b.parts!.reduce((a, p) => a + p.value, 0);
          expect(Math.abs(sum - b.base)).toBeLessThan(1e-9);
          for (const p of b.parts!) expect(p.detail.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('auto names locality, the fit of each requested quantity and cost, with their numbers', () => {
    const r = place(taskOf({ requirements: { cpu: 4, memoryGb: 8 } }), fleet(), optionsOf({ mode: 'burst' }), run);
    const parts = partsOf(r as PlacementResult, 'local');
    expect(parts.map((p) => p.name)).toEqual(['start', 'locality', 'fit: cpu', 'fit: memory', 'cost']);
    expect(parts.find((p) => p.name === 'fit: cpu')!.detail).toMatch(/^needs 4 of 8 cores → 0\.5 × 0\.125 × 0\.833$/);
    expect(parts.find((p) => p.name === 'locality')!.detail).toMatch(/the local machine → 1 × 0\.5/);
    expect(parts.find((p) => p.name === 'cost')!.detail).toMatch(
      /\$0\.00 between the cheapest \$0\.00 and the dearest \$/,
    );
  });

  it('a tiered strategy names the tier and why', () => {
    const r = place(taskOf({ requirements: { cpu: 2 } }), fleet(), optionsOf({ strategy: 'cost-optimized' }), run);
    const placed = r as PlacementResult;
    const first = partsOf(placed, placed.selectedTarget!)[0]!;
    expect(first.name).toBe('tier');
    expect(first.detail).toMatch(/cost rank 1 of \d+ \(cheapest first\)/);
  });
});
