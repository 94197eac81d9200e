import type { CSSProperties } from 'react';
import { STRATEGY_NAMES } from '../../../shared/strategies/registry';
import type { MatrixCell, MatrixRow } from './matrix-rows';

const usd = (n: number | null) => (n === null ? 'cost unknown' : n === 0 ? 'free' : `$${n.toFixed(2)}`);

/** How a cell moved since the pin, in symbols and (for screen readers) in words. */
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
  return (
    <span className={`cmp-delta ${d > 0 ? 'ok' : d < 0 ? 'bad' : ''}`}>
      {moved && (
        <>
          <span aria-hidden="true">{`${d > 0 ? '▲' : '▼'}${Math.abs(d).toFixed(3)}`}</span>
          <span className="visually-hidden">{`${d > 0 ? 'up' : 'down'} ${Math.abs(d).toFixed(3)} from the pin`}</span>
        </>
      )}
      {notes.length > 0 && ` ${notes.join(', ')}`}
    </span>
  );
}

/** One eligible target under one strategy: its score (and a bar), rank, cost, and whether it won. */
function ScoreCell({ cell, then, strategy }: { cell: MatrixCell; then: MatrixCell | 'new' | null; strategy: number }) {
  const b = cell.breakdown;
  const title = b
    ? `base ${b.base.toFixed(3)}, preferences ${b.preferences.toFixed(3)}, affinity ${b.affinity.toFixed(3)}, anti-affinity ${b.antiAffinity.toFixed(3)}`
    : undefined;
  return (
    <div role="cell" className={cell.winner ? 'cmp-cell cmp-win' : 'cmp-cell'} title={title}>
      <span
        className="cmp-bar"
        aria-hidden="true"
        style={{ '--score': cell.score, '--bar': `var(--chart-${strategy + 1})` } as CSSProperties}
      />
      <span className="cmp-score">{cell.score.toFixed(3)}</span>
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
        <strong className="bad">✗ Ineligible:</strong> {row.why.join('; ')}
      </span>
      {wasEligible && <span className="cmp-delta bad">was eligible under the pin</span>}
    </div>
  );
}

/** One target's row: the target, then its cell under every strategy. */
export function MatrixRowCells({
  row,
  selected,
  onSelect,
}: {
  row: MatrixRow;
  selected: boolean;
  onSelect: () => void;
}) {
  return (
    <>
      <div role="rowheader" className="cmp-target">
        <button type="button" className="cmp-target-id" aria-pressed={selected} onClick={onSelect} title="Show details">
          {row.id}
        </button>
        <span className="muted">{`${row.type} · ${row.hourlyRate > 0 ? `$${row.hourlyRate}/h` : 'no hourly rate'}`}</span>
      </div>
      {row.eligible ? (
        row.cells.map((cell, k) => (
          <ScoreCell key={k} cell={cell} strategy={k} then={Array.isArray(row.pinned) ? row.pinned[k]! : row.pinned} />
        ))
      ) : (
        <IneligibleCell row={row} />
      )}
    </>
  );
}
