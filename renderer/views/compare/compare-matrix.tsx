import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { STRATEGY_NAMES } from '../../../shared/strategies/registry';
import { useTargetColours } from '../../format/target-colour';
import { MatrixRowCells } from './matrix-cells';
import type { RowList } from './matrix-rows';

/** Every row is this tall (id, capability and price lines, freshness; mismatch texts are clamped), so the list never jumps. */
export const ROW_HEIGHT = 72;
/** The scrolling area's height: about ten rows; the rest of the fleet is rendered only when scrolled to. */
const VIEWPORT = 520;

/**
 * Measures the scrolling area; a size of 0 (before layout, or in a DOM without layout such as the
 * tests') reads as the CSS height, so the first rows render at once.
 */
function observeRect(
  instance: Virtualizer<HTMLDivElement, Element>,
  cb: (rect: { width: number; height: number }) => void,
) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: VIEWPORT }));
}

/** Where each key moves the active row, from `at` in a list of `count`; undefined: not a move key. */
function moveTo(key: string, at: number, count: number): number | undefined {
  const page = Math.max(1, Math.floor(VIEWPORT / ROW_HEIGHT) - 1);
  const to: Record<string, number> = {
    ArrowDown: at + 1,
    ArrowUp: at - 1,
    PageDown: at + page,
    PageUp: at - page,
    Home: 0,
    End: count - 1,
  };
  return key in to ? Math.max(0, Math.min(count - 1, to[key]!)) : undefined;
}

/**
 * The targets × strategies matrix. Rows are virtualised (only what is on screen is in the DOM, and
 * only those rows are built), so 10,000 targets re-rank and repaint as fast as ten. It is one tab
 * stop: the active row's target; the arrow keys, Page Up/Down, Home and End move it (a roving tab
 * index), Enter shows its details. Redrawn only when its rows or the selection change.
 */
export const CompareMatrix = memo(function CompareMatrix({
  rows,
  selected,
  onSelect,
}: {
  rows: RowList;
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const colourOf = useTargetColours();
  const [activeId, setActiveId] = useState<string | null>(null);
  // The row whose target takes focus once it is rendered (after a key moved there).
  const focusPending = useRef<string | null>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    observeElementRect: observeRect,
  });
  // The header is 40 px and the frame 2: a short list takes only the room it needs.
  const height = Math.min(VIEWPORT, ROW_HEIGHT * rows.length + 42);
  const items = virtual.getVirtualItems();
  const activeIndex = Math.max(0, activeId === null ? 0 : rows.indexOf(activeId));
  // The tab stop: the active row while it is rendered, else the first row on screen.
  const stop = items.some((i) => i.index === activeIndex) ? activeIndex : (items[0]?.index ?? 0);

  // After a key moved the active row (and the list scrolled to it), focus its target.
  useEffect(() => {
    const id = focusPending.current;
    if (id === null) return;
    const button = [...(scroller.current?.querySelectorAll<HTMLElement>('[data-row-id]') ?? [])].find(
      (b) => b.dataset['rowId'] === id,
    );
    if (button) {
      focusPending.current = null;
      button.focus();
    }
  });

  function onKey(e: KeyboardEvent) {
    const to = moveTo(e.key, activeIndex, rows.length);
    if (to === undefined) return;
    e.preventDefault();
    focusPending.current = rows.idAt(to);
    setActiveId(rows.idAt(to));
    virtual.scrollToIndex(to, { align: 'auto' });
  }
  return (
    <div
      ref={scroller}
      className="cmp-scroll"
      style={{ height }}
      role="table"
      aria-label="Scores by target and strategy"
      aria-rowcount={rows.length + 1}
    >
      <div role="rowgroup" className="cmp-head">
        <div role="row" aria-rowindex={1} className="cmp-row">
          <div role="columnheader">Target</div>
          {STRATEGY_NAMES.map((s) => (
            <div role="columnheader" key={s} title={s}>
              {s}
            </div>
          ))}
        </div>
      </div>
      <div
        role="rowgroup"
        className="cmp-body"
        style={{ height: virtual.getTotalSize() }}
        onKeyDown={onKey}
        onFocus={(e) => {
          const id = (e.target as HTMLElement).dataset['rowId'];
          if (id !== undefined && id !== activeId) setActiveId(id);
        }}
      >
        {items.map((item) => {
          const row = rows.at(item.index);
          // Keyed by target (the virtualiser's keys are places): a focused row keeps its element when the order changes.
          return (
            <div
              key={row.id}
              role="row"
              aria-rowindex={item.index + 2}
              className={`cmp-row${row.eligible ? '' : ' cmp-row-out'}${row.id === selected ? ' cmp-row-selected' : ''}`}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <MatrixRowCells
                row={row}
                colour={colourOf(row.id)}
                selected={row.id === selected}
                onSelect={onSelect}
                focusable={item.index === stop}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
});
