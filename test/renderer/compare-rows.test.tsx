import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare } from '../../shared/engine/place';
import { checkTaskFile } from '../../shared/files/parse';
import { placementOptions, target } from '../../shared/schema/targets';
import {
  buildMatrix,
  chartTitle,
  countLine,
  sortRows,
  strategyResults,
  topRows,
  type RowList,
  type StrategyResults,
} from '../../renderer/views/compare/matrix-rows';
import type { PlacementResult, TargetScore } from '../../shared/schema/result';
import { STRATEGY_NAMES } from '../../shared/strategies/registry';
import { makeFleet } from '../../bench/fleet';

const targets = [
  { id: 'local', type: 'local', capabilities: { cpu: 2, memoryGb: 8 } },
  { id: 'big', type: 'ssh', host: 'big', capabilities: { cpu: 64, memoryGb: 256 } },
  { id: 'cloud', type: 'cloud', provider: 'aws', hourlyRate: 2, capabilities: { cpu: 16, memoryGb: 64 } },
].map((t) => target.parse(t));

/** Every row of a list, built. */
const all = (list: RowList) => Array.from({ length: list.length }, (_, i) => list.at(i));

function compared(file: unknown, list = targets) {
  const checked = checkTaskFile(file);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return compare(checked.value, list, placementOptions.parse({}), { requestId: 'r' });
}

