import { chosen, decisionText, scoreRows } from './decision';
import { formatScore } from '../../format/number';
import { formatTime } from '../../format/time';
import { PlacementWarnings } from '../../placement-warnings';
import { useHistoryStore, type Replay } from './history-store';

const score = (v: number | null, eligible: boolean | null) =>
  v === null ? '—' : eligible === false ? `${formatScore(v)} (ineligible)` : formatScore(v);

function Comparison({ replay }: { replay: Replay }) {
  const changed = chosen(replay.then) !== chosen(replay.now);
  const rows = scoreRows(replay.then, replay.now);
  return (
    <>
      <p className={replay.reproduced ? 'ok hist-verdict' : 'bad hist-verdict'}>
        {replay.reproduced
          ? '✓ Reproduced: the stored inputs give the stored decision, exactly.'
          : '✗ Not reproduced: the stored inputs now give a different result.'}
      </p>
      {!replay.reproduced && (
        <ul className="hist-diffs" aria-label="Differences from the stored result">
          {replay.differences.map((d) => (
            <li key={d}>
              <code>{d}</code>
            </li>
          ))}
        </ul>
      )}
      <div className="hist-decisions">
        <div>
          <h4>Then</h4>
          <p aria-label="Decision then">{decisionText(replay.then)}</p>
          <PlacementWarnings warnings={replay.then.warnings} label="Warnings then" />
        </div>
        <div>
          <h4>Now, on today’s capabilities</h4>
          <p aria-label="Decision now" className={changed ? 'warn' : undefined}>
            {decisionText(replay.now)}
          </p>
          <PlacementWarnings warnings={replay.now.warnings} label="Warnings now" />
        </div>
      </div>
      <h4>What changed</h4>
      {replay.changesSinceThen.length === 0 ? (
        <p className="muted">Nothing: today’s capabilities give the same decision and the same scores.</p>
      ) : (
        <>
          {changed && (
            <p className="warn">
              The decision changed: {chosen(replay.then)} → {chosen(replay.now)}.
            </p>
          )}
          <ul className="hist-diffs" aria-label="Changes since then">
            {replay.changesSinceThen.map((d) => (
              <li key={d}>
                <code>{d}</code>
              </li>
            ))}
          </ul>
        </>
      )}
      {rows.length > 0 && (
        <table className="hist-scores">
          <caption className="visually-hidden">Scores then and now</caption>
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col">Score then</th>
              <th scope="col">Score now</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.targetId}>
                <td>{r.targetId}</td>
                <td>{score(r.then, r.thenEligible)}</td>
                <td className={r.now !== r.then ? 'warn' : undefined}>{score(r.now, r.nowEligible)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The selected entry replayed: the decision then and on today's capabilities, and what changed. */
export function ReplayPanel() {
  const selectedId = useHistoryStore((s) => s.selectedId);
  const entry = useHistoryStore((s) => s.entries.find((e) => e.requestId === s.selectedId));
  const state = useHistoryStore((s) => (s.selectedId ? s.replays[s.selectedId] : undefined));
  return (
    <section className="card hist-replay" aria-labelledby="hist-replay-title" aria-busy={state?.loading ?? false}>
      <h3 id="hist-replay-title">Replay</h3>
      {selectedId === null ? (
        <p className="muted">
          Select a placement (click it, or focus the list and use the arrow keys) to re-run it on its stored inputs and
          on today’s capabilities.
        </p>
      ) : (
        <>
          {entry && (
            <p className="hist-entry-line">
              <strong>{entry.taskName}</strong> · {formatTime(entry.at)} · {entry.strategy} ·{' '}
              <code title={entry.requestId}>{entry.requestId.slice(0, 8)}</code>
            </p>
          )}
          {state?.error ? (
            <p className="bad" role="alert">
              Cannot replay: {state.error}
            </p>
          ) : state?.data ? (
            <Comparison replay={state.data} />
          ) : (
            <p className="muted">Replaying…</p>
          )}
        </>
      )}
    </section>
  );
}
