import { useEffect, useRef, useState } from 'react';
import type { PipelineResult, PlacementResult } from '../../../shared/schema/result';
import type { PlacementOptions } from '../../../shared/schema/targets';
import { STRATEGY_NAMES, type StrategyName } from '../../../shared/strategies/registry';
import { ApiFailure } from '../../api/client';
import { useClient } from '../../api/context';
import { PlacementWarnings } from '../../placement-warnings';
import { useTaskStore } from '../../state/task-store';

type Outcome =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; result: PlacementResult | PipelineResult }
  | { kind: 'failed'; lines: string[] };

function ResultLines({ result }: { result: PlacementResult | PipelineResult }) {
  if ('nodes' in result)
    return (
      <>
        <p className={result.success ? 'ok' : 'bad'}>
          {result.success ? `✓ Pipeline ${result.pipeline} placed` : `✗ ${result.failureMessage}`}
        </p>
        <ul>
          {result.nodes.map((n) => (
            <li key={n.id}>{`${n.id} → ${n.result.selectedTarget ?? 'not placed'} (${n.result.reason})`}</li>
          ))}
        </ul>
        <PlacementWarnings warnings={result.warnings} />
      </>
    );
  return (
    <>
      <p className={result.success ? 'ok' : 'bad'}>
        {result.success ? `✓ Placed on ${result.selectedTarget} (${result.reason})` : `✗ ${result.failureMessage}`}
      </p>
      <PlacementWarnings warnings={result.warnings} />
      <p className="muted cmp-run-explain">{result.explanation}</p>
    </>
  );
}

/**
 * Records this placement: the main process decides with the chosen strategy and the what-if's
 * options on freshly discovered capabilities, and writes the decision to the history. It launches
 * nothing. When the answer comes, focus moves to it (not to the page), so keyboard and screen
 * reader users land on the result.
 */
export function RunPlacement({ options }: { options: PlacementOptions }) {
  const client = useClient();
  const patch = useTaskStore((s) => s.options);
  // What the user wrote (aliases and all) goes to the history; never an older version than the text.
  const written = useTaskStore((s) => (s.problems.length === 0 ? s.draft : null));
  const setOptions = useTaskStore((s) => s.setOptions);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const result = useRef<HTMLDivElement>(null);
  // The button is disabled while the placement is made, which drops focus to <body>: bring it to the answer.
  useEffect(() => {
    if (outcome.kind === 'done' || outcome.kind === 'failed') result.current?.focus();
  }, [outcome.kind]);

  async function run() {
    if (written === null) return;
    setOutcome({ kind: 'running' });
    try {
      const result = await client['placement.place']({
        task: written,
        options: { ...patch, strategy: options.strategy },
      });
      setOutcome({ kind: 'done', result });
    } catch (err) {
      const lines =
        err instanceof ApiFailure && err.error.issues?.length
          ? err.error.issues.map((i) => `${i.path}: ${i.message}`)
          : [(err as Error).message];
      setOutcome({ kind: 'failed', lines });
    }
  }

  return (
    <div className="cmp-run">
      <div className="toolbar">
        <span className="cmp-field">
          <label htmlFor="cmp-run-strategy">Strategy</label>
          <select
            id="cmp-run-strategy"
            name="strategy"
            value={options.strategy}
            onChange={(e) => setOptions({ strategy: e.target.value as StrategyName })}
          >
            {STRATEGY_NAMES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </span>
        <button
          type="button"
          className="primary"
          disabled={written === null || outcome.kind === 'running'}
          onClick={() => void run()}
        >
          {outcome.kind === 'running' ? 'Recording…' : 'Record this placement'}
        </button>
      </div>
      <div
        ref={result}
        className="cmp-run-result"
        role="status"
        aria-live="polite"
        aria-label="Placement result"
        tabIndex={-1}
      >
        {outcome.kind === 'idle' && (
          <p className="muted">
            {written === null
              ? 'Fix the problems of the task in Requirements first: the placement recorded is what the task file says now.'
              : 'Decides where the task would run, on freshly discovered capabilities, and records the decision in History. It launches nothing.'}
          </p>
        )}
        {outcome.kind === 'running' && <p className="muted">Deciding and recording…</p>}
        {outcome.kind === 'done' && (
          <>
            <ResultLines result={outcome.result} />
            <p className="muted">
              {`Recorded in history as ${outcome.result.requestId.slice(0, 8)}. `}
              <a href="#/history">Open History</a>
            </p>
          </>
        )}
        {outcome.kind === 'failed' && (
          <ul className="field-error">
            {outcome.lines.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
