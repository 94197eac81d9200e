import { create } from 'zustand';
import type { TargetFreshness } from '../../../shared/api/contract';
import { freshnessText } from '../../format/freshness';

interface FreshnessState {
  /** Each target's last discovery outcome, as the last `targets.resolve` answered it. */
  byId: Record<string, TargetFreshness>;
  /** When that answer came (ms since epoch): ages shown are its ages plus the time since. */
  receivedAt: number;
  set(byId: Record<string, TargetFreshness>): void;
}

/** Compare's record of how fresh each target's capabilities are, for the matrix rows and the details. */
export const useFreshnessStore = create<FreshnessState>()((set) => ({
  byId: {},
  receivedAt: 0,
  set: (byId) => set({ byId, receivedAt: Date.now() }),
}));

/**
 * A probed or discovered target's freshness in words (`probed 2 min ago`, `probe failed: …; using the
 * capabilities written in the file`); null for a target whose capabilities are as written.
 */
export function useFreshnessText(id: string, type: string, short = false): string | null {
  return useFreshnessStore((s) => {
    const f = s.byId[id];
    if (f === undefined || f.state === 'as-written') return null;
    // Ages as of the answer: a re-render on each new answer keeps them honest without a ticking timer.
    return freshnessText(type, f, 0, short);
  });
}
