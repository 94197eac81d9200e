import { useEffect, useRef, useState } from 'react';
import { historyOutcome } from '../../../shared/schema/history';
import { STRATEGY_NAMES } from '../../../shared/strategies/registry';
import { useClient } from '../../api/context';
import { hasFilters, NO_FILTERS, parseFilterTime, showFilterTime, type HistoryFilters } from './history-query';
import { useHistoryStore } from './history-store';

/** A text filter that asks the main process only once typing pauses. */
function TextFilter({
  id,
  label,
  value,
  suggestions,
  onCommit,
}: {
  id: string;
  label: string;
  value: string;
  suggestions: string[];
  onCommit(value: string): void;
}) {
  const [text, setText] = useState(value);
  const commit = useRef(onCommit);
  commit.current = onCommit;
  // A filter cleared elsewhere (Clear filters) clears the box too.
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => commit.current(text), 300);
    return () => clearTimeout(timer);
  }, [text, value]);
  return (
    <div className="hist-filter">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={text}
        list={`${id}-list`}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && onCommit(text)}
      />
      <datalist id={`${id}-list`}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </div>
  );
}

/**
 * A time filter as one text field (one tab stop, unlike a native date-time input's half-dozen):
 * `2025-01-02` or `2025-01-02 16:39`, local time; applied on Enter, on leaving the field or once
 * typing pauses, and refused in words when it is no such time.
 */
function DateFilter({
  id,
  label,
  value,
  onCommit,
}: {
  id: string;
  label: string;
  value: string;
  onCommit(value: string): void;
}) {
  const [text, setText] = useState(showFilterTime(value));
  // Said once the user leaves the field or presses Enter, not at every half-typed keystroke.
  const [checked, setChecked] = useState(false);
  const commit = useRef(onCommit);
  commit.current = onCommit;
  useEffect(() => setText(showFilterTime(value)), [value]);
  const parsed = parseFilterTime(text);
  const error =
    parsed === null && checked ? `${label}: write a date (2025-01-02) or a date and time (2025-01-02 16:39)` : null;
  useEffect(() => {
    if (parsed === null || parsed === value) return;
    const timer = setTimeout(() => commit.current(parsed), 600);
    return () => clearTimeout(timer);
  }, [parsed, value]);
  const apply = () => {
    setChecked(true);
    if (parsed !== null && parsed !== value) onCommit(parsed);
  };
  return (
    <div className="hist-filter">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        className="hist-date"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        placeholder="YYYY-MM-DD hh:mm"
        value={text}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setChecked(false);
        }}
        onBlur={apply}
        onKeyDown={(e) => e.key === 'Enter' && apply()}
      />
      {error && (
        <span id={`${id}-error`} className="field-error hist-date-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** Strategy, outcome, target, task name and time range; each change lists the first page again. */
export function HistoryFiltersBar() {
  const client = useClient();
  const filters = useHistoryStore((s) => s.filters);
  const entries = useHistoryStore((s) => s.entries);
  const setFilters = useHistoryStore((s) => s.setFilters);
  const set = (patch: Partial<HistoryFilters>) => setFilters(client, patch);
  const unique = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))].sort();
  return (
    <form className="hist-filters" aria-label="History filters" onSubmit={(e) => e.preventDefault()}>
      <div className="hist-filter">
        <label htmlFor="hist-strategy">Strategy</label>
        <select id="hist-strategy" value={filters.strategy} onChange={(e) => set({ strategy: e.target.value })}>
          <option value="">any</option>
          {STRATEGY_NAMES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="hist-filter">
        <label htmlFor="hist-outcome">Outcome</label>
        <select
          id="hist-outcome"
          value={filters.outcome}
          onChange={(e) => set({ outcome: e.target.value as HistoryFilters['outcome'] })}
        >
          <option value="">any</option>
          {historyOutcome.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </div>
      <TextFilter
        id="hist-target"
        label="Target"
        value={filters.target}
        suggestions={unique(entries.map((e) => e.selectedTarget))}
        onCommit={(target) => set({ target })}
      />
      <TextFilter
        id="hist-task"
        label="Task name"
        value={filters.taskName}
        suggestions={unique(entries.map((e) => e.taskName))}
        onCommit={(taskName) => set({ taskName })}
      />
      <DateFilter id="hist-since" label="Since" value={filters.since} onCommit={(since) => set({ since })} />
      <DateFilter id="hist-until" label="Until" value={filters.until} onCommit={(until) => set({ until })} />
      <button type="button" onClick={() => set(NO_FILTERS)} disabled={!hasFilters(filters)}>
        Clear filters
      </button>
    </form>
  );
}
