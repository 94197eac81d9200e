import { create } from 'zustand';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

/** Discovery in progress, per target, from `discovery.progress` events. */
export interface DiscoveryState {
  targetId: string;
  phase: 'started' | 'finished' | 'failed';
  message?: string;
}

interface AppState {
  notices: Notice[];
  discovery: Record<string, DiscoveryState>;
  notify(kind: Notice['kind'], text: string): void;
  dismiss(id: number): void;
  setDiscovery(state: DiscoveryState): void;
}

let nextNotice = 1;

/** App-wide state: notices shown in the status area and discovery progress. Views keep their own stores. */
export const useAppStore = create<AppState>((set) => ({
  notices: [],
  discovery: {},
  notify: (kind, text) => set((s) => ({ notices: [...s.notices.slice(-4), { id: nextNotice++, kind, text }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  setDiscovery: (state) => set((s) => ({ discovery: { ...s.discovery, [state.targetId]: state } })),
}));
