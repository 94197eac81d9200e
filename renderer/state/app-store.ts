import { create } from 'zustand';

/** Something the user can do about a notice, once: `Undo`. */
export interface NoticeAction {
  label: string;
  run(): void;
}

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
  /** An optional button beside the text (Undo); pressing it runs it and dismisses the notice. */
  action?: NoticeAction;
}

/** Discovery in progress, per target, from `discovery.progress` events. */
export interface DiscoveryState {
  targetId: string;
  phase: 'started' | 'finished' | 'failed';
  message?: string;
}

/** How long an info notice stays (ms); one with an action (Undo) stays longer. Errors stay until dismissed. */
export const NOTICE_MS = 6000;
export const NOTICE_WITH_ACTION_MS = 12_000;
/** At most this many notices at once: the oldest goes first. */
const MAX_NOTICES = 3;

interface AppState {
  notices: Notice[];
  discovery: Record<string, DiscoveryState>;
  notify(kind: Notice['kind'], text: string, action?: NoticeAction): void;
  dismiss(id: number): void;
  /** Stops a notice's timer while the pointer or focus is on it; `release` starts it again. */
  hold(id: number): void;
  release(id: number): void;
  setDiscovery(state: DiscoveryState): void;
}

let nextNotice = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

/** App-wide state: notices shown in the status area and discovery progress. Views keep their own stores. */
export const useAppStore = create<AppState>((set, get) => {
  const clear = (id: number) => {
    clearTimeout(timers.get(id));
    timers.delete(id);
  };
  const schedule = (n: Notice) => {
    clear(n.id);
    if (n.kind === 'error') return;
    timers.set(
      n.id,
      setTimeout(() => get().dismiss(n.id), n.action ? NOTICE_WITH_ACTION_MS : NOTICE_MS),
    );
  };
  return {
    notices: [],
    discovery: {},
    notify: (kind, text, action) => {
      const notice: Notice = { id: nextNotice++, kind, text, ...(action ? { action } : {}) };
      const kept = get().notices.slice(-(MAX_NOTICES - 1));
      for (const gone of get().notices.filter((n) => !kept.includes(n))) clear(gone.id);
      set({ notices: [...kept, notice] });
      schedule(notice);
    },
    dismiss: (id) => {
      clear(id);
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },
    hold: (id) => clear(id),
    release: (id) => {
      const n = get().notices.find((x) => x.id === id);
      if (n) schedule(n);
    },
    setDiscovery: (state) => set((s) => ({ discovery: { ...s.discovery, [state.targetId]: state } })),
  };
});
