import { describe, expect, it } from 'vitest';
import { compare } from '../../shared/engine/place';
import { checkTaskFile } from '../../shared/files/parse';
import { placementOptions, target } from '../../shared/schema/targets';
import {
  buildRows,
  chartTitle,
  countLine,
  sortRows,
  strategyResults,
  topRows,
} from '../../renderer/views/compare/matrix-rows';

const targets = [
  { id: 'local', type: 'local', capabilities: { cpu: 2, memoryGb: 8 } },
  { id: 'big', type: 'ssh', host: 'big', capabilities: { cpu: 64, memoryGb: 256 } },
  { id: 'cloud', type: 'cloud', provider: 'aws', hourlyRate: 2, capabilities: { cpu: 16, memoryGb: 64 } },
].map((t) => target.parse(t));

function compared(file: unknown, list = targets) {
  const checked = checkTaskFile(file);
  if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
  return compare(checked.value, list, placementOptions.parse({}), { requestId: 'r' });
}

describe('the matrix rows', () => {
  const task = { task: { name: 't', requirements: { cpu: 4 } } };

  it('hold one row per target in file order, a cell per strategy, the winners and the reasons', () => {
    const results = strategyResults(compared(task), 0)!;
    const rows = buildRows(targets, results, null);
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

  it('sorts by a strategy (best first) or by the file, and charts the best eligible ones', () => {
    const rows = buildRows(targets, strategyResults(compared(task), 0)!, null);
    const byCloud = sortRows(rows, 'cloud-first').map((r) => r.id);
    expect(byCloud[0]).toBe('cloud');
    expect(byCloud[2]).toBe('local');
    expect(sortRows(rows, 'file').map((r) => r.id)).toEqual(['local', 'big', 'cloud']);
    expect(topRows(rows, 1).map((r) => r.id)).toHaveLength(1);
    expect(topRows(rows, 10).map((r) => r.id)).not.toContain('local');
  });

  it('lays the pinned result beside the live one, a target new since marked as such', () => {
    const before = strategyResults(compared(task, targets.slice(0, 2)), 0)!;
    const after = strategyResults(compared({ task: { name: 't', requirements: { cpu: 1 } } }), 0)!;
    const rows = buildRows(targets, after, before);
    expect(rows.find((r) => r.id === 'cloud')!.pinned).toBe('new');
    const local = rows.find((r) => r.id === 'local')!;
    expect(Array.isArray(local.pinned) && local.pinned[0]!.eligible).toBe(false);
    expect(local.cells[0]!.eligible).toBe(true);
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
    const huge = buildRows(targets, strategyResults(result, 1)!, null);
    expect(huge.filter((r) => r.eligible).map((r) => r.id)).toEqual(['big']);
    expect(strategyResults(result, 5)).toBeNull();
  });
});

describe('the words around the matrix', () => {
  it('counts targets in the singular and the plural', () => {
    const task = { task: { name: 't', requirements: { cpu: 4 } } };
    const alone = targets.slice(0, 1);
    const one = buildRows(alone, strategyResults(compared(task, alone), 0)!, null);
    expect(countLine(one)).toBe('1 target · 0 eligible');
    const all = buildRows(targets, strategyResults(compared(task), 0)!, null);
    expect(countLine(all)).toBe('3 targets · 2 eligible');
  });

  it('titles the chart by what it shows', () => {
    expect(chartTitle(0, 20)).toBe('Scores per strategy');
    expect(chartTitle(1, 20)).toBe('Scores of the one eligible target');
    expect(chartTitle(3, 20)).toBe('Scores of the 3 eligible targets');
    expect(chartTitle(25, 20)).toBe('Scores of the top 20 of 25 eligible targets');
  });
});
