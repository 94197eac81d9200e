import type { TargetScore } from '../../../shared/schema/result';
import { STRATEGY_NAMES } from '../../../shared/strategies/registry';
import type { StrategyResults } from './matrix-rows';
import { count } from '../../format/count';

const show = (v: unknown) => (v === null || v === undefined ? 'unknown' : String(v));

/** `0.401 base +0.021 pref −0.050 anti`: the strategy's own value, then only what moved it. */
function madeOf(b: NonNullable<TargetScore['breakdown']>): string {
  const parts = [`${b.base.toFixed(3)} base`];
  const soft: [number, string][] = [
    [b.preferences, 'pref'],
    [b.affinity, 'affinity'],
    [b.antiAffinity, 'anti'],
  ];
  for (const [n, name] of soft)
    if (Math.abs(n) >= 0.0005) parts.push(`${n > 0 ? '+' : '−'}${Math.abs(n).toFixed(3)} ${name}`);
  return parts.join(' ');
}

/**
 * Why one target ranks where it does: each strategy's score and how it was made, what it meets and
 * what it misses — the answer to "why did this one lose?".
 */
export function TargetDetail({ id, results }: { id: string | null; results: StrategyResults }) {
  if (id === null)
    return <p className="muted">Choose a target in the matrix to see how each strategy scored it and why.</p>;
  const scores = STRATEGY_NAMES.map((s) => {
    const list = results[s].scores;
    const i = list.findIndex((x) => x.targetId === id);
    return { strategy: s, score: list[i], rank: i + 1, winner: results[s].selectedTarget === id };
  });
  const first = scores[0]!.score;
  if (first === undefined) return <p className="muted">{`${id} is not among the targets any more.`}</p>;
  return (
    <div className="cmp-detail">
      <h4>{id}</h4>
      {first.eligible ? (
        <table className="cmp-detail-table">
          <caption className="visually-hidden">{`How each strategy scored ${id}`}</caption>
          <thead>
            <tr>
              <th scope="col">Strategy</th>
              <th scope="col">Score</th>
              <th scope="col" title="the strategy's own value, then what preferences and (anti-)affinity added">
                Made of
              </th>
            </tr>
          </thead>
          <tbody>
            {scores.map(({ strategy, score, rank, winner }) => (
              <tr key={strategy}>
                <th scope="row">{strategy}</th>
                <td className="cmp-nowrap">{`${score!.score.toFixed(3)} #${rank}${winner ? ' ★' : ''}`}</td>
                <td className="muted">{score!.breakdown ? madeOf(score!.breakdown) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <>
          <p className="bad">Ineligible under every strategy; it misses:</p>
          <ul>
            {first.mismatches.map((m) => (
              <li key={m.key}>{m.message}</li>
            ))}
          </ul>
        </>
      )}
      {first.matches.length > 0 && (
        <details>
          <summary>{`Meets ${count(first.matches.length, 'requirement')}`}</summary>
          <ul className="cmp-matches">
            {first.matches.map((m) => (
              <li key={m.key}>{`${m.key}: needs ${show(m.need)}, has ${show(m.have)}`}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
