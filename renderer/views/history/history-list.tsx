import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useClient } from '../../api/context';
import { formatDateTime, formatTime } from '../../format/time';
import { useTargetColours } from '../../format/target-colour';
import { PAGE_SIZE, useHistoryStore, type HistoryEntry } from './history-store';

const optionId = (index: number) => `hist-entry-${index}`;

function OutcomeBadge({ outcome }: { outcome: HistoryEntry['outcome'] }) {
  const cls = outcome === 'placed' ? 'ok' : outcome === 'failed' ? 'bad' : 'warn';
  return <span className={`hist-outcome hist-clip ${cls}`}>{outcome}</span>;
}

/**
 * One page of placements, newest first, as a listbox: focus it and the arrow keys move the selection
 * (across pages too), Home and End jump to the newest and oldest; the selected entry is replayed.
 */
export function HistoryList() {
  const targetColour = useTargetColours();
  const client = useClient();
  const entries = useHistoryStore((s) => s.entries);
  const offset = useHistoryStore((s) => s.offset);
  const total = useHistoryStore((s) => s.total);
  const selected = useHistoryStore((s) => s.selected);
  const loading = useHistoryStore((s) => s.loading);
  const select = useHistoryStore((s) => s.select);
  const load = useHistoryStore((s) => s.load);
  const list = useRef<HTMLDivElement>(null);

  // Keep the selected entry in view as the keys or Play move it.
  useEffect(() => {
    if (selected === null) return;
    document.getElementById(optionId(selected))?.scrollIntoView?.({ block: 'nearest' });
  }, [selected, entries]);

  function onKey(e: KeyboardEvent) {
    const current = selected ?? offset - 1;
    const to: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + 10,
      PageUp: current - 10,
      Home: 0,
      End: total - 1,
    };
    if (!(e.key in to)) return;
    e.preventDefault();
    void select(client, Math.max(0, Math.min(total - 1, to[e.key]!)));
  }

  const last = Math.min(offset + PAGE_SIZE, total);
  return (
    <div className="hist-list-wrap">
      <div className="hist-row hist-head" aria-hidden="true">
        <span className="hist-clip">Time</span>
        <span className="hist-clip">Task</span>
        <span className="hist-clip">Strategy</span>
        <span className="hist-clip">Outcome</span>
        <span className="hist-clip">Target</span>
      </div>
      <div
        ref={list}
        className="hist-list"
        role="listbox"
        aria-label="Placements, newest first"
        tabIndex={0}
        aria-activedescendant={selected !== null && entries[selected - offset] ? optionId(selected) : undefined}
        aria-busy={loading}
        onKeyDown={onKey}
      >
        {entries.map((e, i) => {
          const index = offset + i;
          return (
            <div
              key={e.requestId}
              id={optionId(index)}
              role="option"
              aria-selected={index === selected}
              className="hist-row"
              onClick={() => {
                list.current?.focus();
                void select(client, index);
              }}
            >
              <span className="hist-time" title={formatDateTime(e.at)}>
                {formatTime(e.at)}
              </span>
              <span className="hist-clip" title={e.taskName}>
                {e.taskName}
              </span>
              <span className="hist-clip" title={e.strategy}>
                {e.strategy}
              </span>
              <OutcomeBadge outcome={e.outcome} />
              <span className="hist-clip" title={e.selectedTarget ?? undefined}>
                {e.selectedTarget !== null && (
                  <span
                    className="target-swatch"
                    aria-hidden="true"
                    style={{ background: targetColour(e.selectedTarget) }}
                  />
                )}
                {e.selectedTarget ?? '—'}
              </span>
            </div>
          );
        })}
      </div>
      <div className="toolbar hist-pager">
        <button
          type="button"
          onClick={() => void load(client, Math.max(0, offset - PAGE_SIZE))}
          disabled={offset === 0}
          aria-label="Newer placements (previous page)"
        >
          ▲ Newer
        </button>
        <span className="muted" role="status">
          {total === 0 ? 'none' : `${offset + 1}–${last} of ${total}`}
        </span>
        <button
          type="button"
          onClick={() => void load(client, offset + PAGE_SIZE)}
          disabled={last >= total}
          aria-label="Older placements (next page)"
        >
          Older ▼
        </button>
      </div>
    </div>
  );
}
