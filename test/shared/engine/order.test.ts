import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { descendingOrder, rankOrder } from '../../../shared/engine/order.js';

// Scores as the engine makes them: mostly in (0, 1], with ties, zeros of both signs and a few
// negatives and extremes.
const score = fc.oneof(
  fc.constantFrom(0, -0, 1, 0.5, 0.25, Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -1),
  fc.double({ min: -2, max: 2, noNaN: true }),
  fc.integer({ min: 0, max: 8 }).map((n) => n / 8),
  // Scores that differ only in their low 32 bits: the radix sort orders them after its passes.
  fc.integer({ min: 0, max: 8 }).map((n) => 0.75 + n * 2 ** -50),
);

describe('the ranking order without a comparator', () => {
  it('is the stable comparator sort, best first, equal scores in position order', () => {
    fc.assert(
      // Short lists sort by comparator; from 64 scores on, by radix: both are drawn.
      fc.property(
        fc.oneof(fc.array(score, { maxLength: 63 }), fc.array(score, { minLength: 64, maxLength: 400, size: 'max' })),
        (list) => {
          const values = Float64Array.from(list);
          const expected = list.map((_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b);
          expect([...descendingOrder(values)]).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('orders each run of equal scores by the tie-breaker, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(score, fc.integer({ min: 0, max: 5 })), { minLength: 64, maxLength: 300, size: 'max' }),
        (list) => {
          const values = Float64Array.from(list.map(([s]) => s));
          const tie = (a: number, b: number) => list[a]![1] - list[b]![1] || a - b;
          const expected = list.map((_, i) => i).sort((a, b) => values[b]! - values[a]! || tie(a, b));
          expect([...rankOrder(values, tie)]).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("starting from the positions in the tie-breaker's order gives the same order, without the comparator", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(score, fc.integer({ min: 0, max: 5 })), { maxLength: 300, size: 'max' }),
        (list) => {
          const values = Float64Array.from(list.map(([s]) => s));
          const tie = (a: number, b: number) => list[a]![1] - list[b]![1] || a - b;
          const byTie = Int32Array.from(list.map((_, i) => i).sort(tie));
          const expected = list.map((_, i) => i).sort((a, b) => values[b]! - values[a]! || tie(a, b));
          expect([...rankOrder(values, tie, byTie)]).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a NaN (never a score) falls back to the comparator sort rather than a wrong order', () => {
    const values = Float64Array.from([0.5, NaN, 1]);
    const expected = [0, 1, 2].sort((a, b) => values[b]! - values[a]! || a - b);
    expect([...descendingOrder(values)]).toEqual(expected);
  });
});
