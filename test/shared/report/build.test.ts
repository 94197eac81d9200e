// The report data: built from real engine results, valid against its own schema, summarised right.
import { describe, expect, it } from 'vitest';
import { comparisonReport, historyReport, placementReport, reportData } from '../../../shared/report/index.js';
import { taskOf } from '../inputs.js';
import { comparison, entryOf, gpuTask, history, HOSTILE, used } from './fixtures.js';

describe('report data', () => {
  it('a history report holds every placement, valid against its schema, with a summary', () => {
    const data = historyReport(history(), {}, { warnings: ['history.jsonl line 9: torn'], generatedAt: 'now' });
    expect(reportData.parse(data)).toEqual(data);
    expect(data).toMatchObject({ schemaVersion: 1, kind: 'history', generatedAt: 'now' });
    expect(data.warnings).toEqual(['history.jsonl line 9: torn']);
    expect(data.placements.map((p) => p.id)).toEqual(['d-interrupted', 'c-pipeline', 'b-failed', 'a-placed']);
    expect(data.summary).toMatchObject({ total: 4, placed: 2, failed: 1, interrupted: 1 });
    // cost-optimized puts the GPU task on gpu-box (no hourly rate); the pipeline's nodes land on local and gpu-box.
    expect(data.summary!.perTarget).toEqual([
      { name: 'gpu-box', count: 2 },
      { name: 'local', count: 1 },
    ]);
    expect(data.summary!.perStrategy).toEqual([
      { name: 'auto', count: 3 },
      { name: 'cost-optimized', count: 1 },
    ]);
    // local-only: every remote target misses the mode (an option, not counted), local misses the GPU.
    expect(data.summary!.mostCommonUnmet).toBe('gpu');
    expect(data.summary!.unmetInFailures.map((c) => c.name)).not.toContain('mode');
  });

  it('ranks unmet requirements by failed placements, then by how many targets missed them', () => {
    // One failure: all four targets lack 500 GB of memory, three lack 300 GB of disk, so `memoryGb`
    // leads though `diskGb` sorts first by name; two failures that lack cpu outrank both.
    const big = taskOf({ name: 'big', requirements: { memoryGb: 500, diskGb: 300 } });
    const cpu = taskOf({ name: 'cpu', requirements: { cpu: 10_000 } });
    const one = historyReport([entryOf('x', '2025-01-01T00:00:00.000Z', big)]).summary!;
    expect(one.failed).toBe(1);
    expect(one.unmetInFailures).toEqual([
      { name: 'memoryGb', count: 1 },
      { name: 'diskGb', count: 1 },
    ]);
    expect(one.mostCommonUnmet).toBe('memoryGb');
    const three = historyReport([
      entryOf('x', '2025-01-01T00:00:00.000Z', big),
      entryOf('y', '2025-01-02T00:00:00.000Z', cpu),
      entryOf('z', '2025-01-03T00:00:00.000Z', cpu),
    ]).summary!;
    expect(three.unmetInFailures[0]).toEqual({ name: 'cpu', count: 2 });
  });

  it('shows the task, the options, the targets as used and every score with mismatches in words', () => {
    const p = placementReport(history()[2]!).placements[0]!;
    expect(p).toMatchObject({ taskName: HOSTILE, outcome: 'failed', chosenTarget: null, subject: 'task' });
    expect(p.options).toEqual({
      strategy: 'auto',
      mode: 'local-only',
      fallbackEnabled: true,
      tieBreaker: 'first',
      discoveryEnabled: true,
    });
    expect(p.demands[0]!.requirements).toContainEqual({ key: 'gpu', value: 'nvidia ≥ 8 GB VRAM' });
    expect(p.targets[0]).toMatchObject({ id: 'local', capabilitiesAgeMs: 42_000 });
    expect(p.targets[0]!.capabilities).toContainEqual({ key: 'memory', value: '16 GB' });
    const local = p.decisions[0]!.scores.find((s) => s.targetId === 'local')!;
    expect(local.eligible).toBe(false);
    expect(local.mismatches.map((m) => m.key)).toContain('gpu');
    expect(local.mismatches[0]!.message).toMatch(/needs/);
    expect(p.decisions[0]!.analysis.length).toBeGreaterThan(0);
  });

  it('ranks eligible targets from 1 in the engine’s order; ineligible ones have no rank', () => {
    const d = placementReport(history()[3]!).placements[0]!.decisions[0]!;
    const ranks = d.scores.map((s) => s.rank);
    const eligible = d.scores.filter((s) => s.eligible).length;
    expect(ranks.slice(0, eligible)).toEqual(Array.from({ length: eligible }, (_, i) => i + 1));
    expect(ranks.slice(eligible).every((r) => r === null)).toBe(true);
    expect(d.scores[0]!.targetId).toBe(d.selectedTarget);
  });

  it('filters as history.list does, and keeps the newest N', () => {
    const all = history();
    expect(historyReport(all, { outcome: 'placed' }).placements.map((p) => p.id)).toEqual(['c-pipeline', 'a-placed']);
    expect(historyReport(all, { strategy: 'cost-optimized' }).placements.map((p) => p.id)).toEqual(['a-placed']);
    expect(historyReport(all, { target: 'gpu-box' }).placements.map((p) => p.id)).toEqual(['a-placed']);
    expect(historyReport(all, { taskName: 'pipe' }).placements.map((p) => p.id)).toEqual(['c-pipeline']);
    expect(
      historyReport(all, { since: '2025-03-02T00:00:00.000Z', until: '2025-03-03T23:00:00.000Z' }).placements.map(
        (p) => p.id,
      ),
    ).toEqual(['c-pipeline', 'b-failed']);
    expect(historyReport(all, { limit: 2 }).placements.map((p) => p.id)).toEqual(['d-interrupted', 'c-pipeline']);
  });

  it('an empty history is a valid report with nothing in it', () => {
    const data = historyReport([], {});
    expect(reportData.parse(data).placements).toEqual([]);
    expect(data.summary).toMatchObject({ total: 0, perTarget: [], mostCommonUnmet: null });
  });

  it('reads a lazily parsed entry’s inputs and result once each', () => {
    const plain = entryOf('x', '2025-01-01T00:00:00.000Z', gpuTask('lazy'));
    let reads = 0;
    const lazy = {
      ...plain,
      get inputs() {
        reads++;
        return plain.inputs;
      },
      get result() {
        reads++;
        return plain.result;
      },
    };
    placementReport(lazy);
    expect(reads).toBe(2);
  });

  it('a comparison shows every strategy’s decision on the same inputs', () => {
    const { file, options, compared } = comparison();
    const data = comparisonReport(file, used(), options, compared);
    reportData.parse(data);
    const p = data.placements[0]!;
    expect(p.outcome).toBe('compared');
    expect(p.decisions.map((d) => d.strategy)).toEqual(Object.keys(compared.strategies));
    expect(p.decisions).toHaveLength(5);
    expect(p.chosenTarget).toBe((compared.strategies.auto as { selectedTarget: string }).selectedTarget);
  });
});
