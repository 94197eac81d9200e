import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ARCHITECTURES, GPU_VENDORS, OPERATING_SYSTEMS } from '../../../shared/schema/aliases';
import type { Target, TargetType } from '../../../shared/schema/targets';
import { CheckField, Fieldset, fieldId, SelectField, TextField } from './form-fields';
import { GpuRows } from './gpu-rows';
import { checkDraft, draftFromTarget, emptyDraft, fieldOf, type TargetDraft } from './target-draft';
import type { Saved } from './targets-store';
import { count } from '../../format/count';

/** The types a person adds by hand; the others (scheduler nodes) come from a fleet import. */
export const HAND_TYPES = ['local', 'ssh', 'cloud'] as const satisfies readonly TargetType[];

const choices = (values: readonly string[], none?: string) =>
  [...(none === undefined ? [] : [['', none] as const]), ...values.map((v) => [v, v] as const)] as const;

export interface TargetFormProps {
  /** The target being edited; a new one when absent. */
  editing?: Target;
  /** Ids the target may not take (every other target's). */
  takenIds: readonly string[];
  onSave(target: Target): Promise<Saved>;
  onCancel(): void;
}

/**
 * Adds or edits one target. Checked by the same schema as a targets file (plus unique ids): nothing is
 * shown before the first Save, then every error sits under its field and follows each keystroke.
 */
export function TargetForm(props: TargetFormProps) {
  const source = props.editing && 'source' in props.editing ? props.editing.source : undefined;
  if (props.editing && source)
    return <ImportedTarget target={props.editing} kind={source.kind} onClose={props.onCancel} />;
  return <HandTargetForm {...props} />;
}

/** An imported target is what its source says: changed by importing it again, never by hand. */
function ImportedTarget({ target, kind, onClose }: { target: Target; kind: string; onClose(): void }) {
  return (
    <section className="card tgt-form" aria-label={`Edit target ${target.id}`}>
      <h3>{`Edit target ${target.id}`}</h3>
      <p role="alert">{`Imported from ${kind}; re-import to change it.`}</p>
      <p className="muted">
        Its source is read again by its Refresh (above the table), or by importing the same file with “Import a fleet”.
        Remove it to stop using it.
      </p>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </section>
  );
}

/** What a task is likely to ask of a target, and what an empty field means for it. */
function CapabilitiesNote({ type }: { type: TargetType }) {
  return (
    <>
      Tasks usually ask for: CPU, memory, GPUs, OS, architecture, network and tools. A field left empty is unknown, and
      unknown never meets a requirement (a task that needs python3 rules out a target whose tools are unknown)
      {type === 'cloud'
        ? '.'
        : type === 'ssh'
          ? ': fill them in, or probe the host over SSH.'
          : ': discovery fills them in.'}
    </>
  );
}

