import { describe, expect, it } from 'vitest';
import { compare } from '../../../shared/engine/place.js';
import type { CompareResult, PlacementResult } from '../../../shared/schema/result.js';
import {
  leftOutInWords,
  minutesInWords,
  pointInWords,
  timeCostChart,
  type TimeCostResult,
  type TimeCostScore,
} from '../../../shared/report/time-cost.js';
import { optionsOf, targetsOf, taskOf } from '../inputs.js';

type Known = [id: string, minutes: number, cost: number];

const score = ([targetId, estimatedMinutes, estimatedCost]: Known): TimeCostScore => ({
  targetId,
  eligible: true,
  estimatedMinutes,
  estimatedCost,
  estimate: `${estimatedMinutes} min`,
});

function resultsOf(scores: TimeCostScore[], picks: Record<string, string | null>): Record<string, TimeCostResult> {
  return Object.fromEntries(Object.entries(picks).map(([name, selectedTarget]) => [name, { selectedTarget, scores }]));
}

describe('the time × cost picture', () => {
  const points: Known[] = [
    ['slow-free', 120, 0],
    ['fast-dear', 30, 4],
    ['middle', 60, 1],
    ['dominated', 90, 2], // slower and dearer than middle
    ['same-time-dearer', 60, 1.5], // as quick as middle, dearer
    ['same-cost-slower', 150, 0], // as cheap as slow-free, slower
    ['twin', 60, 1], // the same as middle: neither beats the other
  ];

  it('puts on the front exactly the points no other beats on both, ties included', () => {
    const chart = timeCostChart(resultsOf(points.map(score), { auto: 'middle' }))!;
    const front = chart.points.filter((p) => p.front).map((p) => p.id);
    expect(front.sort()).toEqual(['fast-dear', 'middle', 'slow-free', 'twin']);
    expect(chart.frontLine.map((p) => p.minutes)).toEqual([30, 60, 60, 120]);
    // Every point is drawn, by time then cost.
    expect(chart.points.map((p) => p.id)).toEqual([
      'fast-dear',
      'middle',
      'twin',
      'same-time-dearer',
      'dominated',
      'slow-free',
      'same-cost-slower',
    ]);
    expect(chart.unknown).toBe(0);
    expect(chart.leftOut).toBe(0);
  });

  it('agrees with the definition on a random set', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 10;
    const list: Known[] = Array.from({ length: 300 }, (_, i) => [`t${i}`, Math.round(rand()), Math.round(rand())]);
    const chart = timeCostChart(resultsOf(list.map(score), { auto: null }))!;
    for (const p of chart.points) {
      const beaten = chart.points.some(
        (q) => q.minutes <= p.minutes && q.cost <= p.cost && (q.minutes < p.minutes || q.cost < p.cost),
      );
      expect(p.front, p.id).toBe(!beaten);
    }
  });

  it("names each strategy's pick, in the results' order", () => {
    const chart = timeCostChart(
      resultsOf(points.map(score), {
        auto: 'middle',
        'local-first': 'slow-free',
        'cost-optimized': 'slow-free',
        performance: 'fast-dear',
        'cloud-first': null,
      }),
    )!;
    const picks = Object.fromEntries(chart.points.map((p) => [p.id, p.picks]));
    expect(picks['middle']).toEqual(['auto']);
    expect(picks['slow-free']).toEqual(['local-first', 'cost-optimized']);
    expect(picks['fast-dear']).toEqual(['performance']);
    expect(picks['dominated']).toEqual([]);
  });

  it('counts the eligible targets with an unknown estimate, and draws no ineligible one', () => {
    const scores = [
      score(['a', 10, 1]),
      { targetId: 'no-gpu-model', eligible: true, estimatedMinutes: null, estimatedCost: null, estimate: 'unknown: x' },
      // Free, so its cost is known; its time is not.
      { targetId: 'free-unknown', eligible: true, estimatedMinutes: null, estimatedCost: 0, estimate: 'unknown: y' },
      { targetId: 'out', eligible: false, estimatedMinutes: 5, estimatedCost: 0.1, estimate: '5 min' },
    ];
    const chart = timeCostChart(resultsOf(scores, { auto: 'a' }))!;
    expect(chart.points.map((p) => p.id)).toEqual(['a']);
    expect(chart.unknown).toBe(2);
    expect(leftOutInWords(chart)).toBe('2 targets with an unknown estimate are not drawn.');
  });

  it('is null when the task states no estimate', () => {
    const scores = [{ targetId: 'a', eligible: true, estimatedMinutes: null, estimatedCost: 2, estimate: null }];
    expect(timeCostChart(resultsOf(scores, { auto: 'a' }))).toBeNull();
    expect(timeCostChart({})).toBeNull();
  });

  it('from the engine: a task with an estimate on cores, and without', () => {
    const targets = targetsOf(
      { id: 'local', type: 'local', capabilities: { cpu: 8, memoryGb: 16 } },
      { id: 'big', type: 'cloud', provider: 'aws', hourlyRate: 2, capabilities: { cpu: 16, memoryGb: 64 } },
      { id: 'unsaid', type: 'cloud', provider: 'aws', hourlyRate: 1, capabilities: { memoryGb: 64 } },
    );
    const estimate = { minutes: 120, on: { cpu: 8 } };
    const withIt = compare(taskOf({ requirements: { memoryGb: 8 }, estimate }), targets, optionsOf(), run);
    const chart = timeCostChart(tasks(withIt))!;
    expect(chart.points.map((p) => [p.id, p.minutes, p.cost, p.front])).toEqual([
      ['big', 60, 2, true],
      ['local', 120, 0, true],
    ]);
    expect(chart.points.find((p) => p.id === 'big')!.picks).toContain('performance');
    expect(chart.points.find((p) => p.id === 'local')!.picks).toContain('cost-optimized');
    expect(chart.unknown).toBe(1);
    const without = compare(taskOf({ requirements: { memoryGb: 8 } }), targets, optionsOf(), run);
    expect(timeCostChart(tasks(without))).toBeNull();
  });

  it('with 10,000 targets keeps the front, the picks and an even sample, and says how many it left out', () => {
    const list: Known[] = [];
    for (let i = 0; i < 10_000; i++) {
      // A front of 100 points on a curve (t0 the quickest); every other point slower and dearer than t0.
      if (i < 100) list.push([`t${i}`, 10 + i * 10, 1000 / (10 + i * 10)]);
      else list.push([`t${i}`, 10.5 + (i % 1000), 200 + (i % 7)]);
    }
    list.push(['picked-deep', 500, 500]);
    const results = resultsOf(list.map(score), { auto: 'picked-deep', performance: 't0' });
    const t0 = performance.now();
    const chart = timeCostChart(results)!;
    const ms = performance.now() - t0;
    expect(chart.points.length).toBe(500);
    expect(chart.leftOut).toBe(10_001 - 500);
    const ids = new Set(chart.points.map((p) => p.id));
    // The front is every point of the full set that nothing beats.
    const full = timeCostChart(results, Infinity)!;
    const front = full.points.filter((p) => p.front).map((p) => p.id);
    expect(front.length).toBe(100);
    for (const id of front) expect(ids.has(id), id).toBe(true);
    expect(chart.frontLine.map((p) => p.id)).toEqual(full.frontLine.map((p) => p.id));
    expect(ids.has('picked-deep')).toBe(true);
    expect(ids.has('t0')).toBe(true);
    // Deterministic: the same sample every time.
    expect(timeCostChart(results)!.points.map((p) => p.id)).toEqual(chart.points.map((p) => p.id));
    expect(leftOutInWords(chart)).toMatch(/^9501 points off the front and picked by no strategy are left out/);
    expect(ms).toBeLessThan(200);
  });
});

describe('time and cost in words', () => {
  it('writes minutes with one decimal under ten, whole above, and unknown', () => {
    expect(minutesInWords(7.46)).toBe('7.5 min');
    expect(minutesInWords(72.4)).toBe('72 min');
    expect(minutesInWords(null)).toBe('unknown');
    expect(minutesInWords(NaN)).toBe('unknown');
  });

  it('says a point whole', () => {
    expect(pointInWords({ id: 'gpu-a', minutes: 72, cost: 2.414, front: true, picks: ['auto', 'performance'] })).toBe(
      'gpu-a: 72 min, $2.41, on the front, picked by auto, performance',
    );
    expect(pointInWords({ id: 'b', minutes: 90, cost: 3, front: false, picks: [] })).toBe('b: 90 min, $3.00');
  });
});

const run = { requestId: 'r' };
const tasks = (c: CompareResult) => c.strategies as Record<string, PlacementResult>;
