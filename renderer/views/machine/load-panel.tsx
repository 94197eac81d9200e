import { lazy, Suspense } from 'react';
import { useClient } from '../../api/context';
import { formatGb, formatPercent } from '../../format/number';
import { useMachineLoad } from './use-machine-load';

const LoadChart = lazy(() => import('./load-chart'));

/** Live CPU and memory load: the latest numbers in words, and the last two minutes as a chart. */
export function LoadPanel() {
  const { samples, error } = useMachineLoad(useClient());
  const last = samples.at(-1);
  const memoryShare = last && last.memoryTotalGb > 0 ? Math.round((last.memoryUsedGb / last.memoryTotalGb) * 100) : 0;
  return (
    <section className="card machine-load" aria-labelledby="machine-load-title">
      <h3 id="machine-load-title">Load</h3>
      <p className="machine-load-now">
        {last ? (
          <>
            <span>
              CPU <strong>{formatPercent(last.cpuPercent)}</strong>
            </span>
            <span>
              Memory{' '}
              <strong>
                {formatGb(last.memoryUsedGb)} of {formatGb(last.memoryTotalGb)}
              </strong>{' '}
              ({memoryShare} %)
            </span>
          </>
        ) : error ? (
          <span className="bad" role="alert">
            Load unavailable: {error}
          </span>
        ) : (
          <span className="muted">Measuring…</span>
        )}
      </p>
      {/* A fixed height: the chart arrives later than the numbers and must not push anything. */}
      <div className="machine-chart">
        <Suspense fallback={null}>{samples.length > 0 && <LoadChart samples={samples} />}</Suspense>
      </div>
    </section>
  );
}
