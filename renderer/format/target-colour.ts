// One colour per target, everywhere: gpu-box is the same colour in Compare's chart, the matrix and
// the History timeline. The configured targets take the palette's colours in their order in the
// targets file, so the first ten never share one; a target that is not configured (a past
// placement's) falls back to a hash of its id. The palette's colours are CSS variables
// (styles.css), light and dark.
import { create } from 'zustand';

/** How many colours the palette has: `--target-1` … `--target-10`. */
export const TARGET_PALETTE_SIZE = 10;

/** FNV-1a over the id's UTF-16 code units: cheap, and the same in every view and every run. */
function hash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

interface TargetOrder {
  /** Each configured target's place in the targets file. */
  index: ReadonlyMap<string, number>;
  /** Called with the configured targets' ids whenever they are read; a no-op when they did not change. */
  setOrder(ids: readonly string[]): void;
}

export const useTargetOrder = create<TargetOrder>()((set, get) => ({
  index: new Map(),
  setOrder(ids) {
    const now = get().index;
    if (now.size === ids.length && ids.every((id, i) => now.get(id) === i)) return;
    set({ index: new Map(ids.map((id, i) => [id, i])) });
  },
}));

/** The palette slot of a target (1-based): by its place among the configured targets, else by its id. */
export function targetColourIndex(
  id: string,
  index: ReadonlyMap<string, number> = useTargetOrder.getState().index,
): number {
  const at = index.get(id);
  return ((at ?? hash(id)) % TARGET_PALETTE_SIZE) + 1;
}

/** The colour of a target, as a CSS value: `var(--target-3)`. */
export function targetColour(id: string, index?: ReadonlyMap<string, number>): string {
  return `var(--target-${targetColourIndex(id, index)})`;
}

/** `targetColour` for a component: it repaints when the configured targets' order changes. */
export function useTargetColours(): (id: string) => string {
  const index = useTargetOrder((s) => s.index);
  return (id) => targetColour(id, index);
}

/** A series that is not one target (`other`, `no target`): a neutral colour, never a target's. */
export const NEUTRAL_SERIES_COLOUR = 'var(--fg-muted)';
