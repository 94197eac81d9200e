import { useEffect } from 'react';
import { useApi } from '../../api/context';
import { HistoryFiltersBar } from './history-filters';
import { HistoryList } from './history-list';
import { hasFilters, NO_FILTERS } from './history-query';
import { useHistoryStore } from './history-store';
import { ReplayControls } from './replay-controls';
import { ReplayPanel } from './replay-panel';
import { Timeline } from './timeline';
import './history.css';

/** What the history log reported skipping (a torn last line, a bad checksum): shown, never hidden. */
function StoreWarnings() {
  const warnings = useHistoryStore((s) => s.warnings);
  if (warnings.length === 0) return null;
  return (
    <div className="card hist-warnings" role="alert" aria-label="History warnings">
      <strong className="warn">The history log has problems; these lines were skipped:</strong>
      <ul>
        {warnings.map((w, i) => (
          <li key={i}>
            <code>{w}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Empty() {
  const client = useApi().client;
  const filters = useHistoryStore((s) => s.filters);
  const setFilters = useHistoryStore((s) => s.setFilters);
  if (hasFilters(filters))
    return (
      <div className="empty">
        <p>No placement matches these filters.</p>
        <button type="button" onClick={() => setFilters(client, NO_FILTERS)}>
          Clear filters
        </button>
      </div>
    );
  return (
    <div className="empty">
      <p>No placements yet. Every placement made for real is recorded here. Make one:</p>
      <ul>
        <li>
          in the <a href="#/compare">Compare view</a> (Record this placement), or
        </li>
        <li>
          with the CLI: <code>placement-explorer place --task task.yaml --targets targets.yaml</code>
        </li>
      </ul>
    </div>
  );
}

/** The placements, newest first, filterable, on a timeline; step through them and replay each. */
export default function HistoryView() {
  const api = useApi();
  const filters = useHistoryStore((s) => s.filters);
  const total = useHistoryStore((s) => s.total);
  const loaded = useHistoryStore((s) => s.loaded);
  const error = useHistoryStore((s) => s.error);
  const load = useHistoryStore((s) => s.load);

  useEffect(() => {
    void load(api.client);
  }, [api, load]);
  // A placement made anywhere (Compare, another window) appears at the top.
  useEffect(() => {
    const reload = () => void load(api.client);
    const offs = [api.on('placement.completed', reload), api.on('placement.failed', reload)];
    return () => offs.forEach((off) => off());
  }, [api, load]);

  return (
    <div className="hist-view">
      <HistoryFiltersBar />
      <StoreWarnings />
      {error && (
        <p className="card bad" role="alert">
          The history could not be read: {error}
        </p>
      )}
      {loaded && total === 0 && !error ? (
        <Empty />
      ) : (
        <>
          <Timeline filters={filters} total={total} />
          <ReplayControls />
          <div className="hist-main">
            <HistoryList />
            <ReplayPanel />
          </div>
        </>
      )}
    </div>
  );
}
