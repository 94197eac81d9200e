import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { STRATEGY_NAMES } from '../../../shared/strategies/registry';
import { MatrixRowCells } from './matrix-cells';
import type { MatrixRow } from './matrix-rows';

/** Every row is this tall (mismatch texts are clamped), so the list never jumps while scrolling. */
export const ROW_HEIGHT = 68;
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

/**
 * The targets × strategies matrix. Rows are virtualised (only what is on screen is in the DOM), so
 * 1,000 targets re-rank and repaint as fast as ten.
 */
export function CompareMatrix({
  rows,
  selected,
  onSelect,
}: {
  rows: MatrixRow[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    observeElementRect: observeRect,
    getItemKey: (i) => rows[i]!.id,
  });
  // The header is 40 px and the frame 2: a short list takes only the room it needs.
  const height = Math.min(VIEWPORT, ROW_HEIGHT * rows.length + 42);
  return (
    <div
      ref={scroller}
      className="cmp-scroll"
      style={{ height }}
      role="table"
      aria-label="Scores by target and strategy"
      aria-rowcount={rows.length + 1}
      tabIndex={0}
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
      <div role="rowgroup" className="cmp-body" style={{ height: virtual.getTotalSize() }}>
        {virtual.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              className={`cmp-row${row.eligible ? '' : ' cmp-row-out'}${row.id === selected ? ' cmp-row-selected' : ''}`}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              <MatrixRowCells row={row} selected={row.id === selected} onSelect={() => onSelect(row.id)} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