function HandTargetForm({ editing, takenIds, onSave, onCancel }: TargetFormProps) {
  const [draft, setDraft] = useState<TargetDraft>(() => (editing ? draftFromTarget(editing) : emptyDraft()));
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverProblems, setServerProblems] = useState<{ path: string; message: string }[]>([]);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    form.current?.querySelector<HTMLElement>('select, input')?.focus();
  }, []);

  const checked = checkDraft(draft, takenIds, editing);
  const errors: Record<string, string> = submitted && !checked.ok ? { ...checked.errors } : {};
  // The main process checks again; its word goes under the field it names.
  for (const p of serverProblems) errors[fieldOf(p.path.replace(/^targets\[\d+\]\.?/, ''))] ??= p.message;

  const set = (patch: Partial<TargetDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerProblems([]);
  };
  const text = (
    field: keyof TargetDraft & string,
    label: string,
    extra: { hint?: string; placeholder?: string; numeric?: boolean } = {},
  ) => (
    <TextField
      field={field}
      label={label}
      value={draft[field] as string}
      onChange={(v) => set({ [field]: v })}
      error={errors[field]}
      hint={extra.hint}
      placeholder={extra.placeholder}
      inputMode={extra.numeric ? 'decimal' : undefined}
    />
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitted(true);
    if (!checked.ok) {
      const first = Object.keys(checked.errors)[0]!;
      // After React has rendered the errors: focus the first field that has one.
      queueMicrotask(() => document.getElementById(fieldId(first))?.focus());
      return;
    }
    setSaving(true);
    const saved = await onSave(checked.value);
    setSaving(false);
    if (!saved.ok) setServerProblems(saved.problems);
  }

  const formError = errors['form'];
  const title = editing ? `Edit target ${editing.id}` : 'Add a target';
  return (
    <form ref={form} className="card tgt-form" aria-label={title} onSubmit={submit} noValidate>
      <h3>{title}</h3>
      <Fieldset legend="Target">
        <SelectField
          field="type"
          label="Type"
          value={draft.type}
          onChange={(v) => set({ type: v as TargetType, hourlyRate: draft.hourlyRate || (v === 'cloud' ? '' : '0') })}
          options={choices(HAND_TYPES)}
        />
        {text('id', 'ID', { placeholder: 'e.g. gpu-box', hint: 'letters, digits, . _ -; unique' })}
        {text('name', 'Name (optional)')}
        {text('hourlyRate', 'Hourly rate (USD/h)', {
          numeric: true,
          placeholder: draft.type === 'cloud' ? 'e.g. 1.006' : 'e.g. 0 (free)',
          hint: 'USD per hour: 1.006, $1.006 or $1.006/h',
        })}
        {text('labels', 'Labels', { placeholder: 'e.g. region=eu-west-1, tier=gpu' })}
      </Fieldset>
      {draft.type === 'ssh' && (
        <Fieldset legend="SSH">
          {text('host', 'Host', { placeholder: 'e.g. 10.0.0.5' })}
          {text('user', 'User (optional)')}
          {text('port', 'Port', { numeric: true })}
          {text('identityFile', 'Identity file (optional)', { placeholder: 'e.g. ~/.ssh/id_ed25519' })}
          {text('knownHostsFile', 'Known hosts file (optional)', { placeholder: 'e.g. ~/.ssh/known_hosts' })}
          <SelectField
            field="hostKeyPolicy"
            label="Host key policy"
            value={draft.hostKeyPolicy}
            onChange={(v) => set({ hostKeyPolicy: v })}
            options={choices(['strict', 'accept-new'])}
            error={errors['hostKeyPolicy']}
          />
          <CheckField
            field="probe"
            label="Probe over SSH to discover its capabilities"
            checked={draft.probe}
            onChange={(probe) => set({ probe })}
            error={errors['probe']}
          />
        </Fieldset>
      )}
      {draft.type === 'cloud' && (
        <Fieldset legend="Cloud">
          {text('provider', 'Provider', { placeholder: 'e.g. aws' })}
          {text('instanceType', 'Instance type (optional)', { placeholder: 'e.g. g5.xlarge' })}
        </Fieldset>
      )}
      <Fieldset
        legend={draft.type === 'cloud' ? 'Capabilities' : 'Capabilities (used when not discovered)'}
        note={<CapabilitiesNote type={draft.type} />}
      >
        {text('cpu', 'CPU (logical cores)', { numeric: true, placeholder: 'unknown' })}
        {text('cpuModel', 'CPU model', { placeholder: 'unknown' })}
        {text('memoryGb', 'Memory (GB)', { numeric: true, placeholder: 'unknown' })}
        {text('diskGb', 'Free disk (GB)', { numeric: true, placeholder: 'unknown' })}
        <SelectField
          field="os"
          label="OS"
          value={draft.os}
          onChange={(os) => set({ os })}
          options={choices(OPERATING_SYSTEMS, 'unknown')}
          error={errors['os']}
        />
        <SelectField
          field="arch"
          label="Architecture"
          value={draft.arch}
          onChange={(arch) => set({ arch })}
          options={choices(ARCHITECTURES, 'unknown')}
          error={errors['arch']}
        />
        <SelectField
          field="network"
          label="Network"
          value={draft.network}
          onChange={(network) => set({ network })}
          options={[
            ['', 'unknown'],
            ['yes', 'yes'],
            ['no', 'no'],
          ]}
          error={errors['network']}
        />
        {text('maxRuntimeMinutes', 'Max runtime (minutes)', { numeric: true, placeholder: 'no limit' })}
        {text('tools', 'Tools', {
          placeholder: 'unknown; e.g. docker=27.1.1, python3',
          hint: 'name=version, or a name alone (version unknown)',
        })}
      </Fieldset>
      <GpuRows gpus={draft.gpus} vendors={GPU_VENDORS} errors={errors} onChange={(gpus) => set({ gpus })} />
      <p className="field-error tgt-form-error" role={formError ? 'alert' : undefined}>
        {formError ?? ''}
      </p>
      <div className="toolbar tgt-form-buttons">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save target'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        {submitted && !checked.ok && (
          <span className="bad" role="status">
            {count(Object.keys(errors).length, 'field')} to fix
          </span>
        )}
      </div>
    </form>
  );
}
