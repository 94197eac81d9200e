import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { FileProblem } from '../../../shared/files/issues';
import { parseQuantity, quantityValue, type FieldUnit } from '../../format/quantity';
import type { DataPath } from '../../state/task-edit';
import { useDraftValue, useEditDraft, useFieldText, useProblems } from './use-draft';

/** The problems of one field, next to it; the field points at them with aria-describedby. */
export function FieldErrors({ id, problems }: { id: string; problems: FileProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <span id={id} className="field-error" role="alert">
      {problems.map((p) => p.message).join('; ')}
    </span>
  );
}

interface FieldProps {
  path: DataPath;
  label: string;
  hint?: string;
  /** Hint text inside the empty field, written so that it never reads as a value ("e.g. 16"). */
  placeholder?: string;
}

function Field({
  id,
  label,
  hint,
  problems,
  children,
}: {
  id: string;
  hint?: string;
  label: string;
  problems: FileProblem[];
  children: ReactNode;
}) {
  return (
    <div className="req-field">
      <label htmlFor={id}>
        {label}
        {hint && <span className="muted"> {hint}</span>}
      </label>
      {children}
      <FieldErrors id={`${id}-error`} problems={problems} />
    </div>
  );
}

/** The field's name in a message: its label without the unit (`Memory (GB)` → `Memory`). */
const nameOf = (label: string) => label.replace(/\s*\(.*\)$/, '');

const formatValue = (v: unknown) =>
  v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

const formatList = (v: unknown) => (Array.isArray(v) ? v.join(', ') : formatValue(v));
const parseList = (text: string) => {
  const list = splitList(text);
  return list.length === 0 ? undefined : list;
};

/**
 * A text box whose text is parsed into the task's value (a number, a list) on every keystroke; what
 * was typed stays as typed, so that "lots" can be shown with its error.
 */
function ParsedField({
  path,
  label,
  hint,
  placeholder,
  format,
  parse,
  refusal,
  inputMode,
}: FieldProps & {
  format: (value: unknown) => string;
  parse: (text: string) => unknown;
  /** What is wrong with the text, said better than the schema can (another unit); null when nothing. */
  refusal?: (text: string) => string | null;
  inputMode?: 'decimal';
}) {
  const id = useId();
  const value = useDraftValue(path);
  const edit = useEditDraft();
  const schemaProblems = useProblems(path);
  const [text, setText] = useFieldText(value, format, parse);
  const refused = refusal?.(text) ?? null;
  const problems = refused === null ? schemaProblems : [{ path: '', message: refused }];
  return (
    <Field id={id} label={label} hint={hint} problems={problems}>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        autoComplete="off"
        placeholder={placeholder}
        value={text}
        aria-invalid={problems.length > 0}
        aria-describedby={problems.length > 0 ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          edit(path, parse(e.target.value));
        }}
      />
    </Field>
  );
}

/**
 * A number of the task in its unit (cores, GB, minutes, USD), read by the one quantity parser: `128 GB`
 * and `$5` are numbers; `128 GiB` is refused here, naming the unit; `lots` goes to the schema.
 */
export function NumberField({ unit, ...props }: FieldProps & { unit: FieldUnit }) {
  const what = nameOf(props.label);
  const parse = (text: string) => quantityValue(parseQuantity(text, unit, what), text);
  const refusal = (text: string) => {
    const q = parseQuantity(text, unit, what);
    return q.kind === 'refused' ? q.message : null;
  };
  return <ParsedField {...props} format={formatValue} parse={parse} refusal={refusal} inputMode="decimal" />;
}

/** A string of the task (its name, a node id); empty removes the key. `focusWhenEmpty`: the field to start in. */
export function TextField({
  path,
  label,
  hint,
  placeholder,
  focusWhenEmpty,
  list,
}: FieldProps & { focusWhenEmpty?: boolean; /** A datalist's id: suggestions, not a limit. */ list?: string }) {
  const id = useId();
  const value = useDraftValue(path);
  const edit = useEditDraft();
  const input = useRef<HTMLInputElement>(null);
  const empty = formatValue(value) === '';
  // The field to start in is not an error while it waits to be filled: the status line asks for it.
  const all = useProblems(path);
  const problems = focusWhenEmpty && empty ? [] : all;
  useEffect(() => {
    if (focusWhenEmpty && empty) input.current?.focus();
  }, [focusWhenEmpty, empty]);
  return (
    <Field id={id} label={label} hint={hint} problems={problems}>
      <input
        ref={input}
        id={id}
        type="text"
        autoComplete="off"
        placeholder={placeholder}
        list={list}
        value={formatValue(value)}
        aria-invalid={problems.length > 0}
        aria-describedby={problems.length > 0 ? `${id}-error` : undefined}
        onChange={(e) => edit(path, e.target.value === '' ? undefined : e.target.value)}
      />
    </Field>
  );
}

/** One of a few values, or "any" (the key removed). A value the file writes that is not listed (an alias) is kept. */
export function SelectField({
  path,
  label,
  choices,
  emptyLabel = 'any',
}: FieldProps & {
  choices: readonly string[];
  /** What no value means: `any`, or the default it takes. */ emptyLabel?: string;
}) {
  const id = useId();
  const value = useDraftValue(path);
  const edit = useEditDraft();
  const problems = useProblems(path);
  const current = formatValue(value);
  const listed = current === '' || choices.includes(current) ? choices : [...choices, current];
  return (
    <Field id={id} label={label} problems={problems}>
      <select
        id={id}
        value={current}
        aria-invalid={problems.length > 0}
        aria-describedby={problems.length > 0 ? `${id}-error` : undefined}
        onChange={(e) => edit(path, e.target.value === '' ? undefined : e.target.value)}
      >
        <option value="">{emptyLabel}</option>
        {listed.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A yes/no of the task; unchecked removes the key (nothing asked), as the file would leave it out. */
export function CheckField({
  path,
  label,
  uncheckedValue,
  checkedValue = true,
}: FieldProps & { uncheckedValue?: boolean; checkedValue?: boolean }) {
  const id = useId();
  const value = useDraftValue(path);
  const edit = useEditDraft();
  const problems = useProblems(path);
  return (
    <div className="req-field req-check">
      <input
        id={id}
        type="checkbox"
        checked={value === checkedValue}
        aria-invalid={problems.length > 0}
        aria-describedby={problems.length > 0 ? `${id}-error` : undefined}
        onChange={(e) => edit(path, e.target.checked ? checkedValue : uncheckedValue)}
      />
      <label htmlFor={id}>{label}</label>
      <FieldErrors id={`${id}-error`} problems={problems} />
    </div>
  );
}

/** A list of short strings typed comma-separated (affinity selectors); empty removes the key. */
export function ListField(props: FieldProps) {
  return <ParsedField {...props} format={formatList} parse={parseList} />;
}
