import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import * as z from 'zod';
import type { MetricFamily } from '../../shared/api/contract.js';
import type { PipelineResult, PlacementResult } from '../../shared/schema/result.js';

const METRIC_TYPES = z.enum(['counter', 'gauge', 'histogram', 'summary']);

/** The app's Prometheus registry: placements, decision and discovery latency, cache use, history size. */
export function createMetrics() {
  const registry = new Registry();
  const placements = new Counter({
    name: 'placement_explorer_placements_total',
    help: 'Placements made, by strategy, outcome and selected target',
    labelNames: ['strategy', 'outcome', 'target'] as const,
    registers: [registry],
  });
  const decision = new Histogram({
    name: 'placement_explorer_decision_seconds',
    help: 'Time the engine took to decide one placement',
    buckets: [0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.02, 0.1],
    registers: [registry],
  });
  const discovery = new Histogram({
    name: 'placement_explorer_discovery_seconds',
    help: 'Time one discovery took (local or a probe), by target and outcome (ok or failed)',
    labelNames: ['target', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 30],
    registers: [registry],
  });
  const discoveryFailures = new Counter({
    name: 'placement_explorer_discovery_failures_total',
    help: 'Discoveries that failed (an unreachable host, a refused key, a probe that timed out), by target',
    labelNames: ['target'] as const,
    registers: [registry],
  });
  const cache = new Gauge({
    name: 'placement_explorer_capability_cache_total',
    help: 'Capability cache hits and misses since start',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const historyBytes = new Gauge({
    name: 'placement_explorer_history_bytes',
    help: 'Size of the history log',
    registers: [registry],
  });
  return {
    registry,
    placed(result: PlacementResult | PipelineResult) {
      const target = 'nodes' in result ? 'pipeline' : (result.selectedTarget ?? 'none');
      placements.inc({ strategy: result.strategy, outcome: result.success ? 'placed' : 'failed', target });
      decision.observe(result.decisionMs / 1000);
    },
    /** One discovery made, successful or failed: its time, and a failure counted. */
    discovered(target: string, ms: number, outcome: 'ok' | 'failed' = 'ok') {
      discovery.observe({ target, outcome }, ms / 1000);
      if (outcome === 'failed') discoveryFailures.inc({ target });
    },
    cacheStats(stats: { hits: number; misses: number }) {
      cache.set({ result: 'hit' }, stats.hits);
      cache.set({ result: 'miss' }, stats.misses);
    },
    historySize(bytes: number) {
      historyBytes.set(bytes);
    },
    text: () => registry.metrics(),
    /** The registry's families with plain string labels, as `metrics.get` answers them. */
    async families(): Promise<MetricFamily[]> {
      // prom-client's typings declare `type` a numeric enum and leave out `metricName`; at run time
      // `type` is the Prometheus type's name and a histogram's samples carry their own names.
      const json = await registry.getMetricsAsJSON();
      return json.map((f) => ({
        name: f.name,
        help: f.help,
        type: METRIC_TYPES.parse(String(f.type)),
        samples: f.values.map((v: { metricName?: string; labels: object; value: number }) => ({
          name: v.metricName ?? f.name,
          labels: Object.fromEntries(Object.entries(v.labels).map(([k, l]) => [k, String(l)])),
          value: v.value,
        })),
      }));
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
