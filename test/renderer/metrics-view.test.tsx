// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MetricFamily } from '../../shared/api/contract';
import { ApiProvider } from '../../renderer/api/context';
import { formatBytes, formatMs, latencyOf } from '../../renderer/views/metrics/metrics-summary';
import MetricsView from '../../renderer/views/metrics/MetricsView';
import { fakeApi } from './fake-api';

/** A histogram family (seconds) with the given cumulative counts per bound. */
function histogram(name: string, buckets: [string, number][], sum: number, labels: Record<string, string> = {}) {
  const total = buckets.at(-1)![1];
  return {
    name,
    help: '',
    type: 'histogram' as const,
    samples: [
      ...buckets.map(([le, value]) => ({ name: `${name}_bucket`, labels: { ...labels, le }, value })),
      { name: `${name}_sum`, labels, value: sum },
      { name: `${name}_count`, labels, value: total },
    ],
  };
}

const placements = (rows: [string, string, string, number][]): MetricFamily => ({
  name: 'placement_explorer_placements_total',
  help: '',
  type: 'counter',
  samples: rows.map(([strategy, outcome, target, value]) => ({
    name: 'placement_explorer_placements_total',
    labels: { strategy, outcome, target },
    value,
  })),
});

afterEach(cleanup);

describe('latency from a histogram', () => {
  it('gives the mean, and each quantile as the bound of the bucket it falls in', () => {
    const h = histogram(
      'd',
      [
        ['0.001', 6],
        ['0.01', 9],
        ['+Inf', 10],
      ],
      0.05,
    );
    expect(latencyOf(h)).toEqual({ count: 10, meanMs: 5, p50AtMostMs: 1, p99AtMostMs: Infinity });
  });

  it('sums the series its labels select, and says nothing of no observations', () => {
    const a = histogram(
      'd',
      [
        ['0.1', 1],
        ['+Inf', 1],
      ],
      0.08,
      { target: 'a' },
    );
    const b = histogram(
      'd',
      [
        ['0.1', 0],
        ['+Inf', 3],
      ],
      3,
      { target: 'b' },
    );
    const both = { ...a, samples: [...a.samples, ...b.samples] };
    expect(latencyOf(both, (l) => l['target'] === 'b')).toMatchObject({
      count: 3,
      meanMs: 1000,
      p50AtMostMs: Infinity,
    });
    expect(latencyOf(both).count).toBe(4);
    expect(latencyOf(undefined)).toEqual({ count: 0, meanMs: null, p50AtMostMs: null, p99AtMostMs: null });
  });

  it('writes times and sizes for people', () => {
    expect([
      formatMs(0.05),
      formatMs(2.25),
      formatMs(12.4),
      formatMs(1500),
      formatMs(null),
      formatMs(Infinity),
    ]).toEqual(['0.05 ms', '2.3 ms', '12 ms', '1.5 s', '—', 'more than the largest bucket']);
    // Decimal units, as GB is 10^9 everywhere in the app; one decimal from kB up.
    expect([formatBytes(812), formatBytes(4200), formatBytes(236_000_000)]).toEqual(['812 B', '4.2 kB', '236.0 MB']);
  });
});

describe('the Metrics view', () => {
  it('shows placements by strategy and target, and reads the metrics again after a placement', async () => {
    let families: MetricFamily[] = [placements([['auto', 'placed', 'gpu-box', 2]])];
    const { api, calls, emit } = fakeApi({
      'metrics.get': async () => ({ text: '# the text\n', families }),
    });
    render(
      <ApiProvider api={api}>
        <MetricsView />
      </ApiProvider>,
    );
    await screen.findByText('2 placements: 2 placed, 0 failed');
    const byStrategy = screen.getByRole('table', { name: 'Placements by strategy' });
    expect(within(byStrategy).getByRole('row', { name: 'auto 2 0' })).toBeTruthy();

    families = [
      placements([
        ['auto', 'placed', 'gpu-box', 2],
        ['performance', 'failed', 'none', 1],
      ]),
    ];
    await act(async () => emit('placement.failed', {}));
    await screen.findByText('3 placements: 2 placed, 1 failed');
    const byTarget = screen.getByRole('table', { name: 'Placements by target' });
    expect(within(byTarget).getByRole('row', { name: 'none (failed) 1' })).toBeTruthy();
    expect(calls.filter(([m]) => m === 'metrics.get')).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(calls.filter(([m]) => m === 'metrics.get')).toHaveLength(3));
    expect(screen.getByLabelText('Prometheus text').textContent).toBe('# the text\n');
  });

  it('with no placement yet, says how to make one; a failed read says why', async () => {
    const { api } = fakeApi({ 'metrics.get': async () => ({ text: '', families: [] }) });
    render(
      <ApiProvider api={api}>
        <MetricsView />
      </ApiProvider>,
    );
    await screen.findByText(/None since the server started \(earlier ones are in/);
    cleanup();
    const failing = fakeApi({ 'metrics.get': async () => Promise.reject(new Error('connection lost')) });
    render(
      <ApiProvider api={failing.api}>
        <MetricsView />
      </ApiProvider>,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Could not read the metrics: connection lost');
  });
});
