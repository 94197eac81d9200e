import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import type { Target } from '../../../shared/schema/targets';
import { formatAge, useNow } from '../../format/age';
import { capabilitySummary, effectiveCapabilities, isDiscoverable, location } from './target-summary';
import { importAge, sourceLine, sourceOf, stateText, unusableReason } from './target-source';
import type { Discovered } from './targets-store';

const ROW_HEIGHT = 52;
const COLUMNS = ['Target', 'Type', 'Where', 'Capabilities', 'USD/h', 'Freshness', 'Actions'];

export interface RowActions {
  onEdit(t: Target): void;
  onRemove(t: Target): void;
  onProbe(t: Target): void;
}

/** How fresh the capabilities shown are: discovered (with the age, ticking), probing, failed, or as written. */
function Freshness({
  t,
  d,
  now,
  discoveryOff,
}: {
  t: Target;
  d: Discovered | undefined;
  now: number;
  discoveryOff: boolean;
}) {
  const source = sourceOf(t);
  if (source) {
    const unusable = unusableReason(t);
    return (
      <>
        <span>{`imported ${formatAge(importAge(source, now))}`}</span>
        {unusable && (
          <div>
            <span className="tgt-badge" title={stateText(t)}>
              <span className="visually-hidden">node state: </span>
              {unusable}
            </span>
          </div>
        )}
      </>
    );
  }
  if (!isDiscoverable(t) || discoveryOff)
    return (
      <span className="muted">{discoveryOff && isDiscoverable(t) ? 'as written (discovery off)' : 'as written'}</span>
    );
  const verb = t.type === 'local' ? 'discovered' : 'probed';
  if (d?.busy)
    return (
      <span className="tgt-busy">
        <span className="spinner" aria-hidden="true" /> {t.type === 'local' ? 'Discovering…' : 'Probing…'}
      </span>
    );
  if (d?.error)
    return (
      <span className="bad tgt-clip" title={d.error}>
        {t.type === 'local' ? 'Discovery' : 'Probe'} failed: {d.error}
      </span>
    );
  if (d?.report) return <span>{`${verb} ${formatAge(d.report.ageMs + (now - d.receivedAt))}`}</span>;
  return <span className="muted">not {verb} yet</span>;
}

function Row({
  t,
  d,
  now,
  discoveryOff,
  actions,
  confirming,
  setConfirming,
}: {
  t: Target;
  d: Discovered | undefined;
  now: number;
  discoveryOff: boolean;
  actions: RowActions;
  confirming: boolean;
  setConfirming(id: string | null): void;
}) {
  const summary = capabilitySummary(effectiveCapabilities(t, d?.report?.capabilities));
  const source = sourceOf(t);
  const where = source ? sourceLine(source, now) : location(t);
  return (
    <>
      <div role="cell" className="tgt-clip">
        <strong>{t.id}</strong>
        {t.name && <div className="muted tgt-clip">{t.name}</div>}
      </div>
      <div role="cell">{t.type}</div>
      <div role="cell" className="tgt-clip" title={where}>
        {where}
      </div>
      <div role="cell" className="tgt-clip" title={summary}>
        {summary}
      </div>
      <div role="cell" className="tgt-num">
        {t.hourlyRate.toFixed(3)}
      </div>
      <div role="cell" className="tgt-clip">
        <Freshness t={t} d={d} now={now} discoveryOff={discoveryOff} />
      </div>
      <div role="cell" className="tgt-actions">
        {confirming ? (
          <>
            <button
              type="button"
              className="danger"
              onClick={() => actions.onRemove(t)}
              aria-label={`Confirm removing ${t.id}`}
            >
              Remove
            </button>
            <button type="button" onClick={() => setConfirming(null)} aria-label={`Keep ${t.id}`}>
              Keep
            </button>
          </>
        ) : (
          <>
            {t.type === 'ssh' && t.probe && (
              <button type="button" onClick={() => actions.onProbe(t)} disabled={d?.busy} aria-label={`Probe ${t.id}`}>
                Probe
              </button>
            )}
            <button type="button" onClick={() => actions.onEdit(t)} aria-label={`Edit ${t.id}`}>
              Edit
            </button>
            <button type="button" onClick={() => setConfirming(t.id)} aria-label={`Remove ${t.id}`}>
              Remove
            </button>
          </>
        )}
      </div>
    </>
  );
}

/**
 * Every target in one table, virtualised: only the rows in view are in the DOM, so a thousand
 * targets scroll as smoothly as ten. A div grid with table roles, since rows are positioned absolutely.
 */
export function TargetsTable({
  targets,
  discovered,
  discoveryOff,
  actions,
}: {
  targets: Target[];
  discovered: Record<string, Discovered>;
  discoveryOff: boolean;
  actions: RowActions;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const now = useNow();
  const height = Math.min(targets.length, 10) * ROW_HEIGHT + 2;
  const given = useRef(height);
  given.current = height;
  const virtualizer = useVirtualizer({
    count: targets.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    // A box not laid out yet measures 0 high and would show no row at all: assume the height it is given.
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: given.current })),
  });
  return (
    <div role="table" aria-label="Targets" aria-rowcount={targets.length + 1} className="tgt-table">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="tgt-row tgt-head">
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
            const t = targets[item.index]!;
            return (
              <div
                role="row"
                key={t.id}
                aria-rowindex={item.index + 2}
                className="tgt-row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                <Row
                  t={t}
                  d={discovered[t.id]}
                  now={now}
                  discoveryOff={discoveryOff}
                  actions={actions}
                  confirming={confirming === t.id}
                  setConfirming={setConfirming}
                />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
