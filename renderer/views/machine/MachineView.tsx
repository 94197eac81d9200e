import { useEffect } from 'react';
import { SERVER_GONE } from '../../api/client';
import { useApi } from '../../api/context';
import { formatAge, useNow } from '../../format/age';
import { formatDateTime, formatTime } from '../../format/time';
import { LoadPanel } from './load-panel';
import { MachineFacts } from './machine-facts';
import { useMachineStore } from './machine-store';
import './machine.css';

/** How old the report is, ticking; the Refresh button beside it never blocks the rest of the view. */
function Freshness() {
  const { client } = useApi();
  const report = useMachineStore((s) => s.report);
  const receivedAt = useMachineStore((s) => s.receivedAt);
  const refreshing = useMachineStore((s) => s.refreshing);
  const refresh = useMachineStore((s) => s.refresh);
  const now = useNow();
  return (
    <div className="toolbar machine-toolbar">
      <span className="machine-age">
        {report ? `Discovered ${formatAge(report.ageMs + (now - receivedAt))}${report.cached ? ' (cached)' : ''}` : ''}
      </span>
      <button type="button" onClick={() => void refresh(client)} disabled={refreshing} aria-busy={refreshing}>
        {refreshing && <span className="spinner" aria-hidden="true" />}
        {refreshing ? 'Refreshing…' : 'Refresh'}
      </button>
      <span role="status" className="visually-hidden">
        {refreshing ? 'Discovering this machine again' : ''}
      </span>
    </div>
  );
}

/** The last `capabilities.changed` for this machine, field by field, until dismissed. */
function ChangeNotice() {
  const change = useMachineStore((s) => s.change);
  const dismiss = useMachineStore((s) => s.dismissChange);
  if (!change) return null;
  return (
    <div className="card machine-change" role="status" aria-label="Capabilities changed">
      <div>
        <strong>Capabilities changed</strong>{' '}
        <span className="muted" title={formatDateTime(change.at)}>
          at {formatTime(change.at)}
        </span>
        <ul>
          {change.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      <button type="button" aria-label="Dismiss the change notice" onClick={dismiss}>
        ×
      </button>
    </div>
  );
}

/** The local machine at a glance: what discovery found, how fresh it is, and its live load. */
export default function MachineView() {
  const api = useApi();
  const report = useMachineStore((s) => s.report);
  const error = useMachineStore((s) => s.error);
  const load = useMachineStore((s) => s.load);
  const changed = useMachineStore((s) => s.changed);

  useEffect(() => {
    void load(api.client);
  }, [api, load]);
  useEffect(() => api.on('capabilities.changed', (e) => changed(e, api.client)), [api, changed]);

  return (
    <div className="machine-view">
      <Freshness />
      <ChangeNotice />
      {error && (
        <p className="card bad" role="alert">
          {error === SERVER_GONE ? (
            error
          ) : (
            <>
              {error.replace(/[.?!]$/, '')}. Try Refresh; if it keeps failing, run{' '}
              <code>placement-explorer discover</code> to see why.
            </>
          )}
        </p>
      )}
      {report && report.warnings.length > 0 && (
        <div className="card machine-warnings" role="status" aria-label="Discovery warnings">
          <strong className="warn">Discovery warnings</strong>
          <ul>
            {report.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      {report ? (
        <MachineFacts capabilities={report.capabilities} />
      ) : (
        !error && (
          <p className="empty machine-placeholder" aria-busy="true">
            Discovering this machine…
          </p>
        )
      )}
      <LoadPanel />
    </div>
  );
}
