import { useEffect, useState } from 'react';
import { useApi } from '../../api/context';
import { useTaskStore } from '../../state/task-store';
import { formatTime } from '../../format/time';
import { describeFilters, historyQuery } from '../history/history-query';
import { useHistoryStore } from '../history/history-store';
import { exportReport, exportRequest, FORMATS, type ExportFormat, type ExportSource } from './export-request';
import './export.css';
import { count } from '../../format/count';
import { formatBytes, formatCount } from '../../format/number';
import { PDF_MAX_PLACEMENTS } from '../../../shared/report/formats';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'saved'; filename: string; bytes: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** How many placements the History filters match (a one-entry page: only its total is wanted). */
function useMatchingCount(query: ReturnType<typeof historyQuery>): number | null {
  const { client } = useApi();
  const [count, setCount] = useState<number | null>(null);
  const key = JSON.stringify(query);
  useEffect(() => {
    let cancelled = false;
    client['history.list']({ ...(JSON.parse(key) as object), limit: 1 }).then(
      (page) => !cancelled && setCount(page.total),
      () => !cancelled && setCount(null),
    );
    return () => {
      cancelled = true;
    };
  }, [client, key]);
  return count;
}

function taskNameOf(draft: unknown): string | null {
  const d = draft as { task?: { name?: unknown }; pipeline?: { name?: unknown } } | null;
  const name = d?.task?.name ?? d?.pipeline?.name;
  return typeof name === 'string' ? name : null;
}

/**
 * Exports a report: the placements the History filters match, the selected History entry, or the
 * current comparison, as JSON, CSV, Markdown, HTML or PDF; saved through the save dialog (Electron)
 * or as a download (browser mode).
 */
export default function ExportView() {
  const api = useApi();
  const filters = useHistoryStore((s) => s.filters);
  const selectedId = useHistoryStore((s) => s.selectedId);
  const selected = useHistoryStore((s) => s.entries.find((e) => e.requestId === s.selectedId));
  // What the user wrote, as Compare's "Record this placement" sends it; none while the text has problems.
  const task = useTaskStore((s) => (s.problems.length === 0 ? s.draft : null));
  const options = useTaskStore((s) => s.options);
  const query = historyQuery(filters);
  const matching = useMatchingCount(query);
  const [source, setSource] = useState<ExportSource>(selectedId ? 'placement' : 'history');
  const [format, setFormat] = useState<ExportFormat>('md');
  const [limit, setLimit] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });

  const limitNumber = limit.trim() === '' ? undefined : Number(limit);
  const limitError =
    source === 'history' && limitNumber !== undefined && !(Number.isInteger(limitNumber) && limitNumber >= 1)
      ? 'expected a whole number ≥ 1, or nothing for all'
      : null;
  const built = exportRequest({ source, format, query, limit: limitNumber, selectedId, task, options });
  const covered = matching === null ? null : Math.min(matching, limitNumber ?? Infinity);
  const request: typeof built =
    built.ok && source === 'history' && matching === 0
      ? { ok: false, reason: 'No placement matches the History filters: there is nothing to export.' }
      : built.ok && source === 'history' && format === 'pdf' && covered !== null && covered > PDF_MAX_PLACEMENTS
        ? {
            ok: false,
            reason: `A PDF covers at most ${formatCount(PDF_MAX_PLACEMENTS)} placements and ${formatCount(covered)} match: set Newest only, narrow the History filters, or choose HTML, CSV or JSON.`,
          }
        : built;
  const taskName = taskNameOf(task);

  async function run() {
    if (!request.ok || limitError) return;
    setOutcome({ kind: 'running' });
    try {
      const file = await exportReport(api.client, request.request);
      const saved = await api.save(file);
      setOutcome(
        saved
          ? {
              kind: 'saved',
              filename: file.filename,
              bytes:
                file.encoding === 'base64'
                  ? Math.floor((file.content.length * 3) / 4)
                  : new TextEncoder().encode(file.content).length,
            }
          : { kind: 'cancelled' },
      );
    } catch (err) {
      setOutcome({ kind: 'failed', message: (err as Error).message });
    }
  }

  const choice = (id: ExportSource, label: string, detail: string, disabled = false) => (
    <label className={`exp-choice${disabled ? ' muted' : ''}`}>
      <input
        type="radio"
        name="exp-source"
        value={id}
        checked={source === id}
        disabled={disabled}
        onChange={() => setSource(id)}
        aria-describedby={`exp-${id}-detail`}
      />
      <span>
        {label}
        <span id={`exp-${id}-detail`} className="muted exp-detail">
          {detail}
        </span>
      </span>
    </label>
  );

  return (
    <form
      className="exp-view"
      aria-label="Export a report"
      onSubmit={(e) => {
        e.preventDefault();
        void run();
      }}
    >
      <fieldset className="card exp-fieldset">
        <legend>What to export</legend>
        {choice(
          'history',
          'Placements matching the History filters',
          `${describeFilters(filters)}: ${matching === null ? '…' : count(matching, 'placement')}`,
        )}
        {/* Always there (disabled for the other sources), so that choosing one moves nothing. */}
        <div className="exp-limit">
          <label htmlFor="exp-limit">Newest only (optional)</label>
          <input
            id="exp-limit"
            inputMode="numeric"
            placeholder="all"
            value={limit}
            onChange={(e) => setLimit(e.target.value)}
            disabled={source !== 'history'}
            aria-invalid={limitError ? true : undefined}
            aria-describedby="exp-limit-error"
          />
          <span id="exp-limit-error" className="field-error">
            {limitError ?? ''}
          </span>
        </div>
        {choice(
          'placement',
          'The selected History entry',
          selectedId === null
            ? 'none selected: select one in History'
            : selected
              ? `${selected.taskName}, ${formatTime(selected.at)} (${selectedId.slice(0, 8)})`
              : selectedId.slice(0, 8),
          selectedId === null,
        )}
        {choice(
          'comparison',
          'The current comparison (every strategy side by side)',
          taskName === null ? 'the task has problems: fix it in Requirements' : `task ${taskName}`,
          task === null,
        )}
      </fieldset>
      <fieldset className="card exp-fieldset">
        <legend>Format</legend>
        <div className="exp-formats">
          {FORMATS.map((f) => (
            <label key={f.id} className="exp-choice">
              <input
                type="radio"
                name="exp-format"
                value={f.id}
                checked={format === f.id}
                onChange={() => setFormat(f.id)}
              />
              <span>
                {f.label}
                <span className="muted exp-detail">{f.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="toolbar exp-actions">
        <button type="submit" className="primary" disabled={!request.ok || !!limitError || outcome.kind === 'running'}>
          {outcome.kind === 'running'
            ? 'Exporting…'
            : api.transport === 'electron'
              ? 'Export and save…'
              : 'Export and download'}
        </button>
        <span className="exp-outcome" role="status">
          {!request.ok
            ? request.reason
            : outcome.kind === 'saved'
              ? `Saved ${outcome.filename} (${formatBytes(outcome.bytes)})`
              : outcome.kind === 'cancelled'
                ? 'Not saved: the dialog was cancelled.'
                : ''}
        </span>
      </div>
      {outcome.kind === 'failed' && (
        <div className="card exp-error" role="alert">
          <strong className="bad">The report could not be made.</strong> {outcome.message}
          {format === 'pdf' && /chrom|pdf/i.test(outcome.message) && (
            <p className="muted">
              PDF is printed by Chromium: install it (<code>apt-get install chromium</code>) on the machine that runs
              the app, or choose HTML and print that.
            </p>
          )}
        </div>
      )}
    </form>
  );
}
