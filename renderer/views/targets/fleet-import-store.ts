import { create } from 'zustand';
import type { ApiClient, ApiInput, ApiOutput } from '../../../shared/api/contract';
import type { SourceKind } from '../../../shared/schema/targets';
import { useAppStore } from '../../state/app-store';
import { count } from '../../format/count';
import type { SourceGroup } from './target-source';
import { useTargetsStore } from './targets-store';

/** What an import found: added, changed, removed and unchanged targets, warnings, the list after. */
export type ImportPreview = Extract<ApiOutput<'targets.import'>, { ok: true }>;

/** The source as the panel holds it: every field as typed. */
export interface FleetRequest {
  kind: SourceKind;
  mode: 'file' | 'live';
  /** The chosen file's name and content (file mode). */
  file: { name: string; text: string } | null;
  /** Kubernetes context (live), or the scope a file's nodes are filed under (context or cluster). */
  scope: string;
  /** Nomad address (live); empty: the server's NOMAD_ADDR. */
  address: string;
  /** The cloud of a catalog (`aws`); empty: every cloud SkyPilot has. */
  cloud: string;
}

export const emptyRequest = (): FleetRequest => ({
  kind: 'kubernetes',
  mode: 'file',
  file: null,
  scope: '',
  address: '',
  cloud: '',
});

/** The `targets.import` input for the request; the fields that do not apply to the source are left out. */
export function importInput(r: FleetRequest, apply: boolean): ApiInput<'targets.import'> {
  const given = (v: string) => (v.trim() === '' ? undefined : v.trim());
  const scope = given(r.scope);
  const input: ApiInput<'targets.import'> = { kind: r.kind, apply };
  if (r.mode === 'file' && r.file) {
    input.text = r.file.text;
    input.fileName = r.file.name;
  }
  if (r.kind === 'kubernetes' && scope) input.context = scope;
  if (r.kind === 'slurm' && r.mode === 'file' && scope) input.cluster = scope;
  if (r.kind === 'nomad' && r.mode === 'live' && given(r.address)) input.address = given(r.address);
  if (r.kind === 'catalog' && given(r.cloud)) input.cloud = given(r.cloud);
  return input;
}

/** What one source holds: nodes of a scheduler, instance types of a catalog. */
export const unitOf = (kind: SourceKind, n: number) => count(n, kind === 'catalog' ? 'instance type' : 'node');

/** `12 nodes from nodes.json: 3 added, 1 changed, 2 removed, 6 unchanged` (the nodes the source holds now). */
export function summaryLine(kind: SourceKind, p: ImportPreview): string {
  const read = p.added.length + p.changed.length + p.unchanged.length;
  return `${unitOf(kind, read)} from ${p.where}: ${p.added.length} added, ${p.changed.length} changed, ${p.removed.length} removed, ${p.unchanged.length} unchanged`;
}

interface FleetImportState {
  open: boolean;
  request: FleetRequest;
  busy: 'reading' | 'preview' | 'apply' | null;
  /** The last preview of the request as it is now; cleared by any change to it. */
  preview: ImportPreview | null;
  /** Why the source could not be read (`ok: false`, or the call failed). */
  failure: string | null;
  /** Source groups being refreshed, by key. */
  refreshing: Record<string, boolean>;
  setOpen(open: boolean): void;
  setRequest(patch: Partial<FleetRequest>): void;
  /** Reads the chosen file's text into the request. */
  chooseFile(file: File): Promise<void>;
  /** `targets.import` with apply: false; shows what would change. */
  previewImport(client: ApiClient): Promise<void>;
  /** `targets.import` with apply: true; the Targets list becomes the one saved. True when applied. */
  applyImport(client: ApiClient): Promise<boolean>;
  /** Reads a live source again and applies it; says what changed (or why not) in a notice. */
  refreshSource(client: ApiClient, group: SourceGroup): Promise<void>;
}

async function callImport(
  client: ApiClient,
  input: ApiInput<'targets.import'>,
): Promise<{ ok: true; value: ImportPreview } | { ok: false; reason: string }> {
  try {
    const out = await client['targets.import'](input);
    return out.ok ? { ok: true, value: out } : out;
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

const changesLine = (p: ImportPreview) =>
  `${p.added.length} added, ${p.changed.length} changed, ${p.removed.length} removed`;

/** The Targets view's fleet import: the source chosen, its preview, and applying or refreshing it. */
export const useFleetImportStore = create<FleetImportState>()((set, get) => ({
  open: false,
  request: emptyRequest(),
  busy: null,
  preview: null,
  failure: null,
  refreshing: {},
  setOpen: (open) => set(open ? { open } : { open, preview: null, failure: null }),
  setRequest: (patch) => set((s) => ({ request: { ...s.request, ...patch }, preview: null, failure: null })),
  async chooseFile(file) {
    set({ busy: 'reading' });
    try {
      get().setRequest({ file: { name: file.name, text: await file.text() } });
    } catch (err) {
      set({ failure: `${file.name}: ${(err as Error).message}` });
    } finally {
      set({ busy: null });
    }
  },
  async previewImport(client) {
    const { request } = get();
    if (request.mode === 'file' && request.file === null) {
      set({ failure: 'Choose a file first.', preview: null });
      return;
    }
    set({ busy: 'preview', failure: null, preview: null });
    const out = await callImport(client, importInput(request, false));
    set(out.ok ? { busy: null, preview: out.value } : { busy: null, failure: out.reason });
  },
  async applyImport(client) {
    const { request } = get();
    set({ busy: 'apply', failure: null });
    const out = await callImport(client, importInput(request, true));
    if (!out.ok) {
      set({ busy: null, failure: out.reason });
      return false;
    }
    useTargetsStore.getState().replaceTargets(out.value.targets);
    const read = out.value.added.length + out.value.changed.length + out.value.unchanged.length;
    useAppStore
      .getState()
      .notify('info', `Imported ${unitOf(request.kind, read)} from ${out.value.where}: ${changesLine(out.value)}`);
    set({ busy: null, open: false, preview: null, request: { ...request, file: null } });
    return true;
  },
  async refreshSource(client, group) {
    if (get().refreshing[group.key]) return;
    set((s) => ({ refreshing: { ...s.refreshing, [group.key]: true } }));
    const out = await callImport(client, group.refresh);
    set((s) => ({ refreshing: { ...s.refreshing, [group.key]: false } }));
    const { notify } = useAppStore.getState();
    if (!out.ok) return notify('error', `Could not refresh ${group.label}: ${out.reason}`);
    useTargetsStore.getState().replaceTargets(out.value.targets);
    notify('info', `Refreshed ${group.label} from ${out.value.where}: ${changesLine(out.value)}`);
  },
}));