describe('the matrix rows', () => {
  const task = { task: { name: 't', requirements: { cpu: 4 } } };

  it('hold one row per target in file order, a cell per strategy, the winners and the reasons', () => {
    const results = strategyResults(compared(task), 0)!;
    const rows = all(buildMatrix(targets, results, null));
    expect(rows.map((r) => r.id)).toEqual(['local', 'big', 'cloud']);
    expect(rows[0]).toMatchObject({ eligible: false, why: [expect.stringMatching(/^cpu: needs 4/)], pinned: null });
    expect(rows[1]!.cells).toHaveLength(5);
    // Every strategy has one winner, and it is the target ranked first.
    for (let k = 0; k < 5; k++) {
      const winners = rows.filter((r) => r.cells[k]!.winner);
      expect(winners).toHaveLength(1);
      expect(winners[0]!.cells[k]!.rank).toBe(1);
    }
  });

  it('lays out on-demand results by their places, and finds each by id in any other list of the same targets', () => {
    const checked = checkTaskFile(task);
    if (!checked.ok) throw new Error('bad task');
    const onDemand = compare(checked.value, targets, placementOptions.parse({}), {
      requestId: 'r',
      explanations: 'on demand',
    });
    const full = all(buildMatrix(targets, strategyResults(compared(task), 0)!, null));
    const plain = (rows: ReturnType<typeof all>) =>
      rows.map((r) => ({ id: r.id, eligible: r.eligible, cells: r.cells?.map((c) => [c.score, c.rank, c.winner]) }));
    // The list ranked, and a list in another order (its places differ from the ranking's).
    expect(plain(all(buildMatrix(targets, strategyResults(onDemand, 0)!, null)))).toEqual(plain(full));
    const reversed = [...targets].reverse();
    const rows = all(buildMatrix(reversed, strategyResults(onDemand, 0)!, null));
    expect(rows.map((r) => r.id)).toEqual(['cloud', 'big', 'local']);
    expect(plain(rows)).toEqual(plain(full).reverse());
  });

  it('sorts by a strategy (best first) or by the file, and charts the best eligible ones', () => {
    const matrix = buildMatrix(targets, strategyResults(compared(task), 0)!, null);
    const byCloud = all(sortRows(matrix, 'cloud-first')).map((r) => r.id);
    expect(byCloud[0]).toBe('cloud');
    expect(byCloud[2]).toBe('local');
    expect(sortRows(matrix, 'cloud-first').indexOf('local')).toBe(2);
    expect(all(sortRows(matrix, 'file')).map((r) => r.id)).toEqual(['local', 'big', 'cloud']);
    expect(topRows(matrix, 1).map((r) => r.id)).toHaveLength(1);
    expect(topRows(matrix, 10).map((r) => r.id)).not.toContain('local');
  });

  it('lays the pinned result beside the live one, a target new since marked as such', () => {
    const before = strategyResults(compared(task, targets.slice(0, 2)), 0)!;
    const after = strategyResults(compared({ task: { name: 't', requirements: { cpu: 1 } } }), 0)!;
    const rows = all(buildMatrix(targets, after, before));
    expect(rows.find((r) => r.id === 'cloud')!.pinned).toBe('new');
    const local = rows.find((r) => r.id === 'local')!;
    expect(Array.isArray(local.pinned) && local.pinned[0]!.eligible).toBe(false);
    expect(local.cells[0]!.eligible).toBe(true);
  });

  it("reads no target's words until its row is read", () => {
    let reads = 0;
    const counted = (s: TargetScore): TargetScore => ({
      targetId: s.targetId,
      targetType: s.targetType,
      score: s.score,
      eligible: s.eligible,
      estimatedCost: s.estimatedCost,
      estimatedMinutes: s.estimatedMinutes,
      estimate: s.estimate,
      get matches() {
        reads++;
        return s.matches;
      },
      get mismatches() {
        reads++;
        return s.mismatches;
      },
      get breakdown() {
        reads++;
        return s.breakdown;
      },
    });
    const results = strategyResults(compared(task), 0)!;
    const watched = Object.fromEntries(
      Object.entries(results).map(([name, r]) => [name, { ...r, scores: r.scores.map(counted) }]),
    ) as StrategyResults;
    const matrix = buildMatrix(targets, watched, null);
    const sorted = sortRows(matrix, 'cloud-first');
    expect(countLine(matrix)).toBe('3 targets · 2 eligible');
    expect(sorted.indexOf('local')).toBe(2);
    expect(topRows(matrix, 0)).toEqual([]);
    expect(reads).toBe(0);
    expect(matrix.at(0).why).toEqual([expect.stringMatching(/^cpu: needs 4/)]);
    expect(reads).toBeGreaterThan(0);
  });

  it("lays out the engine's ranking arrays as it lays out its score objects, at catalog scale", () => {
    const fleet = makeFleet(600, 7);
    const checked = checkTaskFile({
      task: { name: 'gpu', requirements: { cpu: 4, memoryGb: 16, gpu: { type: 'nvidia', minVram: 8 } } },
    });
    if (!checked.ok) throw new Error('bad task');
    for (const tieBreaker of ['first', 'cheapest', 'id'] as const) {
      const onDemand = compare(checked.value, fleet, placementOptions.parse({ tieBreaker }), {
        requestId: 'r',
        explanations: 'on demand',
      });
      const viaRanking = strategyResults(onDemand, 0)!;
      // The same results as plain objects: no ranking arrays, each score read from its object.
      const viaObjects = Object.fromEntries(
        STRATEGY_NAMES.map((name) => {
          const r = viaRanking[name];
          return [name, { scores: [...r.scores], selectedTarget: r.selectedTarget }];
        }),
      ) as unknown as StrategyResults;
      const a = buildMatrix(fleet, viaRanking, null);
      const b = buildMatrix(fleet, viaObjects, null);
      expect(a.length).toBe(fleet.length);
      expect([a.length, a.eligible]).toEqual([b.length, b.eligible]);
      for (let i = 0; i < a.length; i++) {
        expect(a.isEligible(i)).toBe(b.isEligible(i));
        for (let k = 0; k < STRATEGY_NAMES.length; k++) expect(a.score(i, k)).toBe(b.score(i, k));
      }
      STRATEGY_NAMES.forEach((name, k) => {
        expect([...a.byScore(k)]).toEqual([...b.byScore(k)]);
        const sorted = sortRows(a, name);
        expect(Array.from({ length: 20 }, (_, i) => sorted.idAt(i))).toEqual(
          Array.from({ length: 20 }, (_, i) => sortRows(b, name).idAt(i)),
        );
      });
      expect(topRows(a, 20).map((r) => r.id)).toEqual(topRows(b, 20).map((r) => r.id));
    }
  });

  it("sorts by a strategy's score as a full sort would, whatever order its ranking breaks ties in", () => {
    // Per target: its score under each strategy (null: ineligible), and a tie-breaker's key.
    const fleet = fc.array(
      fc.record({
        scores: fc.option(fc.array(fc.constantFrom(-0.05, 0, 0.25, 0.5, 1), { minLength: 5, maxLength: 5 })),
        tie: fc.nat(3),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(fleet, (drawn) => {
        const list = drawn.map((_, i) => target.parse({ id: `t${i}`, type: 'ssh', host: `h${i}` }));
        const score = (i: number, k: number): TargetScore => ({
          targetId: `t${i}`,
          targetType: 'ssh',
          score: drawn[i]!.scores?.[k] ?? 0,
          eligible: drawn[i]!.scores !== null,
          estimatedCost: 0,
          estimatedMinutes: null,
          estimate: null,
          matches: [],
          mismatches: [],
          breakdown: null,
        });
        const indices = drawn.map((_, i) => i);
        // As the engine ranks: eligible by score, ties by the tie-breaker; then the rest in file order.
        const results = Object.fromEntries(
          STRATEGY_NAMES.map((name, k) => {
            const eligible = indices
              .filter((i) => drawn[i]!.scores !== null)
              .sort((a, b) => score(b, k).score - score(a, k).score || drawn[a]!.tie - drawn[b]!.tie);
            const rest = indices.filter((i) => drawn[i]!.scores === null);
            const scores = [...eligible, ...rest].map((i) => score(i, k));
            return [name, { scores, selectedTarget: scores[0]?.eligible ? scores[0].targetId : null }];
          }),
        ) as unknown as Record<string, PlacementResult>;
        const matrix = buildMatrix(list, results as StrategyResults, null);
        STRATEGY_NAMES.forEach((name, k) => {
          const expected = [...indices].sort((a, b) => score(b, k).score - score(a, k).score || a - b);
          const sorted = sortRows(matrix, name);
          expect(Array.from({ length: sorted.length }, (_, i) => sorted.idAt(i))).toEqual(expected.map((i) => `t${i}`));
        });
      }),
    );
  });

  it('shows one node of a pipeline at a time', () => {
    const pipeline = {
      pipeline: {
        name: 'p',
        nodes: [
          { id: 'small', requirements: { cpu: 1 } },
          { id: 'huge', requirements: { cpu: 32 } },
        ],
      },
    };
    const result = compared(pipeline);
    const huge = all(buildMatrix(targets, strategyResults(result, 1)!, null));
    expect(huge.filter((r) => r.eligible).map((r) => r.id)).toEqual(['big']);
    expect(strategyResults(result, 5)).toBeNull();
  });
});

describe('the words around the matrix', () => {
  it('counts targets in the singular and the plural', () => {
    const task = { task: { name: 't', requirements: { cpu: 4 } } };
    const alone = targets.slice(0, 1);
    const one = buildMatrix(alone, strategyResults(compared(task, alone), 0)!, null);
    expect(countLine(one)).toBe('1 target · 0 eligible');
    const every = buildMatrix(targets, strategyResults(compared(task), 0)!, null);
    expect(countLine(every)).toBe('3 targets · 2 eligible');
  });

  it('titles the chart by what it shows', () => {
    expect(chartTitle(0, 20)).toBe('Scores per strategy');
    expect(chartTitle(1, 20)).toBe('Scores of the one eligible target');
    expect(chartTitle(3, 20)).toBe('Scores of the 3 eligible targets');
    expect(chartTitle(25, 20)).toBe('Scores of the top 20 of 25 eligible targets');
  });
});
