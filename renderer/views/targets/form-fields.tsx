import type { ReactNode } from 'react';

/** The DOM id of a form field (`gpus.0.vramGb` → `tgt-f-gpus-0-vramGb`), and of its error text. */
export const fieldId = (key: string) => `tgt-f-${key.replace(/\./g, '-')}`;
export const errorId = (key: string) => `${fieldId(key)}-error`;

interface FieldProps {
  field: string;
  label: string;
  error?: string;
  hint?: string;
}

/** The error (or hint) under a field; always present so that an error appearing moves nothing. */
function Message({ field, error, hint }: Omit<FieldProps, 'label'>) {
  return (
    <span id={errorId(field)} className={error ? 'field-error' : 'muted tgt-hint'}>
      {error ?? hint ?? ''}
    </span>
  );
}

/** The attributes that tie a control to its error: aria-invalid, and aria-describedby when there is text. */
function described({ field, error, hint }: Omit<FieldProps, 'label'>) {
  return {
    id: fieldId(field),
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error || hint ? errorId(field) : undefined,
  } as const;
}

export function TextField({
  value,
  onChange,
  placeholder,
  inputMode,
  ...props
}: FieldProps & {
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  inputMode?: 'decimal' | 'numeric' | 'text';
}) {
  return (
    <div className="tgt-field">
      <label htmlFor={fieldId(props.field)}>{props.label}</label>
      <input
        {...described(props)}
        value={value}
        placeholder={placeholder}
        inputMode={inputMode}
        onChange={(e) => onChange(e.target.value)}
      />
      <Message {...props} />
    </div>
  );
}

export function SelectField({
  value,
  onChange,
  options,
  ...props
}: FieldProps & { value: string; onChange(value: string): void; options: readonly (readonly [string, string])[] }) {
  return (
    <div className="tgt-field">
      <label htmlFor={fieldId(props.field)}>{props.label}</label>
      <select {...described(props)} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      <Message {...props} />
    </div>
  );
}

export function CheckField({
  checked,
  onChange,
  ...props
}: FieldProps & { checked: boolean; onChange(checked: boolean): void }) {
  return (
    <div className="tgt-field tgt-check">
      <label>
        <input {...described(props)} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />{' '}
        {props.label}
      </label>
      <Message {...props} />
    </div>
  );
}

export function Fieldset({ legend, note, children }: { legend: string; note?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="tgt-fieldset">
      <legend>{legend}</legend>
      {note && <p className="muted tgt-note">{note}</p>}
      <div className="tgt-fields">{children}</div>
    </fieldset>
  );
}
