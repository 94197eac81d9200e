import { memo } from 'react';
import { eligibilityChanges, scoreChange, type InputChange } from '../../../shared/engine/score-change';
import type { TargetScore } from '../../../shared/schema/result';
import { STRATEGY_NAMES } from '../../../shared/strategies/registry';
import type { StrategyResults } from './matrix-rows';
import { WhyNotSection, type WhyNotView } from './why-not';
import { useFreshnessText } from './freshness-store';
import { count } from '../../format/count';
import { formatMoney, formatRequirementValue, formatScore, formatScoreDelta } from '../../format/number';

/** What a met requirement needs and what the target has, in words: `maxCost: needs $10.00, has $3.02`. */
function metText(m: TargetScore['matches'][number]): string {
  const need = formatRequirementValue(m.key, m.need);
  // A tool found with no version: say so, never "has true".
  const have =
    m.key.startsWith('tools') && m.have === true
      ? 'installed (version unknown)'
      : formatRequirementValue(m.key, m.have);
  return `${m.key}: needs ${need}, has ${have}`;
}

/** `0.401 base +0.021 pref −0.050 anti`: the strategy's own value, then only what moved it. */
function madeOf(b: NonNullable<TargetScore['breakdown']>): string {
  const parts = [`${formatScore(b.base)} base`];
  const soft: [number, string][] = [
    [b.preferences, 'pref'],
    [b.affinity, 'affinity'],
    [b.antiAffinity, 'anti'],
  ];
  for (const [n, name] of soft) if (Math.abs(n) >= 0.0005) parts.push(`${formatScoreDelta(n)} ${name}`);
  return parts.join(' ');
}

/**
 * The base score as its named parts, each with the numbers it came from, and what moved it after:
 * `+0.417 locality — the local machine → 1 × 0.5 × 0.833`. The parts add up to the score.
 */
function Parts({ b }: { b: NonNullable<TargetScore['breakdown']> }) {
  const soft: [number, string, string][] = [
    [b.preferences, 'preferences', 'how far the preferences are met (all unmet: −0.07 of the tier)'],
    [b.affinity, 'affinity', 'the affinity list is not matched'],
    [b.antiAffinity, 'anti-affinity', 'an anti-affinity match'],
  ];
  return (
    <ul className="cmp-parts">
      {(b.parts ?? []).map((p, i) => (
        <li key={i}>
          <span className="cmp-part-value">{formatScoreDelta(p.value)}</span> <strong>{p.name}</strong>
          {` — ${p.detail}`}
        </li>
      ))}
      {soft
        .filter(([n]) => Math.abs(n) >= 0.0005)
        .map(([n, name, why]) => (
          <li key={name}>
            <span className="cmp-part-value">{formatScoreDelta(n)}</span> <strong>{name}</strong>
            {` — ${why}`}
          </li>
        ))}
    </ul>
  );
}

/** The pinned placement and the inputs that differ since, for "what changed this score". */
export interface SincePin {
  results: StrategyResults;
  inputs: InputChange[];
}

/**
 * Per strategy, how the target's score moved since the pin: each part that changed, its numbers
 * then and now, and the inputs it reads that changed (the answer to "why did this move by 0.202?").
 */
function SinceThePin({ id, results, since }: { id: string; results: StrategyResults; since: SincePin }) {
  const rows = STRATEGY_NAMES.flatMap((s) => {
    const now = results[s].scores;
    const then = since.results[s].scores;
    const change = scoreChange(
      id,
      then.find((x) => x.targetId === id),
      now.find((x) => x.targetId === id),
      { inputs: since.inputs, ...eligibilityChanges(then, now) },
    );
    return change && change.parts.length > 0 ? [{ strategy: s, change }] : [];
  });
  if (rows.length === 0) return <p className="muted cmp-since">{`No score of ${id} moved since the pin.`}</p>;
  const unexplained = since.inputs.map((c) => c.text);
  return (
    <div className="cmp-since">
      <h5>Since the pin</h5>
      <ul>
        {rows.map(({ strategy, change }) => (
          <li key={strategy}>
            <strong>{strategy}</strong>
            {` ${formatScore(change.from)} → ${formatScore(change.to)} (${formatScoreDelta(change.to - change.from)})`}
            <ul>
              {change.parts.map((p) => (
                <li key={p.name}>
                  <span className="cmp-part-value">{formatScoreDelta(p.to - p.from)}</span> <strong>{p.name}</strong>
                  {p.then !== null && p.now !== null && p.then !== p.now && ` — was ${p.then}; now ${p.now}`}
                  {p.because.length > 0
                    ? `; because ${p.because.join('; ')}`
                    : unexplained.length > 0
                      ? `; no input it reads changed (changed: ${unexplained.join('; ')})`
                      : ''}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Where a probed target's capabilities come from and how old they are, in a sentence. */
function DetailFreshness({ id, type }: { id: string; type: string }) {
  const text = useFreshnessText(id, type);
  if (text === null) return null;
  return <p className={`cmp-fresh-detail ${text.includes('failed') ? 'warn' : 'muted'}`}>{text}</p>;
}

/** The estimate carried to this target: the arithmetic and the cost it comes to, or why it is unknown. */
function EstimateLine({ score }: { score: TargetScore }) {
  if (score.estimate === null) return null;
  if (score.estimatedMinutes === null)
    return (
      <p className="cmp-estimate warn">
        <strong>Estimate unknown:</strong> {score.estimate.replace(/^unknown: /, '')}
      </p>
    );
  return (
    <p className="cmp-estimate">
      <strong>Estimate:</strong>{' '}
      {`${score.estimate}${score.estimatedCost === null ? '' : ` → ${formatMoney(score.estimatedCost)}`}`}
    </p>
  );
}

/**
 * Why one target ranks where it does: each strategy's score and how it was made, what it meets and
 * what it misses — the answer to "why did this one lose?".
 * Redrawn only when what it shows changes.
 */
export const TargetDetail = memo(function TargetDetail({
  id,
  results,
  since = null,
  whyNot = null,
}: {
  id: string | null;
  results: StrategyResults;
  since?: SincePin | null;
  whyNot?: WhyNotView | null;
}) {
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
      <DetailFreshness id={id} type={first.targetType} />
      <EstimateLine score={first} />
      {first.eligible ? (
        <table className="cmp-detail-table">
          <caption className="visually-hidden">{`How each strategy scored ${id}`}</caption>
          <thead>
            <tr>
              <th scope="col">Strategy</th>
              <th scope="col">Score</th>
              <th
                scope="col"
                title="the strategy's named parts, each with the numbers it came from (measure × weight × the tier's share), then what preferences and (anti-)affinity added; they add up to the score"
              >
                Made of
              </th>
            </tr>
          </thead>
          <tbody>
            {scores.map(({ strategy, score, rank, winner }) => (
              <tr key={strategy}>
                <th scope="row">{strategy}</th>
                <td className="cmp-nowrap">{`${formatScore(score!.score)} #${rank}${winner ? ' ★' : ''}`}</td>
                <td className="muted">
                  {score!.breakdown ? (
                    <>
                      {madeOf(score!.breakdown)}
                      <Parts b={score!.breakdown} />
                    </>
                  ) : (
                    '—'
                  )}
                </td>
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
      {whyNot && <WhyNotSection id={id} view={whyNot} />}
      {since && first.eligible && <SinceThePin id={id} results={results} since={since} />}
      {first.matches.length > 0 && (
        <details>
          <summary>{`Meets ${count(first.matches.length, 'requirement')}`}</summary>
          <ul className="cmp-matches">
            {first.matches.map((m) => (
              <li key={m.key}>{metText(m)}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
});
