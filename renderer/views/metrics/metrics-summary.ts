import type { MetricFamily } from '../../../shared/api/contract';

// The families electron/api/metrics.ts registers.
const PLACEMENTS = 'placement_explorer_placements_total';
const DECISION = 'placement_explorer_decision_seconds';
const DISCOVERY = 'placement_explorer_discovery_seconds';
const DISCOVERY_FAILURES = 'placement_explorer_discovery_failures_total';
const CACHE = 'placement_explorer_capability_cache_total';
const HISTORY = 'placement_explorer_history_bytes';

export interface Latency {
  count: number;
  meanMs: number | null;
  /** The upper bound of the bucket the median falls in (ms); null when there are no observations. */
  p50AtMostMs: number | null;
  /** As p50, for the 99th percentile; `Infinity` when it is above the largest bucket. */
  p99AtMostMs: number | null;
}

export interface MetricsSummary {
  placements: {
    total: number;
    placed: number;
    failed: number;
    /** Per strategy, most placements first. */
    byStrategy: { strategy: string; placed: number; failed: number }[];
    /** Per selected target (`none` for a failed placement, `pipeline` for a pipeline), most first. */
    byTarget: { target: string; count: number }[];
  };
  decision: Latency;
  /** All discoveries together (failed ones included, for the time they took), then per target. */
  discovery: Latency;
  discoveryByTarget: { target: string; latency: Latency; failures: number }[];
  /** Discoveries that failed (an unreachable host, a probe that timed out), in all and per target. */
  discoveryFailures: { total: number; byTarget: { target: string; count: number }[] };
  cache: { hits: number; misses: number; hitRate: number | null };
  historyBytes: number | null;
}

const family = (families: readonly MetricFamily[], name: string) => families.find((f) => f.name === name);

function descending<T>(items: T[], key: (t: T) => number, name: (t: T) => string): T[] {
  return items.sort((a, b) => key(b) - key(a) || name(a).localeCompare(name(b)));
}

/**
 * Latency from a Prometheus histogram's samples (seconds), optionally only those whose labels
 * match. Quantiles are bucket bounds, as honest as a histogram allows: "at most X".
 */
export function latencyOf(
  f: MetricFamily | undefined,
  match: (labels: Record<string, string>) => boolean = () => true,
): Latency {
  const samples = (f?.samples ?? []).filter((s) => match(s.labels));
  const sum = samples.filter((s) => s.name.endsWith('_sum')).reduce((n, s) => n + s.value, 0);
  const count = samples.filter((s) => s.name.endsWith('_count')).reduce((n, s) => n + s.value, 0);
  // Cumulative counts per upper bound, summed over the series the labels select.
  const buckets = new Map<number, number>();
  for (const s of samples.filter((x) => x.name.endsWith('_bucket'))) {
    const le = s.labels['le'] === '+Inf' ? Infinity : Number(s.labels['le']);
    buckets.set(le, (buckets.get(le) ?? 0) + s.value);
  }
  const bounds = [...buckets.entries()].sort((a, b) => a[0] - b[0]);
  const atMost = (q: number) => {
    if (count === 0) return null;
    const found = bounds.find(([, cumulative]) => cumulative >= q * count);
    return found ? found[0] * 1000 : Infinity;
  };
  return {
    count,
    meanMs: count === 0 ? null : (sum / count) * 1000,
    p50AtMostMs: atMost(0.5),
    p99AtMostMs: atMost(0.99),
  };
}

/** What the Metrics view shows, from `metrics.get`'s families. */
export function summariseMetrics(families: readonly MetricFamily[]): MetricsSummary {
  const strategies = new Map<string, { strategy: string; placed: number; failed: number }>();
  const targets = new Map<string, number>();
  for (const s of family(families, PLACEMENTS)?.samples ?? []) {
    const strategy = s.labels['strategy'] ?? '?';
    const row = strategies.get(strategy) ?? { strategy, placed: 0, failed: 0 };
    if (s.labels['outcome'] === 'placed') row.placed += s.value;
    else row.failed += s.value;
    strategies.set(strategy, row);
    const target = s.labels['target'] ?? 'none';
    targets.set(target, (targets.get(target) ?? 0) + s.value);
  }
  const byStrategy = descending(
    [...strategies.values()],
    (r) => r.placed + r.failed,
    (r) => r.strategy,
  );
  const placed = byStrategy.reduce((n, r) => n + r.placed, 0);
  const failed = byStrategy.reduce((n, r) => n + r.failed, 0);

  const discovery = family(families, DISCOVERY);
  const discovered = new Set((discovery?.samples ?? []).map((s) => s.labels['target']).filter((t) => t !== undefined));
  const failures = new Map<string, number>();
  for (const s of family(families, DISCOVERY_FAILURES)?.samples ?? [])
    if (s.value > 0) failures.set(s.labels['target'] ?? '?', (failures.get(s.labels['target'] ?? '?') ?? 0) + s.value);

  const cache = family(families, CACHE)?.samples ?? [];
  const hits = cache.find((s) => s.labels['result'] === 'hit')?.value ?? 0;
  const misses = cache.find((s) => s.labels['result'] === 'miss')?.value ?? 0;
  const history = family(families, HISTORY)?.samples[0]?.value;

  return {
    placements: {
      total: placed + failed,
      placed,
      failed,
      byStrategy,
      byTarget: descending(
        [...targets.entries()].map(([target, count]) => ({ target, count })),
        (r) => r.count,
        (r) => r.target,
      ),
    },
    decision: latencyOf(family(families, DECISION)),
    discovery: latencyOf(discovery),
    discoveryByTarget: [...discovered].sort().map((target) => ({
      target,
      latency: latencyOf(discovery, (l) => l['target'] === target),
      failures: failures.get(target) ?? 0,
    })),
    discoveryFailures: {
      total: [...failures.values()].reduce((n, v) => n + v, 0),
      byTarget: descending(
        [...failures].map(([target, count]) => ({ target, count })),
        (r) => r.count,
        (r) => r.target,
      ),
    },
    cache: { hits, misses, hitRate: hits + misses === 0 ? null : hits / (hits + misses) },
    historyBytes: history ?? null,
  };
}

/** A latency in words: `0.05 ms`, `12 ms`, `1.2 s`. */
export function formatMs(ms: number | null): string {
  if (ms === null) return '—';
  if (!Number.isFinite(ms)) return 'more than the largest bucket';
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  if (ms >= 1) return `${ms.toFixed(1)} ms`;
  return `${Number(ms.toPrecision(2))} ms`;
}

/** A size in words (the app's one byte format): `812 B`, `4.2 kB`, `247.5 MB`. */
export { formatBytes } from '../../format/number';
