import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useClient } from '../../api/context';
import { formatCount } from '../../format/number';
import { historyQuery, type HistoryFilters } from './history-query';
import type { HistoryEntry } from './history-store';
import { timeline } from './timeline-buckets';

const TimelineChart = lazy(() => import('./timeline-chart'));

/** The chart covers at most this many of the newest matching placements (summaries only). */
export const TIMELINE_LIMIT = 5000;

/**
 * Placements per target over time for the current filters. Asks for the summaries again when the
 * filters or the number of placements change; the chart's box has a fixed height from the start.
 */
export function Timeline({ filters, total }: { filters: HistoryFilters; total: number }) {
  const client = useClient();
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const query = JSON.stringify(historyQuery(filters));

  useEffect(() => {
    let cancelled = false;
    client['history.list']({ ...(JSON.parse(query) as object), limit: TIMELINE_LIMIT }).then(
      (page) => !cancelled && (setEntries(page.entries), setError(null)),
      (err: Error) => !cancelled && setError(err.message),
    );
    return () => {
      cancelled = true;
    };
  }, [client, query, total]);

  const data = useMemo(() => timeline(entries), [entries]);
  return (
    <section className="card hist-timeline" aria-labelledby="hist-timeline-title">
      <h3 id="hist-timeline-title">
        Placements per target over time
        {total > TIMELINE_LIMIT && <span className="muted"> (the newest {formatCount(TIMELINE_LIMIT)})</span>}
      </h3>
      <div className="hist-chart">
        {error ? (
          <p className="bad">The timeline could not be loaded: {error}</p>
        ) : (
          <Suspense fallback={null}>{data.rows.length > 0 && <TimelineChart data={data} />}</Suspense>
        )}
      </div>
    </section>
  );
}
