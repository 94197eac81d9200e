import { create } from 'zustand';
import type { ApiClient, ApiOutput } from '../../../shared/api/contract';

export type CapabilityReport = ApiOutput<'capabilities.get'>;

/** What a `capabilities.changed` event carries (electron/discovery/cache.ts). */
export interface CapabilitiesChanged {
  targetId: string;
  changes: { field: string; text: string }[];
}

/** The last change seen: when, and each field that changed in words (`memoryGb: 32 → 16`). */
export interface SeenChange {
  at: number;
  lines: string[];
}

interface MachineState {
  report: CapabilityReport | null;
  /** When `report` arrived (ms since epoch): its age on screen is `ageMs` plus the time since. */
  receivedAt: number;
  loading: boolean;
  refreshing: boolean;
  error: string | null;
  change: SeenChange | null;
  load(client: ApiClient): Promise<void>;
  refresh(client: ApiClient): Promise<void>;
  /** A `capabilities.changed` event: kept to show, for this machine only. */
  changed(event: unknown, client: ApiClient): void;
  dismissChange(): void;
}

function isChange(event: unknown): event is CapabilitiesChanged {
  const e = event as Partial<CapabilitiesChanged> | null;
  return typeof e?.targetId === 'string' && Array.isArray(e.changes);
}

/**
 * The Machine view's state: this machine's capabilities and the last change discovery saw. It outlives
 * the view, so coming back shows the last report at once while a fresh one is asked for.
 */
export const useMachineStore = create<MachineState>()((set, get) => ({
  report: null,
  receivedAt: 0,
  loading: false,
  refreshing: false,
  error: null,
  change: null,
  async load(client) {
    set({ loading: true });
    try {
      const report = await client['capabilities.get']({});
      set({ report, receivedAt: Date.now(), error: null });
    } catch (err) {
      set({ error: (err as Error).message });
    } finally {
      set({ loading: false });
    }
  },
  async refresh(client) {
    if (get().refreshing) return;
    set({ refreshing: true });
    try {
      const report = await client['capabilities.refresh']({});
      set({ report, receivedAt: Date.now(), error: null });
    } catch (err) {
      set({ error: `Refresh failed: ${(err as Error).message}` });
    } finally {
      set({ refreshing: false });
    }
  },
  changed(event, client) {
    if (!isChange(event)) return;
    const mine = get().report?.targetId ?? 'local';
    if (event.targetId !== mine || event.changes.length === 0) return;
    set({ change: { at: Date.now(), lines: event.changes.map((c) => c.text) } });
    // The event may come from a discovery another view started: show what it found.
    if (!get().refreshing) void get().load(client);
  },
  dismissChange: () => set({ change: null }),
}));
