import type { CSSProperties } from 'react';
import { STRATEGY_NAMES } from '../../../shared/strategies/registry';
import { formatMoney, formatScore } from '../../format/number';
import { scoreChange } from '../../../shared/engine/score-change';
import type { TargetScore } from '../../../shared/schema/result';
import { capabilityLine, priceLine, priceTitle } from './capability-line';
import { useFreshnessText } from './freshness-store';
import type { MatrixCell, MatrixRow } from './matrix-rows';

const usd = (n: number | null) => (n === null ? 'cost unknown' : n === 0 ? 'free' : formatMoney(n));

/** A cell as the score it shows, for `scoreChange`. */
function asScore(c: MatrixCell): TargetScore {
  return {
    targetId: '',
    targetType: 'local',
    score: c.score,
    eligible: c.eligible,
    estimatedCost: c.estimatedCost,
    estimatedMinutes: null,
    estimate: null,
    matches: [],
    mismatches: [],
    breakdown: c.breakdown,
  };
}

/** How a cell moved since the pin, in symbols and (for screen readers) in words, and the part that moved most. */
function Delta({ now, then }: { now: MatrixCell; then: MatrixCell | 'new' | null }) {
  if (then === null) return null;
  if (then === 'new') return <span className="cmp-delta">new since the pin</span>;
  const notes: string[] = [];
  if (then.winner && !now.winner) notes.push('was winner');
  if (!then.winner && now.winner) notes.push('new winner');
  if (!then.eligible) notes.push('newly eligible');
  const d = now.score - then.score;
  const moved = then.eligible && Math.abs(d) >= 0.0005;
  if (!moved && notes.length === 0) return <span className="cmp-delta muted">= pin</span>;
  // Which part moved most: the matrix names it, Target details say why.
  const change = moved ? scoreChange('', asScore(then), asScore(now), { inputs: [], left: [], joined: [] }) : null;
  const top = change?.parts[0];
  const title = change?.parts.map((p) => `${p.name} ${formatScore(p.from)} → ${formatScore(p.to)}`).join('; ');
  return (
    <span
      className={`cmp-delta ${d > 0 ? 'ok' : d < 0 ? 'bad' : ''}`}
      title={title ? `since the pin: ${title}` : undefined}
    >
      {moved && (
        <>
          <span aria-hidden="true">{`${d > 0 ? '▲' : '▼'}${formatScore(Math.abs(d))}`}</span>
          <span className="visually-hidden">{`${d > 0 ? 'up' : 'down'} ${formatScore(Math.abs(d))} from the pin`}</span>
          {top && ` ${top.name}`}
        </>
      )}
      {notes.length > 0 && ` ${notes.join(', ')}`}
    </span>
  );
}

/** A score's parts in a line, for its cell's title. */
function breakdownTitle(cell: MatrixCell): string | undefined {
  const b = cell.breakdown;
  return b
    ? `base ${formatScore(b.base)}, preferences ${formatScore(b.preferences)}, affinity ${formatScore(b.affinity)}, anti-affinity ${formatScore(b.antiAffinity)}`
    : undefined;
}

/**
 * One eligible target under one strategy: its score (and a bar), rank, cost, and whether it won; its
 * parts as its title when `titled` (the engine builds a ranking's breakdowns when first read).
 */
function ScoreCell({
  cell,
  then,
  colour,
  titled,
}: {
  cell: MatrixCell;
  then: MatrixCell | 'new' | null;
  colour: string;
  titled: boolean;
}) {
  const title = titled ? breakdownTitle(cell) : undefined;
  return (
    <div role="cell" className={cell.winner ? 'cmp-cell cmp-win' : 'cmp-cell'} title={title}>
      <span
        className="cmp-bar"
        aria-hidden="true"
        style={{ '--score': cell.score, '--bar': colour } as CSSProperties}
      />
      <span className="cmp-score">{formatScore(cell.score)}</span>
      {cell.winner && <span className="cmp-star">★ winner</span>}
      <span className="cmp-meta muted">{`#${cell.rank} · ${usd(cell.estimatedCost)}`}</span>
      <Delta now={cell} then={then} />
    </div>
  );
}

/** An ineligible target: one cell across every strategy saying which requirements it misses. */
function IneligibleCell({ row }: { row: MatrixRow }) {
  const wasEligible = Array.isArray(row.pinned) && row.pinned.some((c) => c.eligible);
  return (
    <div role="cell" className="cmp-cell cmp-out" aria-colspan={STRATEGY_NAMES.length} title={row.why.join('\n')}>
      <span className="cmp-why">
        {row.unknown ? <strong className="warn">? Unknown:</strong> : <strong className="bad">✗ Ineligible:</strong>}{' '}
        {row.why.join('; ')}
      </span>
      {wasEligible && <span className="cmp-delta bad">was eligible under the pin</span>}
    </div>
  );
}

/** How fresh a probed target's capabilities are, in a word or two; the whole sentence as its title. */
function RowFreshness({ id, type }: { id: string; type: string }) {
  const short = useFreshnessText(id, type, true);
  const full = useFreshnessText(id, type);
  if (short === null) return null;
  const failed = short.includes('failed');
  return (
    <span className={`cmp-fresh ${failed ? 'warn' : 'muted'}`} title={full ?? undefined}>
      {failed && <span aria-hidden="true">⚠ </span>}
      {short}
    </span>
  );
}

/**
 * One target's row: the target (in its colour, as every chart draws it), then its cell under every
 * strategy, titled with each score's parts when `titled`. The target's button is the row's one tab
 * stop when `focusable`; the matrix moves that stop with the arrow keys (a roving tab index).
 */
export function MatrixRowCells({
  row,
  colour,
  selected,
  onSelect,
  focusable = true,
  titled = true,
}: {
  row: MatrixRow;
  /** The target's colour (`targetColour`). */
  colour: string;
  selected: boolean;
  onSelect: (id: string) => void;
  focusable?: boolean;
  titled?: boolean;
}) {
  const caps = capabilityLine(row.capabilities);
  const price = priceLine(row.type, row.hourlyRate, row.estimatedCost, row);
  return (
    <>
      <div role="rowheader" className="cmp-target">
        <button
          type="button"
          className="cmp-target-id"
          aria-pressed={selected}
          onClick={() => onSelect(row.id)}
          title="Show details"
          tabIndex={focusable ? 0 : -1}
          data-row-id={row.id}
        >
          <span className="target-swatch" aria-hidden="true" style={{ background: colour }} />
          {row.id}
        </button>
        <span className="cmp-caps" title={`vCPUs · memory · GPUs with VRAM: ${caps}`}>
          {caps}
        </span>
        <span className="cmp-caps muted" title={priceTitle(price, row)}>
          {price}
        </span>
        <RowFreshness id={row.id} type={row.type} />
      </div>
      {row.eligible ? (
        row.cells.map((cell, k) => (
          <ScoreCell
            key={k}
            cell={cell}
            colour={colour}
            titled={titled}
            then={Array.isArray(row.pinned) ? row.pinned[k]! : row.pinned}
          />
        ))
      ) : (
        <IneligibleCell row={row} />
      )}
    </>
  );
}
