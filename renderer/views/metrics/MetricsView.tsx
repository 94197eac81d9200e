import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiOutput } from '../../../shared/api/contract';
import { useApi } from '../../api/context';
import { count } from '../../format/count';
import { formatBytes, formatCount } from '../../format/number';
import { useTargetColours } from '../../format/target-colour';
import { formatMs, summariseMetrics, type Latency } from './metrics-summary';
import './metrics.css';

type Metrics = ApiOutput<'metrics.get'>;

function LatencyRows({ latency }: { latency: Latency }) {
  return (
    <>
      <dt>Observed</dt>
      <dd>{formatCount(latency.count)}</dd>
      <dt>Mean</dt>
      <dd>{formatMs(latency.meanMs)}</dd>
      <dt>Median</dt>
      <dd>{latency.p50AtMostMs === null ? '—' : `≤ ${formatMs(latency.p50AtMostMs)}`}</dd>
      <dt>99th percentile</dt>
      <dd>{latency.p99AtMostMs === null ? '—' : `≤ ${formatMs(latency.p99AtMostMs)}`}</dd>
    </>
  );
}

/**
 * A small table whose first cell of each row names it (a strategy, a target); rows keyed by that
 * name. `colourOf` gives a row's name its target colour, as the charts draw it.
 */
function RowTable({
  label,
  columns,
  rows,
  colourOf,
}: {
  label: string;
  columns: string[];
  rows: (string | number)[][];
  colourOf?: (name: string) => string | null;
}) {
  return (
    <table aria-label={label}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, ...cells]) => (
          <tr key={String(name)}>
            <th scope="row">
              {colourOf?.(String(name)) && (
                <span className="target-swatch" aria-hidden="true" style={{ background: colourOf(String(name))! }} />
              )}
              {name}
            </th>
            {cells.map((c, i) => (
              <td key={i}>{typeof c === 'number' ? formatCount(c) : c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The process's Prometheus metrics in words: placements by strategy, outcome and target, decision
 * and discovery latency, the capability cache and the history's size. Read again after every
 * placement, and on Refresh; the raw text is the one `GET /metrics` serves.
 */
export default function MetricsView() {
  const targetColour = useTargetColours();
  const api = useApi();
  const [metrics, setMetrics] = useState<Metrics | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setMetrics(await api.client['metrics.get']({}));
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setLoading(false);
    }
  }, [api]);

  useEffect(() => {
    void load();
    const offPlaced = api.on('placement.completed', () => void load());
    const offFailed = api.on('placement.failed', () => void load());
    return () => {
      offPlaced();
      offFailed();
    };
  }, [api, load]);

  // Metrics are the main process's, counted since it started: the app's window or the serve command.
  const runner = api.transport === 'electron' ? 'app' : 'server';
  const summary = useMemo(() => (metrics ? summariseMetrics(metrics.families) : null), [metrics]);

  return (
    <div className="metrics-view">
      <div className="toolbar">
        <span className="muted">
          Since the {runner} started; the same numbers as <code>GET /metrics</code>.
        </span>
        <button type="button" onClick={() => void load()} disabled={loading} aria-busy={loading}>
          {loading ? 'Reading…' : 'Refresh'}
        </button>
      </div>
      {error && <p className="card bad" role="alert">{`Could not read the metrics: ${error}`}</p>}
      {summary === null ? (
        !error && <p className="muted">Reading the metrics…</p>
      ) : (
        <>
          <div className="metrics-grid">
            <section className="card" aria-labelledby="metrics-placements">
              <h3 id="metrics-placements">Placements</h3>
              {summary.placements.total === 0 ? (
                <p className="muted">
                  None since the {runner} started (earlier ones are in <a href="#/history">History</a>). Record one from{' '}
                  <a href="#/compare">Compare</a>; it is counted here at once.
                </p>
              ) : (
                <>
                  <p>
                    {`${count(summary.placements.total, 'placement')}: ${formatCount(summary.placements.placed)} placed, ${formatCount(summary.placements.failed)} failed`}
                  </p>
                  <RowTable
                    label="Placements by strategy"
                    columns={['Strategy', 'Placed', 'Failed']}
                    rows={summary.placements.byStrategy.map((r) => [r.strategy, r.placed, r.failed])}
                  />
                  <RowTable
                    label="Placements by target"
                    columns={['Target', 'Placements']}
                    rows={summary.placements.byTarget.map((r) => [
                      r.target === 'none' ? 'none (failed)' : r.target,
                      r.count,
                    ])}
                    colourOf={(t) => (t === 'none (failed)' || t === 'pipeline' ? null : targetColour(t))}
                  />
                </>
              )}
            </section>
            <section className="card" aria-labelledby="metrics-decision">
              <h3 id="metrics-decision">Decision latency</h3>
              <dl>
                <LatencyRows latency={summary.decision} />
              </dl>
              <p className="muted metrics-note">The engine's time per placement; bucket bounds, so “at most”.</p>
            </section>
            <section className="card" aria-labelledby="metrics-discovery">
              <h3 id="metrics-discovery">Discovery latency</h3>
              <dl>
                <LatencyRows latency={summary.discovery} />
                <dt>Failed</dt>
                <dd>{summary.discoveryFailures.total}</dd>
              </dl>
              {summary.discoveryByTarget.length > 0 && (
                <RowTable
                  label="Discovery by target"
                  columns={['Target', 'Discoveries', 'Failed', 'Mean']}
                  rows={summary.discoveryByTarget.map((r) => [
                    r.target,
                    r.latency.count,
                    r.failures,
                    formatMs(r.latency.meanMs),
                  ])}
                />
              )}
            </section>
            <section className="card" aria-labelledby="metrics-cache">
              <h3 id="metrics-cache">Capability cache and history</h3>
              <dl>
                <dt>Cache hits</dt>
                <dd>{formatCount(summary.cache.hits)}</dd>
                <dt>Cache misses</dt>
                <dd>{formatCount(summary.cache.misses)}</dd>
                <dt>Hit rate</dt>
                <dd>{summary.cache.hitRate === null ? '—' : `${Math.round(summary.cache.hitRate * 100)} %`}</dd>
                <dt>History log</dt>
                <dd>{formatBytes(summary.historyBytes)}</dd>
              </dl>
            </section>
          </div>
          <details className="card">
            <summary>Prometheus text</summary>
            <pre className="metrics-text" aria-label="Prometheus text" tabIndex={0}>
              {metrics!.text}
            </pre>
          </details>
        </>
      )}
    </div>
  );
}
