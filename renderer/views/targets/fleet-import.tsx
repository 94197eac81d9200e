import { useEffect, useRef, type ReactNode } from 'react';
import { SOURCE_FORMATS } from '../../../shared/fleet/types';
import { SOURCE_KINDS, type SourceKind } from '../../../shared/schema/targets';
import { useClient } from '../../api/context';
import { count } from '../../format/count';
import { summaryLine, useFleetImportStore, type FleetRequest } from './fleet-import-store';
import { FleetPreviewTable } from './fleet-preview';

const KIND_NAMES: Record<SourceKind, string> = {
  kubernetes: 'Kubernetes nodes',
  slurm: 'Slurm nodes',
  nomad: 'Nomad nodes',
  catalog: 'Cloud catalog (SkyPilot vms.csv)',
};

const LIVE_HELP: Record<SourceKind, string> = {
  kubernetes: 'Runs kubectl get nodes on the machine the app runs on (honouring KUBECONFIG).',
  slurm: 'Runs scontrol show nodes on the machine the app runs on.',
  nomad: "Asks Nomad's HTTP API (/v1/nodes); NOMAD_TOKEN is used when set.",
  catalog: 'Reads the catalogs SkyPilot keeps under ~/.sky/catalogs.',
};

function Field({ id, label, hint, children }: { id: string; label: string; hint?: string; children: ReactNode }) {
  return (
    <div className="tgt-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <span id={`${id}-hint`} className="muted tgt-hint">
          {hint}
        </span>
      )}
    </div>
  );
}

function TextInput({
  id,
  value,
  placeholder,
  hinted,
  onChange,
}: {
  id: string;
  value: string;
  placeholder?: string;
  /** The field has a hint under it (Field's `hint`). */
  hinted?: boolean;
  onChange(v: string): void;
}) {
  return (
    <input
      id={id}
      value={value}
      placeholder={placeholder}
      aria-describedby={hinted ? `${id}-hint` : undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** The fields of the chosen source and mode: the file (with the command that makes it) or the live options. */
function SourceFields({ r, set }: { r: FleetRequest; set(patch: Partial<FleetRequest>): void }) {
  const chooseFile = useFleetImportStore((s) => s.chooseFile);
  const scopeLabel = r.kind === 'kubernetes' ? 'Context' : r.kind === 'slurm' ? 'Cluster' : null;
  return (
    <div className="tgt-fields">
      {r.mode === 'file' ? (
        <Field id="fleet-file" label="Source file" hint={`Save it with: ${SOURCE_FORMATS[r.kind]}`}>
          <input
            id="fleet-file"
            type="file"
            accept=".json,.txt,.csv,application/json,text/plain,text/csv"
            aria-describedby="fleet-file-hint"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void chooseFile(file);
            }}
          />
        </Field>
      ) : (
        <p className="muted tgt-fleet-live">{LIVE_HELP[r.kind]}</p>
      )}
      {r.mode === 'file' && scopeLabel && (
        <Field
          id="fleet-scope"
          label={`${scopeLabel} name (optional)`}
          hint={`Files the nodes under this ${scopeLabel.toLowerCase()}; a re-import with the same name replaces them.`}
        >
          <TextInput id="fleet-scope" value={r.scope} hinted onChange={(scope) => set({ scope })} />
        </Field>
      )}
      {r.mode === 'live' && r.kind === 'kubernetes' && (
        <Field id="fleet-context" label="Context (optional)">
          <TextInput
            id="fleet-context"
            value={r.scope}
            placeholder="the current context"
            onChange={(scope) => set({ scope })}
          />
        </Field>
      )}
      {r.mode === 'live' && r.kind === 'nomad' && (
        <Field id="fleet-address" label="Address (optional)">
          <TextInput
            id="fleet-address"
            value={r.address}
            placeholder="uses NOMAD_ADDR"
            onChange={(address) => set({ address })}
          />
        </Field>
      )}
      {r.kind === 'catalog' && (
        <Field id="fleet-cloud" label="Cloud (optional)">
          <TextInput
            id="fleet-cloud"
            value={r.cloud}
            placeholder={r.mode === 'file' ? 'aws' : 'every cloud'}
            onChange={(cloud) => set({ cloud })}
          />
        </Field>
      )}
    </div>
  );
}

/**
 * Targets from where a fleet is described: a Kubernetes, Slurm or Nomad cluster's nodes, or a cloud
 * catalog, from a saved file or live. A preview says what would be added, changed and removed; only
 * Apply changes the configured targets.
 */
export function FleetImport() {
  const client = useClient();
  const r = useFleetImportStore((s) => s.request);
  const busy = useFleetImportStore((s) => s.busy);
  const preview = useFleetImportStore((s) => s.preview);
  const failure = useFleetImportStore((s) => s.failure);
  const { setRequest, setOpen, previewImport, applyImport } = useFleetImportStore.getState();
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    panel.current?.querySelector<HTMLElement>('select')?.focus();
  }, []);

  return (
    <section ref={panel} className="card tgt-fleet" aria-labelledby="tgt-fleet-title">
      <h3 id="tgt-fleet-title">Import a fleet</h3>
      <div className="tgt-fields">
        <Field id="fleet-kind" label="Source">
          <select
            id="fleet-kind"
            value={r.kind}
            onChange={(e) => setRequest({ kind: e.target.value as SourceKind, scope: '', cloud: '' })}
          >
            {SOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_NAMES[k]}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="tgt-fleet-mode">
          <legend>Read from</legend>
          {(['file', 'live'] as const).map((mode) => (
            <label key={mode}>
              <input
                type="radio"
                name="fleet-mode"
                value={mode}
                checked={r.mode === mode}
                onChange={() => setRequest({ mode, scope: '' })}
              />{' '}
              {mode === 'file' ? 'A saved file' : 'Live'}
            </label>
          ))}
        </fieldset>
      </div>
      <SourceFields r={r} set={setRequest} />
      <div className="toolbar tgt-form-buttons">
        <button type="button" disabled={busy !== null} onClick={() => void previewImport(client)}>
          {busy === 'preview' ? 'Reading…' : 'Preview'}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy !== null || preview === null}
          onClick={() => void applyImport(client)}
        >
          {busy === 'apply' ? 'Applying…' : 'Apply'}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
        {r.mode === 'file' && r.file && <span className="muted">{`${r.file.name} chosen`}</span>}
      </div>
      {failure && (
        <p className="bad" role="alert">
          {failure}
        </p>
      )}
      {preview && (
        <div className="tgt-fleet-preview">
          <p role="status">
            <strong>{summaryLine(r.kind, preview)}</strong>
            {preview.removed.length > 0 && ' · removed targets are the ones this source no longer lists'}
          </p>
          {preview.warnings.length > 0 && (
            <ul className="tgt-fleet-warnings" aria-label={count(preview.warnings.length, 'warning')}>
              {preview.warnings.map((w, i) => (
                <li key={i} className="warn">
                  {w}
                </li>
              ))}
            </ul>
          )}
          <FleetPreviewTable preview={preview} />
        </div>
      )}
    </section>
  );
}
