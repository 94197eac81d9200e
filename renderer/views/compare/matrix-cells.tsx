import { memo, useLayoutEffect, useRef, type CSSProperties, type PointerEvent } from 'react';
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

interface ScoreCellProps {
  cell: MatrixCell;
  then: MatrixCell | 'new' | null;
  colour: string;
}

/** What a cell shows, besides its title: the same numbers, the same place. */
function sameCell(a: MatrixCell, b: MatrixCell): boolean {
  return (
    a.score === b.score &&
    a.eligible === b.eligible &&
    a.rank === b.rank &&
    a.winner === b.winner &&
    a.estimatedCost === b.estimatedCost
  );
}

function sameThen(a: MatrixCell | 'new' | null, b: MatrixCell | 'new' | null): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && sameCell(a, b));
}

/**
 * A re-rank rebuilds every cell, and most show what they showed: those are not drawn again. (Such a
 * cell keeps its score's parts from before, for its title: parts that differ at the same score, rank
 * and cost would be two splittings of one sum, equal to the last bit.)
 */
function sameScoreCell(a: ScoreCellProps, b: ScoreCellProps): boolean {
  return a.colour === b.colour && sameCell(a.cell, b.cell) && sameThen(a.then, b.then);
}

/**
 * One eligible target under one strategy: its score (and a bar), rank, cost, and whether it won. Its
 * parts are its title, written when the pointer comes to it: the engine builds a score's parts when
 * first read, and a re-rank reads only what the matrix shows.
 */
const ScoreCell = memo(function ScoreCell({ cell, then, colour }: ScoreCellProps) {
  const self = useRef<HTMLDivElement>(null);
  // A cell drawn for a new ranking drops the title its last one had: the next hover writes it anew.
  useLayoutEffect(() => {
    if (self.current?.hasAttribute('title')) self.current.removeAttribute('title');
  }, [cell]);
  const showParts = (e: PointerEvent<HTMLDivElement>) => {
    const title = breakdownTitle(cell);
    if (title !== undefined) e.currentTarget.title = title;
  };
  return (
    <div ref={self} role="cell" className={cell.winner ? 'cmp-cell cmp-win' : 'cmp-cell'} onPointerEnter={showParts}>
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
}, sameScoreCell);

interface IneligibleCellProps {
  why: readonly string[];
  unknown: boolean;
  wasEligible: boolean;
}

const sameWords = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((w, i) => w === b[i]);

/** An ineligible target: one cell across every strategy saying which requirements it misses (drawn again when they change). */
const IneligibleCell = memo(
  function IneligibleCell({ why, unknown, wasEligible }: IneligibleCellProps) {
    return (
      <div role="cell" className="cmp-cell cmp-out" aria-colspan={STRATEGY_NAMES.length} title={why.join('\n')}>
        <span className="cmp-why">
          {unknown ? <strong className="warn">? Unknown:</strong> : <strong className="bad">✗ Ineligible:</strong>}{' '}
          {why.join('; ')}
        </span>
        {wasEligible && <span className="cmp-delta bad">was eligible under the pin</span>}
      </div>
    );
  },
  (a, b) => a.unknown === b.unknown && a.wasEligible === b.wasEligible && sameWords(a.why, b.why),
);

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

interface RowHeaderProps {
  id: string;
  type: MatrixRow['type'];
  hourlyRate: number;
  capabilities: MatrixRow['capabilities'];
  estimatedCost: number | null;
  estimatedMinutes: number | null;
  estimate: string | null;
  colour: string;
  selected: boolean;
  focusable: boolean;
  onSelect: (id: string) => void;
}

/** The target, its capability and price lines and its freshness: drawn again only when one of them changes. */
const RowHeader = memo(function RowHeader(props: RowHeaderProps) {
  const { id, type, colour, selected, focusable, onSelect } = props;
  const caps = capabilityLine(props.capabilities);
  const price = priceLine(type, props.hourlyRate, props.estimatedCost, props);
  return (
    <div role="rowheader" className="cmp-target">
      <button
        type="button"
        className="cmp-target-id"
        aria-pressed={selected}
        onClick={() => onSelect(id)}
        title="Show details"
        tabIndex={focusable ? 0 : -1}
        data-row-id={id}
      >
        <span className="target-swatch" aria-hidden="true" style={{ background: colour }} />
        {id}
      </button>
      <span className="cmp-caps" title={`vCPUs · memory · GPUs with VRAM: ${caps}`}>
        {caps}
      </span>
      <span className="cmp-caps muted" title={priceTitle(price, props)}>
        {price}
      </span>
      <RowFreshness id={id} type={type} />
    </div>
  );
});

/**
 * One target's row: the target (in its colour, as every chart draws it), then its cell under every
 * strategy (each score's parts its title on hover). The target's button is the row's one tab
 * stop when `focusable`; the matrix moves that stop with the arrow keys (a roving tab index).
 */
export function MatrixRowCells({
  row,
  colour,
  selected,
  onSelect,
  focusable = true,
}: {
  row: MatrixRow;
  /** The target's colour (`targetColour`). */
  colour: string;
  selected: boolean;
  onSelect: (id: string) => void;
  focusable?: boolean;
}) {
  return (
    <>
      <RowHeader
        id={row.id}
        type={row.type}
        hourlyRate={row.hourlyRate}
        capabilities={row.capabilities}
        estimatedCost={row.estimatedCost}
        estimatedMinutes={row.estimatedMinutes}
        estimate={row.estimate}
        colour={colour}
        selected={selected}
        focusable={focusable}
        onSelect={onSelect}
      />
      {row.eligible ? (
        row.cells.map((cell, k) => (
          <ScoreCell
            key={k}
            cell={cell}
            colour={colour}
            then={Array.isArray(row.pinned) ? row.pinned[k]! : row.pinned}
          />
        ))
      ) : (
        <IneligibleCell
          why={row.why}
          unknown={row.unknown}
          wasEligible={Array.isArray(row.pinned) && row.pinned.some((c) => c.eligible)}
        />
      )}
    </>
  );
}
