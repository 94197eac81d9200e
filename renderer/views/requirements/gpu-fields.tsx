import { useId } from 'react';
import { GPU_VENDORS } from '../../../shared/schema/aliases';
import type { DataPath } from '../../state/task-edit';
import { FieldErrors, NumberField, SelectField } from './fields';
import { useDraftValue, useEditDraft, useProblems } from './use-draft';

/**
 * The GPU block: whether a GPU is asked for at all, then its vendor, VRAM per GPU and count. In the
 * requirements, "Required" unchecked writes `required: false`, which makes the block a preference.
 */
export function GpuFields({ path, hard }: { path: DataPath; hard: boolean }) {
  const id = useId();
  const value = useDraftValue(path);
  const edit = useEditDraft();
  const problems = useProblems(path);
  const wanted = value === true || (typeof value === 'object' && value !== null);
  const required = useDraftValue([...path, 'required']);
  const own = problems.filter((p) => !/\.(type|minVram|count|required)$/.test(p.path));
  return (
    <fieldset className="req-gpu">
      <legend>GPU</legend>
      <div className="req-field req-check">
        <input
          id={id}
          type="checkbox"
          checked={wanted}
          aria-invalid={own.length > 0}
          aria-describedby={own.length > 0 ? `${id}-error` : undefined}
          onChange={(e) => edit(path, e.target.checked ? {} : undefined)}
        />
        <label htmlFor={id}>{hard ? 'Needs a GPU' : 'Prefers a GPU'}</label>
        <FieldErrors id={`${id}-error`} problems={own} />
      </div>
      {wanted && (
        <div className="req-grid">
          <SelectField path={[...path, 'type']} label="GPU vendor" choices={GPU_VENDORS} />
          <NumberField path={[...path, 'minVram']} label="Min VRAM per GPU (GB)" unit="GB" />
          <NumberField path={[...path, 'count']} label="GPU count" unit="count" />
          {hard && (
            <div className="req-field req-check">
              <input
                id={`${id}-required`}
                type="checkbox"
                checked={required !== false}
                onChange={(e) => edit([...path, 'required'], e.target.checked ? undefined : false)}
              />
              <label htmlFor={`${id}-required`}>Required (else only preferred)</label>
            </div>
          )}
        </div>
      )}
    </fieldset>
  );
}
