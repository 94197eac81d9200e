// `metrics.get`: the Prometheus text and the same numbers as families, for the Metrics view. The real
// handler table places real tasks; what the view would show is checked against what happened.
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/api/handlers.js';
import { createMetrics } from '../../../electron/api/metrics.js';
import { summariseMetrics } from '../../../renderer/views/metrics/metrics-summary.js';
import { API } from '../../../shared/api/contract.js';
import { placementOptions, target } from '../../../shared/schema/targets.js';
import { tempDir } from '../../temp-dir.js';

const targets = [
  target.parse({ id: 'small', type: 'ssh', host: '10.0.0.1', capabilities: { cpu: 2, memoryGb: 4 } }),
  target.parse({ id: 'big', type: 'cloud', provider: 'aws', hourlyRate: 1, capabilities: { cpu: 32, memoryGb: 128 } }),
];

describe('metrics.get', () => {
  it('answers the text and the families, whose summary counts each placement by strategy, outcome and target', async () => {
    const handlers = await createHandlers({
      dataDir: tempDir('pe-metrics-'),
      targets,
      options: placementOptions.parse({ discoveryEnabled: false }),
      metrics: createMetrics(),
      emit: () => undefined,
    });
    const task = (cpu: number) => ({ task: { task: { name: `needs-${cpu}`, requirements: { cpu } } } });
    await handlers.invoke('placement.place', { ...task(1), options: { strategy: 'cost-optimized' } });
    await handlers.invoke('placement.place', { ...task(16), options: { strategy: 'cost-optimized' } });
    await handlers.invoke('placement.place', { ...task(16), options: { strategy: 'performance' } });
    await handlers.invoke('placement.place', { ...task(1000), options: { strategy: 'performance' } });

    const answer = API['metrics.get'].output.parse(await handlers.invoke('metrics.get', {}));
    expect(answer.text).toContain(
      'placement_explorer_placements_total{strategy="cost-optimized",outcome="placed",target="small"} 1',
    );
    const summary = summariseMetrics(answer.families);
    expect(summary.placements).toEqual({
      total: 4,
      placed: 3,
      failed: 1,
      byStrategy: [
        { strategy: 'cost-optimized', placed: 2, failed: 0 },
        { strategy: 'performance', placed: 1, failed: 1 },
      ],
      byTarget: [
        { target: 'big', count: 2 },
        { target: 'none', count: 1 },
        { target: 'small', count: 1 },
      ],
    });
    expect(summary.decision.count).toBe(4);
    expect(summary.decision.meanMs).toBeGreaterThan(0);
    // A quantile is the bound of the bucket it falls in (the histogram's buckets, in ms).
    expect([0.05, 0.1, 0.5, 1, 5, 20, 100, Infinity]).toContain(summary.decision.p50AtMostMs);
    expect(summary.historyBytes).toBeGreaterThan(0);
    // Discovery is off: nothing was discovered, and the summary says so rather than inventing zeros.
    expect(summary.discovery).toEqual({ count: 0, meanMs: null, p50AtMostMs: null, p99AtMostMs: null });
    expect(summary.discoveryFailures).toEqual({ total: 0, byTarget: [] });
  });

  it('counts failed probes beside the discoveries that succeeded, with their time', async () => {
    const refused = target.parse({ id: 'down', type: 'ssh', host: '127.0.0.1', port: 1, user: 'nobody', probe: true });
    let failed!: () => void;
    const done = new Promise<void>((r) => (failed = r));
    const handlers = await createHandlers({
      dataDir: tempDir('pe-metrics-fail-'),
      targets: [refused],
      options: placementOptions.parse({}),
      metrics: createMetrics(),
      emit: (event, payload) => {
        if (event === 'capabilities.changed' && (payload as { outcome?: string }).outcome === 'probe-failed') failed();
      },
    });
    await handlers.invoke('targets.resolve', {});
    await done;
    const answer = API['metrics.get'].output.parse(await handlers.invoke('metrics.get', {}));
    expect(answer.text).toContain('placement_explorer_discovery_failures_total{target="down"} 1');
    expect(answer.text).toMatch(/placement_explorer_discovery_seconds_count\{target="down",outcome="failed"\} 1/);
    const summary = summariseMetrics(answer.families);
    expect(summary.discovery.count).toBe(1);
    expect(summary.discoveryFailures).toEqual({ total: 1, byTarget: [{ target: 'down', count: 1 }] });
    expect(summary.discoveryByTarget).toEqual([
      { target: 'down', latency: expect.objectContaining({ count: 1 }), failures: 1 },
    ]);
  });
});
