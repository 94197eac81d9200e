import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

/**
 * A table whose rows are virtualised: only those in view are in the DOM, so thousands of targets scroll
 * as smoothly as ten. A div grid with table roles, since rows are positioned absolutely.
 */
export function VirtualTable<T>({
  label,
  columns,
  rows,
  rowHeight,
  visibleRows,
  rowClassName,
  rowKey,
  children,
}: {
  label: string;
  columns: readonly string[];
  rows: readonly T[];
  rowHeight: number;
  /** How many rows the box shows before it scrolls. */
  visibleRows: number;
  rowClassName: string;
  rowKey: (row: T) => string;
  children: (row: T) => ReactNode;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const height = Math.min(rows.length, visibleRows) * rowHeight + 2;
  const given = useRef(height);
  given.current = height;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    // A box not laid out yet measures 0 high and would show no row at all: assume the height it is given.
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: given.current })),
  });
  return (
    <div role="table" aria-label={label} aria-rowcount={rows.length + 1} className="tgt-table">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={`${rowClassName} tgt-head`}>
          {columns.map((c) => (
            <div role="columnheader" key={c}>
              {c}
            </div>
          ))}
        </div>
      </div>
      <div ref={scroller} role="rowgroup" className="tgt-scroll" style={{ height }}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                role="row"
                key={rowKey(row)}
                aria-rowindex={item.index + 2}
                className={rowClassName}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: rowHeight,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                {children(row)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
