// One colour per target, everywhere: the colour is a function of the target's id alone (not of its
// place in a chart or list), so gpu-box is the same colour in Compare's chart, the matrix and the
// History timeline. The palette's colours are CSS variables (styles.css), light and dark.

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

/** The palette slot of a target (1-based), from its id only. */
export function targetColourIndex(id: string): number {
  return (hash(id) % TARGET_PALETTE_SIZE) + 1;
}

/** The colour of a target, as a CSS value: `var(--target-3)`. */
export function targetColour(id: string): string {
  return `var(--target-${targetColourIndex(id)})`;
}

/** A series that is not one target (`other`, `no target`): a neutral colour, never a target's. */
export const NEUTRAL_SERIES_COLOUR = 'var(--fg-muted)';
