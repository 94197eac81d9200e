import { useEffect, useMemo, useRef, useState } from 'react';
import type { Target } from '../../../shared/schema/targets';
import { useApi } from '../../api/context';
import { useAppStore } from '../../state/app-store';
import { useNow } from '../../format/age';
import { FleetImport } from './fleet-import';
import { useFleetImportStore } from './fleet-import-store';
import { ImportProblems, ImportTargets } from './import-targets';
import { SourceGroups } from './source-groups';
import { sourceGroups } from './target-source';
import { TargetForm } from './target-form';
import { isDiscoverable, matchesFilter } from './target-summary';
import { TargetsTable } from './targets-table';
import { useTargetsStore } from './targets-store';
import './targets.css';
import { count } from '../../format/count';

/** Every target with its capabilities, rate and freshness; add, edit, remove, probe and import them. */
export default function TargetsView() {
  const api = useApi();
  const { client } = api;
  const targets = useTargetsStore((s) => s.targets);
  const options = useTargetsStore((s) => s.options);
  const loading = useTargetsStore((s) => s.loading);
  const error = useTargetsStore((s) => s.error);
  const discovered = useTargetsStore((s) => s.discovered);
  const freshness = useTargetsStore((s) => s.freshness);
  const filter = useTargetsStore((s) => s.filter);
  const { load, save, discover, setFilter, loadFreshness } = useTargetsStore.getState();
  const notify = useAppStore((s) => s.notify);
  const [editing, setEditing] = useState<Target | 'new' | null>(null);
  const [importProblems, setImportProblems] = useState<string[]>([]);
  const discoveryOn = options?.discoveryEnabled ?? false;
  const fleetOpen = useFleetImportStore((s) => s.open);
  const refreshing = useFleetImportStore((s) => s.refreshing);
  const { setOpen: setFleetOpen, refreshSource } = useFleetImportStore.getState();
  const groups = useMemo(() => sourceGroups(targets), [targets]);
  const now = useNow(10_000);
  const fleetButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(fleetOpen);

  // The import panel closed (applied or cancelled): focus goes back to the button that opened it.
  useEffect(() => {
    if (wasOpen.current && !fleetOpen) fleetButton.current?.focus();
    wasOpen.current = fleetOpen;
  }, [fleetOpen]);

  useEffect(() => {
    void load(client);
  }, [client, load]);

  // This machine is cheap to ask (its discovery is cached); SSH hosts are probed only when asked to.
  useEffect(() => {
    if (!discoveryOn) return;
    for (const t of targets)
      if (t.type === 'local' && !useTargetsStore.getState().discovered[t.id]) void discover(client, t.id, true);
  }, [client, discover, discoveryOn, targets]);

  // A discovery elsewhere (Machine's Refresh, Compare, a background retry) changed a target or its
  // outcome: show what it found, and read every target's last outcome again.
  useEffect(
    () =>
      api.on('capabilities.changed', (e) => {
        const id = (e as { targetId?: unknown }).targetId;
        const state = useTargetsStore.getState().discovered[id as string];
        const known = typeof id === 'string' && state?.report && !state.busy;
        if (known && (e as { outcome?: unknown }).outcome !== 'probe-failed') void discover(client, id as string, true);
        void loadFreshness(client);
      }),
    [api, client, discover, loadFreshness],
  );

  // A live source read again in the background (older than cacheMinutes): show what it holds now.
  useEffect(
    () =>
      api.on('targets.changed', (e) => {
        const { ok, source, reason } = e as { ok?: boolean; source?: string; reason?: string };
        if (ok) void load(client);
        else notify('error', `Could not refresh ${source ?? 'a source'}: ${reason ?? 'no reason given'}`);
      }),
    [api, client, load, notify],
  );

  const shown = useMemo(() => targets.filter((t) => matchesFilter(t, filter)), [targets, filter]);
  const others = (id?: string) => targets.filter((t) => t.id !== id).map((t) => t.id);

  async function saveTarget(t: Target) {
    const list =
      editing === 'new' || editing === null ? [...targets, t] : targets.map((x) => (x.id === editing.id ? t : x));
    const saved = await save(client, list);
    if (saved.ok) {
      notify('info', `Saved target ${t.id}`);
      setEditing(null);
    }
    return saved;
  }

  async function remove(t: Target) {
    const saved = await save(
      client,
      targets.filter((x) => x.id !== t.id),
    );
    if (saved.ok) notify('info', `Removed target ${t.id}`);
    else notify('error', `Could not remove ${t.id}: ${saved.problems.map((p) => p.message).join('; ')}`);
  }

  async function probe(t: Target) {
    await discover(client, t.id, false);
    const failed = useTargetsStore.getState().discovered[t.id]?.error;
    if (failed) notify('error', `Probe of ${t.id} failed: ${failed}`);
  }

  return (
    <div className="tgt-view">
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => setEditing('new')} disabled={editing !== null}>
          Add a target
        </button>
        <ImportTargets
          onProblems={setImportProblems}
          onImport={async (file, name) => {
            const saved = await save(client, file.targets, file.placement);
            if (saved.ok) notify('info', `Imported ${count(file.targets.length, 'target')} from ${name}`);
            return saved;
          }}
        />
        <button
          ref={fleetButton}
          type="button"
          onClick={() => setFleetOpen(true)}
          disabled={fleetOpen}
          aria-expanded={fleetOpen}
        >
          Import a fleet
        </button>
        <span className="tgt-spacer" />
        <label htmlFor="tgt-filter" className="visually-hidden">
          Filter targets
        </label>
        <input
          id="tgt-filter"
          type="search"
          placeholder="Filter: id, type, host, node, label…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="muted tgt-count" role="status">
          {loading && targets.length === 0
            ? 'Loading…'
            : shown.length === targets.length
              ? count(targets.length, 'target')
              : `Showing ${shown.length} of ${targets.length}`}
        </span>
      </div>
      <ImportProblems lines={importProblems} onDismiss={() => setImportProblems([])} />
      {fleetOpen && <FleetImport />}
      {error && (
        <p className="card bad" role="alert">
          Could not load the targets: {error}
        </p>
      )}
      {editing !== null && (
        <TargetForm
          key={editing === 'new' ? 'new' : editing.id}
          editing={editing === 'new' ? undefined : editing}
          takenIds={others(editing === 'new' ? undefined : editing.id)}
          onSave={saveTarget}
          onCancel={() => setEditing(null)}
        />
      )}
      {!discoveryOn && options && targets.some(isDiscoverable) && (
        <p className="muted">
          Discovery is off (placement.discoveryEnabled: false): every target uses what its file writes.
        </p>
      )}
      <SourceGroups
        groups={groups}
        now={now}
        refreshing={refreshing}
        onRefresh={(g) => void refreshSource(client, g)}
      />
      {shown.length > 0 ? (
        <TargetsTable
          targets={shown}
          discovered={discovered}
          freshness={freshness}
          discoveryOff={!discoveryOn}
          actions={{ onEdit: setEditing, onRemove: (t) => void remove(t), onProbe: (t) => void probe(t) }}
        />
      ) : (
        !loading && (
          <p className="empty">
            {targets.length === 0
              ? 'No targets. Add one with “Add a target”, import a targets file (see examples/targets.yaml), or import a fleet.'
              : `No target matches “${filter}”. Clear the filter to see all ${targets.length}.`}
          </p>
        )
      )}
    </div>
  );
}
