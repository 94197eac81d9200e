import { useMemo } from 'react';
import { capabilitySummary } from '../../../shared/fleet/summary';
import type { Target } from '../../../shared/schema/targets';
import type { ImportPreview } from './fleet-import-store';
import { sourceOf, stateText } from './target-source';
import { VirtualTable } from './virtual-table';

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
  if (rows.length === 0) return <p className="muted">The source holds nothing, and nothing of it is configured.</p>;
  return (
    <VirtualTable
      label="Import preview"
      columns={COLUMNS}
      rows={rows}
      rowHeight={ROW_HEIGHT}
      visibleRows={8}
      rowClassName="tgt-row tgt-preview-row"
      rowKey={(row) => `${row.status}:${row.target.id}`}
    >
      {(row) => <Row row={row} />}
    </VirtualTable>
  );
}
