import { useId, useState } from 'react';
import { parseToolSpec } from '../../../shared/schema/requirements';
import type { DataPath } from '../../state/task-edit';
import { FieldErrors } from './fields';
import { useDraftValue, useEditDraft, useProblems } from './use-draft';

interface ToolRow {
  name: string;
  range: string;
}

/** `docker>=24` → {docker, >=24}; a spec that does not parse stays whole in the name, for its error to show. */
export function splitTool(spec: unknown): ToolRow {
  const text = typeof spec === 'string' ? spec : String(spec ?? '');
  const parsed = parseToolSpec(text);
  return parsed ? { name: parsed.name, range: parsed.range ?? '' } : { name: text, range: '' };
}

/** {docker, >=24} → `docker>=24`; a bare version or caret range is written `node@^20`. */
export function joinTool({ name, range }: ToolRow): string {
  const r = range.trim();
  if (r === '') return name.trim();
  return /^[<>=]/.test(r) ? `${name.trim()}${r}` : `${name.trim()}@${r}`;
}

function ToolRowFields({
  path,
  index,
  spec,
  onChange,
  onRemove,
}: {
  path: DataPath;
  index: number;
  spec: unknown;
  onChange: (spec: string) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const problems = useProblems([...path, index]);
  // The row's own text while typing (">=" is not a range yet), reset when the spec changes elsewhere.
  const [row, setRow] = useState(() => splitTool(spec));
  const [seen, setSeen] = useState(spec);
  if (seen !== spec) {
    setSeen(spec);
    if (joinTool(row) !== spec) setRow(splitTool(spec));
  }
  const update = (next: ToolRow) => {
    setRow(next);
    onChange(joinTool(next));
  };
  const n = index + 1;
  return (
    <li className="req-row">
      <input
        type="text"
        autoComplete="off"
        aria-label={`Tool ${n} name`}
        value={row.name}
        placeholder="e.g. docker"
        aria-invalid={problems.length > 0}
        aria-describedby={problems.length > 0 ? `${id}-error` : undefined}
        onChange={(e) => update({ ...row, name: e.target.value })}
      />
      <input
        type="text"
        autoComplete="off"
        aria-label={`Tool ${n} version range`}
        value={row.range}
        placeholder="any version, or e.g. >=24"
        onChange={(e) => update({ ...row, range: e.target.value })}
      />
      <button type="button" aria-label={`Remove tool ${n}`} onClick={onRemove}>
        ×
      </button>
      <FieldErrors id={`${id}-error`} problems={problems} />
    </li>
  );
}

/** Tools the task needs on PATH, each with an optional semver range. */
export function ToolsField({ path }: { path: DataPath }) {
  const id = useId();
  const value = useDraftValue(path);
  const edit = useEditDraft();
  const list: unknown[] = Array.isArray(value) ? value : [];
  const problems = useProblems(path).filter((p) => !/\[\d+\]$/.test(p.path));
  const set = (next: unknown[]) => edit(path, next.length === 0 ? undefined : next);
  return (
    <fieldset className="req-list">
      <legend>Tools</legend>
      <FieldErrors id={`${id}-error`} problems={problems} />
      <ul>
        {list.map((spec, i) => (
          <ToolRowFields
            // Rows are positional: the index is the tool's place in the file's list.
            key={i}
            path={path}
            index={i}
            spec={spec}
            onChange={(s) => set(list.map((old, j) => (j === i ? s : old)))}
            onRemove={() => set(list.filter((_, j) => j !== i))}
          />
        ))}
      </ul>
      <button type="button" onClick={() => set([...list, ''])}>
        Add tool
      </button>
    </fieldset>
  );
}
