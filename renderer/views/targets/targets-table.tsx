import { useState } from 'react';
import type { TargetFreshness } from '../../../shared/api/contract';
import type { Target } from '../../../shared/schema/targets';
import { formatAge, useNow } from '../../format/age';
import { freshnessText } from '../../format/freshness';
import { capabilitySummary, effectiveCapabilities, isDiscoverable, location } from './target-summary';
import { importAge, sourceLine, sourceOf, stateText, unusableReason } from './target-source';
import type { Discovered } from './targets-store';
import { VirtualTable } from './virtual-table';

const ROW_HEIGHT = 52;
const COLUMNS = ['Target', 'Type', 'Where', 'Capabilities', 'USD/h', 'Freshness', 'Actions'];

export interface RowActions {
  onEdit(t: Target): void;
  onRemove(t: Target): void;
  onProbe(t: Target): void;
}

/** Where a GPU's VRAM came from when the target does not write it: `A100: VRAM from the GPU table (…)`. */
function tableVram(t: Target): string[] {
  return (t.capabilities?.gpus ?? []).flatMap((g) =>
    g.vramFrom === undefined ? [] : [`${g.model ?? g.vendor}: VRAM from ${g.vramFrom}`],
  );
}
/** The main process's record of a target's last outcome, and when the view received it. */
export interface KnownFreshness {
  f: TargetFreshness;
  receivedAt: number;
}

/** When an outcome happened (ms since epoch), to tell which of two is the newer. */
function outcomeTime(d: Discovered | undefined, k: KnownFreshness | undefined): { mine: number; kept: number } {
  const mine = d?.error ? d.receivedAt : d?.report ? d.receivedAt - d.report.ageMs : -Infinity;
  const kept = k && k.f.ageMs !== null ? k.receivedAt - k.f.ageMs : -Infinity;
  return { mine, kept };
}

/**
 * How fresh the capabilities shown are: discovered (with the age, ticking), probing, failed, or as
 * written. What this view asked for (a Probe) and what the main process keeps (a background probe,
 * an earlier run) are both known: the newer outcome is shown.
 */
function Freshness({
  t,
  d,
  k,
  now,
  discoveryOff,
}: {
  t: Target;
  d: Discovered | undefined;
  k: KnownFreshness | undefined;
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
  const times = outcomeTime(d, k);
  if (k && k.f.state !== 'as-written' && (k.f.state === 'probing' || times.kept > times.mine)) {
    const text = freshnessText(t.type, k.f, Math.max(0, now - k.receivedAt));
    return (
      <span className={k.f.state === 'probe-failed' ? 'bad tgt-clip' : 'tgt-clip'} title={text}>
        {text}
      </span>
    );
  }
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
  k,
  now,
  discoveryOff,
  actions,
  confirming,
  setConfirming,
}: {
  t: Target;
  d: Discovered | undefined;
  k: KnownFreshness | undefined;
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
      <div role="cell" className="tgt-clip" title={[summary, ...tableVram(t)].join('\n')}>
        {summary}
      </div>
      <div role="cell" className="tgt-num">
        {t.hourlyRate.toFixed(3)}
      </div>
      <div role="cell" className="tgt-clip">
        <Freshness t={t} d={d} k={k} now={now} discoveryOff={discoveryOff} />
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

/** Every target in one table, virtualised. */
export function TargetsTable({
  targets,
  discovered,
  freshness,
  discoveryOff,
  actions,
}: {
  targets: Target[];
  discovered: Record<string, Discovered>;
  /** The main process's record of each target's last outcome (`targets.resolve`); none when unknown. */
  freshness?: { byId: Record<string, TargetFreshness>; receivedAt: number };
  discoveryOff: boolean;
  actions: RowActions;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const now = useNow();
  return (
    <VirtualTable
      label="Targets"
      columns={COLUMNS}
      rows={targets}
      rowHeight={ROW_HEIGHT}
      visibleRows={10}
      rowClassName="tgt-row"
      rowKey={(t) => t.id}
    >
      {(t) => (
        <Row
          t={t}
          d={discovered[t.id]}
          k={freshness?.byId[t.id] && { f: freshness.byId[t.id]!, receivedAt: freshness.receivedAt }}
          now={now}
          discoveryOff={discoveryOff}
          actions={actions}
          confirming={confirming === t.id}
          setConfirming={setConfirming}
        />
      )}
    </VirtualTable>
  );
}
