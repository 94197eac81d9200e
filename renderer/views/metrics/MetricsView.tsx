import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiOutput } from '../../../shared/api/contract';
import { useApi } from '../../api/context';
import { count } from '../../format/count';
import { formatBytes, formatMs, summariseMetrics, type Latency } from './metrics-summary';
import './metrics.css';

type Metrics = ApiOutput<'metrics.get'>;

function LatencyRows({ latency }: { latency: Latency }) {
  return (
    <>
      <dt>Observed</dt>
      <dd>{latency.count}</dd>
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
 * The process's Prometheus metrics in words: placements by strategy, outcome and target, decision
 * and discovery latency, the capability cache and the history's size. Read again after every
 * placement, and on Refresh; the raw text is the one `GET /metrics` serves.
 */
export default function MetricsView() {
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

  const summary = useMemo(() => (metrics ? summariseMetrics(metrics.families) : null), [metrics]);

  return (
    <div className="metrics-view">
      <div className="toolbar">
        <span className="muted">
          Since the {api.transport === 'electron' ? 'app' : 'server'} started; the same numbers as{' '}
          <code>GET /metrics</code>.
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
                  None since the {api.transport === 'electron' ? 'app' : 'server'} started (earlier ones are in{' '}
                  <a href="#/history">History</a>). Run one from <a href="#/compare">Compare</a>; it is counted here at
                  once.
                </p>
              ) : (
                <>
                  <p>
                    {`${count(summary.placements.total, 'placement')}: ${summary.placements.placed} placed, ${summary.placements.failed} failed`}
                  </p>
                  <table aria-label="Placements by strategy">
                    <thead>
                      <tr>
                        <th scope="col">Strategy</th>
                        <th scope="col">Placed</th>
                        <th scope="col">Failed</th>
                      </tr>
                    </thead>
                    <tbody>
                      {summary.placements.byStrategy.map((r) => (
                        <tr key={r.strategy}>
                          <th scope="row">{r.strategy}</th>
                          <td>{r.placed}</td>
                          <td>{r.failed}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  <table aria-label="Placements by target">
                    <thead>
                      <tr>
                        <th scope="col">Target</th>
                        <th scope="col">Placements</th>
                      </tr>
                    </thead>
                    <tbody>
                      {summary.placements.byTarget.map((r) => (
                        <tr key={r.target}>
                          <th scope="row">{r.target === 'none' ? 'none (failed)' : r.target}</th>
                          <td>{r.count}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
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
              </dl>
              {summary.discoveryByTarget.length > 0 && (
                <table aria-label="Discovery by target">
                  <thead>
                    <tr>
                      <th scope="col">Target</th>
                      <th scope="col">Discoveries</th>
                      <th scope="col">Mean</th>
                    </tr>
                  </thead>
                  <tbody>
                    {summary.discoveryByTarget.map((r) => (
                      <tr key={r.target}>
                        <th scope="row">{r.target}</th>
                        <td>{r.latency.count}</td>
                        <td>{formatMs(r.latency.meanMs)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
            <section className="card" aria-labelledby="metrics-cache">
              <h3 id="metrics-cache">Capability cache and history</h3>
              <dl>
                <dt>Cache hits</dt>
                <dd>{summary.cache.hits}</dd>
                <dt>Cache misses</dt>
                <dd>{summary.cache.misses}</dd>
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
