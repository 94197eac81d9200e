import { create } from 'zustand';
import type { ApiClient, ApiOutput, TargetFreshness } from '../../../shared/api/contract';
import type { PlacementOptions, Target } from '../../../shared/schema/targets';
import { useTargetOrder } from '../../format/target-colour';
import { ApiFailure } from '../../api/client';

export type CapabilityReport = ApiOutput<'capabilities.get'>;

/** What is known about one target's discovered capabilities. */
export interface Discovered {
  report: CapabilityReport | null;
  /** When the report arrived (ms since epoch), to tick its age on screen. */
  receivedAt: number;
  busy: boolean;
  error: string | null;
}

/** The outcome of a save: done, or the problems the main process found (path and message). */
export type Saved = { ok: true } | { ok: false; problems: { path: string; message: string }[] };

interface TargetsState {
  targets: Target[];
  options: PlacementOptions | null;
  loading: boolean;
  error: string | null;
  discovered: Record<string, Discovered>;
  /** Each target's last discovery outcome as the main process keeps it (across restarts), and when it came. */
  freshness: { byId: Record<string, TargetFreshness>; receivedAt: number };
  filter: string;
  load(client: ApiClient): Promise<void>;
  /** Reads each target's last outcome (`targets.resolve` with `discover: false`: it starts no probe). */
  loadFreshness(client: ApiClient): Promise<void>;
  /** Saves the whole list with the configured options (`targets.save`); the list shown is what was saved. */
  save(client: ApiClient, targets: Target[], options?: PlacementOptions): Promise<Saved>;
  /** Discovers (local) or probes (ssh) a target: `targets.probe`, or `capabilities.get` when `cachedOk`. */
  discover(client: ApiClient, id: string, cachedOk: boolean): Promise<void>;
  setFilter(filter: string): void;
  /** Shows a list the main process has already saved (an applied fleet import). */
  replaceTargets(targets: Target[]): void;
}

function problemsOf(err: unknown): { path: string; message: string }[] {
  if (err instanceof ApiFailure && err.error.issues?.length)
    return err.error.issues.map((i) => ({ path: i.path.replace(/^file\.?/, ''), message: i.message }));
  return [{ path: '', message: (err as Error).message }];
}

/** The discovery reports still true of the new list: a target whose definition changed is discovered anew. */
function stillDiscovered(
  discovered: Record<string, Discovered>,
  before: readonly Target[],
  after: readonly Target[],
): Record<string, Discovered> {
  return Object.fromEntries(
    Object.entries(discovered).filter(([id]) =>
      after.some((t) => t.id === id && JSON.stringify(t) === JSON.stringify(before.find((o) => o.id === id))),
    ),
  );
}

/** The Targets view's state: the configured targets and options, and what discovery said of each. */
export const useTargetsStore = create<TargetsState>()((set, get) => ({
  targets: [],
  options: null,
  loading: false,
  error: null,
  discovered: {},
  freshness: { byId: {}, receivedAt: 0 },
  filter: '',
  async load(client) {
    set({ loading: true });
    try {
      const [{ targets }, options] = await Promise.all([client['targets.list']({}), client['settings.get']({})]);
      set({ targets, options, error: null });
      useTargetOrder.getState().setOrder(targets.map((t) => t.id));
    } catch (err) {
      set({ error: (err as Error).message });
    } finally {
      set({ loading: false });
    }
    await get().loadFreshness(client);
  },
  async loadFreshness(client) {
    try {
      const { freshness } = await client['targets.resolve']({ discover: false });
      set({ freshness: { byId: freshness, receivedAt: Date.now() } });
    } catch {
      // Freshness only adds words to the table; without it a target reads "not probed yet".
    }
  },
  async save(client, targets, options) {
    const placement = options ?? get().options ?? undefined;
    try {
      const saved = await client['targets.save']({ file: { ...(placement && { placement }), targets } });
      // Options may have come with an imported file: read back what is now configured.
      const settings = options ? await client['settings.get']({}) : get().options;
      useTargetOrder.getState().setOrder(saved.targets.map((t) => t.id));
      set((s) => ({
        targets: saved.targets,
        options: settings,
        discovered: stillDiscovered(s.discovered, s.targets, saved.targets),
      }));
      return { ok: true };
    } catch (err) {
      return { ok: false, problems: problemsOf(err) };
    }
  },
  async discover(client, id, cachedOk) {
    const entry = (patch: Partial<Discovered>) =>
      set((s) => ({
        discovered: {
          ...s.discovered,
          [id]: { report: null, receivedAt: 0, busy: false, error: null, ...s.discovered[id], ...patch },
        },
      }));
    if (get().discovered[id]?.busy) return;
    entry({ busy: true, error: null });
    try {
      if (cachedOk) {
        entry({ report: await client['capabilities.get']({ targetId: id }), receivedAt: Date.now(), busy: false });
        return;
      }
      const probed = await client['targets.probe']({ targetId: id });
      if (probed.ok) entry({ report: probed.report, receivedAt: Date.now(), busy: false });
      else entry({ busy: false, error: probed.reason });
    } catch (err) {
      entry({ busy: false, error: (err as Error).message });
    }
  },
  setFilter: (filter) => set({ filter }),
  replaceTargets: (targets) => set((s) => ({ targets, discovered: stillDiscovered(s.discovered, s.targets, targets) })),
}));
