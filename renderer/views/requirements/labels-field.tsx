import { useId, useState } from 'react';
import type { DataPath } from '../../state/task-edit';
import { FieldErrors } from './fields';
import { useDraftValue, useEditDraft, useProblems } from './use-draft';

interface LabelRow {
  key: string;
  value: string;
}

function rowsOf(value: unknown): LabelRow[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: String(v ?? '') }));
}

const sameRows = (a: LabelRow[], b: LabelRow[]) =>
  a.length === b.length && a.every((r, i) => r.key === b[i]!.key && r.value === b[i]!.value);

/**
 * Custom labels the target must carry (`region: eu-west-1`). The rows are kept here while a key is
 * typed, so two rows never collapse into one; a duplicate key is refused until it is renamed.
 */
export function LabelsField({ path }: { path: DataPath }) {
  const id = useId();
  const value = useDraftValue(path);
  const edit = useEditDraft();
  const problems = useProblems(path);
  const [rows, setRows] = useState(() => rowsOf(value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    const fromFile = rowsOf(value);
    const ours = new Set(rows.map((r) => r.key)).size === rows.length;
    if (ours && !sameRows(fromFile, rows)) setRows(fromFile);
  }
  const keys = rows.map((r) => r.key);
  const freshKey = () => {
    let n = rows.length + 1;
    while (keys.includes(`label${n}`)) n++;
    return `label${n}`;
  };
  const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
  const update = (next: LabelRow[]) => {
    setRows(next);
    const nextKeys = next.map((r) => r.key);
    if (new Set(nextKeys).size !== nextKeys.length) return;
    edit(path, next.length === 0 ? undefined : Object.fromEntries(next.map((r) => [r.key, r.value])));
  };
  const shown =
    duplicate === undefined ? problems : [...problems, { path: '', message: `duplicate label "${duplicate}"` }];
  return (
    <fieldset className="req-list">
      <legend>Custom labels</legend>
      <ul>
        {rows.map((row, i) => (
          <li key={i} className="req-row">
            <input
              type="text"
              autoComplete="off"
              aria-label={`Label ${i + 1} key`}
              placeholder="e.g. region"
              value={row.key}
              onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))}
            />
            <span aria-hidden="true">=</span>
            <input
              type="text"
              autoComplete="off"
              aria-label={`Label ${i + 1} value`}
              placeholder="e.g. eu-west-1"
              value={row.value}
              onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
            />
            <button
              type="button"
              aria-label={`Remove label ${i + 1}`}
              onClick={() => update(rows.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <FieldErrors id={`${id}-error`} problems={shown} />
      <button type="button" onClick={() => update([...rows, { key: freshKey(), value: '' }])}>
        Add label
      </button>
    </fieldset>
  );
}
