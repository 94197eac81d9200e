import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import { capabilitySummary } from '../../../shared/fleet/summary';
import type { Target } from '../../../shared/schema/targets';
import type { ImportPreview } from './fleet-import-store';
import { sourceOf, stateText } from './target-source';

const ROW_HEIGHT = 44;
const COLUMNS = ['Import', 'Target', 'Capabilities', 'State', 'What changes'];

export type PreviewStatus = 'added' | 'changed' | 'removed' | 'unchanged';

export interface PreviewRow {
  status: PreviewStatus;
  target: Target;
  changes: string[];
}

/** Every target the import touches, added first, then changed, removed and unchanged. */
export function previewRows(p: ImportPreview): PreviewRow[] {
  return [
    ...p.added.map((target) => ({ status: 'added' as const, target, changes: [] })),
    ...p.changed.map((c) => ({ status: 'changed' as const, target: c.target, changes: c.changes })),
    ...p.removed.map((target) => ({ status: 'removed' as const, target, changes: [] })),
    ...p.unchanged.map((target) => ({ status: 'unchanged' as const, target, changes: [] })),
  ];
}

function Row({ row }: { row: PreviewRow }) {
  const { status, target: t, changes } = row;
  const node = sourceOf(t)?.node;
  const state = stateText(t);
  const what = status === 'changed' ? changes.join('; ') : status === 'removed' ? 'no longer in the source' : '';
  return (
    <>
      <div role="cell">
        <span className={`tgt-status tgt-status-${status}`}>{status}</span>
      </div>
      <div role="cell" className="tgt-clip" title={node && node !== t.id ? `${t.id} (node ${node})` : t.id}>
        <strong>{t.id}</strong>
        {node && node !== t.id && <span className="muted"> node {node}</span>}
      </div>
      <div role="cell" className="tgt-clip" title={capabilitySummary(t)}>
        {capabilitySummary(t)}
      </div>
      <div role="cell" className={`tgt-clip ${state === 'schedulable' ? 'muted' : 'warn'}`} title={state}>
        {state}
      </div>
      <div role="cell" className="tgt-clip" title={what}>
        {what}
      </div>
    </>
  );
}

/**
 * The targets an import would add, change, remove or leave, virtualised like the Targets table: a
 * cluster of thousands of nodes previews as smoothly as ten.
 */
export function FleetPreviewTable({ preview }: { preview: ImportPreview }) {
  const rows = useMemo(() => previewRows(preview), [preview]);
  const scroller = useRef<HTMLDivElement>(null);
  const height = Math.min(rows.length, 8) * ROW_HEIGHT + 2;
  const given = useRef(height);
  given.current = height;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // A box not laid out yet measures 0 high and would show no row at all: assume the height it is given.
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: given.current })),
  });
  if (rows.length === 0) return <p className="muted">The source holds nothing, and nothing of it is configured.</p>;
  return (
    <div role="table" aria-label="Import preview" aria-rowcount={rows.length + 1} className="tgt-table">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="tgt-row tgt-preview-row tgt-head">
          {COLUMNS.map((c) => (
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
                key={`${row.status}:${row.target.id}`}
                aria-rowindex={item.index + 2}
                className="tgt-row tgt-preview-row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <Row row={row} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
