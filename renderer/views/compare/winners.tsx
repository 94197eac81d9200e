import { memo } from 'react';
import type { CompareResult, PipelineResult, PlacementResult } from '../../../shared/schema/result';
import { STRATEGY_NAMES } from '../../../shared/strategies/registry';
import { PlacementWarnings } from '../../placement-warnings';
import { CardExplanation } from './card-explanation';

/** The result shown for a strategy: the task's, or the selected node's of a pipeline. */
function shownResult(r: PlacementResult | PipelineResult | undefined, node: number): PlacementResult | undefined {
  return r === undefined ? undefined : 'nodes' in r ? r.nodes[node]?.result : r;
}

function PipelineSummary({ result }: { result: PipelineResult }) {
  return (
    <p className={`cmp-nodes ${result.success ? 'ok' : 'bad'}`}>
      {`${result.success ? '✓ every node placed' : `✗ ${result.failureMessage}`}: `}
      {result.nodes.map((n) => `${n.id} → ${n.result.selectedTarget ?? '—'}`).join(', ')}
    </p>
  );
}

/**
 * Each strategy's choice at a glance: the winner (of the selected node, for a pipeline), the reason,
 * the explanation, and what the pinned result chose.
 * Redrawn only when a result changes (not on the keystroke before the re-rank).
 */
export const Winners = memo(function Winners({
  result,
  pinned,
  node,
}: {
  result: CompareResult;
  pinned: CompareResult | null;
  node: number;
}) {
  return (
    <ul className="cmp-winners" aria-label="Each strategy's choice">
      {STRATEGY_NAMES.map((name) => {
        const whole = result.strategies[name]!;
        const r = shownResult(whole, node);
        const then = pinned === null ? undefined : shownResult(pinned.strategies[name], node);
        const changed = then !== undefined && r !== undefined && then.selectedTarget !== r.selectedTarget;
        return (
          <li key={name} className="card cmp-winner" aria-label={name}>
            <h3>{name}</h3>
            {r?.success ? (
              <p className="cmp-winner-target">
                <span aria-hidden="true">★ </span>
                <span className="visually-hidden">winner: </span>
                {r.selectedTarget}
              </p>
            ) : (
              <p className="cmp-winner-target bad">✗ no valid target</p>
            )}
            {r && (
              <p className="cmp-reason">
                {r.reason}
                {r.fallbackUsed && r.reason !== 'Fallback' ? ' · fallback used' : ''}
              </p>
            )}
            {r && <PlacementWarnings warnings={r.warnings} />}
            {'nodes' in whole && <PipelineSummary result={whole} />}
            <CardExplanation text={r?.explanation ?? ''} />
            <p className={changed ? 'cmp-pinned warn' : 'cmp-pinned muted'}>
              {then === undefined
                ? ''
                : changed
                  ? `Pinned: ${then.selectedTarget ?? 'none'} → now ${r?.selectedTarget ?? 'none'}`
                  : 'Pinned: same choice'}
            </p>
          </li>
        );
      })}
    </ul>
  );
});
