import { create } from 'zustand';
import type { ApiClient, ApiOutput } from '../../../shared/api/contract';
import { historyQuery, NO_FILTERS, type HistoryFilters } from './history-query';

export type HistoryEntry = ApiOutput<'history.list'>['entries'][number];
export type Replay = ApiOutput<'history.replay'>;

export const PAGE_SIZE = 50;

/** One entry's replay: loading, done, or why it could not be replayed. */
export interface ReplayState {
  loading: boolean;
  data: Replay | null;
  error: string | null;
}

interface HistoryState {
  filters: HistoryFilters;
  /** Where the loaded page starts in the filtered list (newest first). */
  offset: number;
  entries: HistoryEntry[];
  total: number;
  warnings: string[];
  loading: boolean;
  /** True once a page has arrived: until then the view cannot say the history is empty. */
  loaded: boolean;
  error: string | null;
  /** The selected entry's place in the whole filtered list, and its id (Export uses it). */
  selected: number | null;
  selectedId: string | null;
  replays: Record<string, ReplayState>;
  setFilters(client: ApiClient, patch: Partial<HistoryFilters>): void;
  /** Loads the page starting at `offset` (the current one by default). */
  load(client: ApiClient, offset?: number): Promise<void>;
  /** Selects the entry at `index` of the filtered list, loading its page if needed, and replays it. */
  select(client: ApiClient, index: number): Promise<void>;
  replay(client: ApiClient, id: string): Promise<void>;
}

// Answers can arrive out of order (a fast typist, a slow disk): only the latest request's counts.
let latestLoad = 0;

/**
 * The History view's state: the filters, one page of the filtered placements, the selection and the
 * replays fetched so far. It outlives the view: Export reads the filters and the selection from it.
 */
export const useHistoryStore = create<HistoryState>()((set, get) => ({
  filters: NO_FILTERS,
  offset: 0,
  entries: [],
  total: 0,
  warnings: [],
  loading: false,
  loaded: false,
  error: null,
  selected: null,
  selectedId: null,
  replays: {},
  setFilters(client, patch) {
    set((s) => ({ filters: { ...s.filters, ...patch }, selected: null, selectedId: null }));
    void get().load(client, 0);
  },
  async load(client, offset = get().offset) {
    const request = ++latestLoad;
    set({ loading: true });
    try {
      const page = await client['history.list']({ ...historyQuery(get().filters), offset, limit: PAGE_SIZE });
      if (request !== latestLoad) return;
      set({ ...page, offset, loaded: true, error: null, loading: false });
      // New placements push the selected one down the list: follow it while it is on this page.
      const moved = page.entries.findIndex((e) => e.requestId === get().selectedId);
      if (moved >= 0) set({ selected: offset + moved });
    } catch (err) {
      if (request === latestLoad) set({ error: (err as Error).message, loading: false, loaded: true });
    }
  },
  async select(client, index) {
    const { total, offset } = get();
    if (index < 0 || index >= total) return;
    if (index < offset || index >= offset + PAGE_SIZE)
      await get().load(client, Math.floor(index / PAGE_SIZE) * PAGE_SIZE);
    const s = get();
    const entry = s.entries[index - s.offset];
    if (!entry) return;
    set({ selected: index, selectedId: entry.requestId });
    await get().replay(client, entry.requestId);
  },
  async replay(client, id) {
    const held = get().replays[id];
    if (held && (held.loading || held.data)) return;
    const put = (r: ReplayState) => set((s) => ({ replays: { ...s.replays, [id]: r } }));
    put({ loading: true, data: null, error: null });
    try {
      put({ loading: false, data: await client['history.replay']({ id }), error: null });
    } catch (err) {
      put({ loading: false, data: null, error: (err as Error).message });
    }
  },
}));
