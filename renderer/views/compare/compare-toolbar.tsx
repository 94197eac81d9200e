import { useId } from 'react';
import { MODES, TIE_BREAKERS, type PlacementOptions } from '../../../shared/schema/targets';
import { STRATEGY_NAMES } from '../../../shared/strategies/registry';
import { useTaskStore } from '../../state/task-store';
import { useCompareStore } from './compare-store';
import type { SortKey } from './matrix-rows';

const MODE_WORDS: Record<(typeof MODES)[number], string> = {
  burst: 'burst (every target)',
  'local-only': 'local-only',
  airgapped: 'airgapped (local, no network)',
};
const TIE_WORDS: Record<(typeof TIE_BREAKERS)[number], string> = {
  first: 'first in the file',
  cheapest: 'cheapest',
  id: 'target id',
};

/**
 * The what-if options: mode, fallback and tie-breaker (overrides of the configured options, kept
 * with the task), how the rows are sorted, which pipeline node is shown, and the pin.
 */
export function CompareToolbar({
  options,
  nodes,
  canPin,
  onPin,
}: {
  options: PlacementOptions;
  nodes: string[] | null;
  canPin: boolean;
  onPin: () => void;
}) {
  const id = useId();
  const setOptions = useTaskStore((s) => s.setOptions);
  const overridden = useTaskStore((s) => Object.values(s.options).some((v) => v !== undefined));
  const { pin, sortBy, node, setSortBy, setNode } = useCompareStore();
  return (
    <div className="toolbar cmp-toolbar">
      <span className="cmp-field">
        <label htmlFor={`${id}-mode`}>Mode</label>
        <select
          id={`${id}-mode`}
          name="mode"
          value={options.mode}
          onChange={(e) => setOptions({ mode: e.target.value as PlacementOptions['mode'] })}
        >
          {MODES.map((m) => (
            <option key={m} value={m}>
              {MODE_WORDS[m]}
            </option>
          ))}
        </select>
      </span>
      <label>
        <input
          type="checkbox"
          name="fallbackEnabled"
          checked={options.fallbackEnabled}
          onChange={(e) => setOptions({ fallbackEnabled: e.target.checked })}
        />{' '}
        Fallback
      </label>
      <span className="cmp-field">
        <label htmlFor={`${id}-tie`}>Tie-breaker</label>
        <select
          id={`${id}-tie`}
          name="tieBreaker"
          value={options.tieBreaker}
          onChange={(e) => setOptions({ tieBreaker: e.target.value as PlacementOptions['tieBreaker'] })}
        >
          {TIE_BREAKERS.map((t) => (
            <option key={t} value={t}>
              {TIE_WORDS[t]}
            </option>
          ))}
        </select>
      </span>
      <button
        type="button"
        disabled={!overridden}
        title="Forget this session's mode, fallback, tie-breaker and strategy: use the configured ones"
        onClick={() =>
          setOptions({ mode: undefined, fallbackEnabled: undefined, tieBreaker: undefined, strategy: undefined })
        }
      >
        Reset options
      </button>
      <span className="cmp-spacer" />
      {nodes && (
        <span className="cmp-field">
          <label htmlFor={`${id}-node`}>Pipeline node</label>
          <select id={`${id}-node`} name="node" value={node} onChange={(e) => setNode(Number(e.target.value))}>
            {nodes.map((id, i) => (
              <option key={id} value={i}>
                {id}
              </option>
            ))}
          </select>
        </span>
      )}
      <span className="cmp-field">
        <label htmlFor={`${id}-sort`}>Sort rows by</label>
        <select id={`${id}-sort`} name="sortBy" value={sortBy} onChange={(e) => setSortBy(e.target.value as SortKey)}>
          <option value="file">targets file order</option>
          {STRATEGY_NAMES.map((s) => (
            <option key={s} value={s}>
              {`${s} score`}
            </option>
          ))}
        </select>
      </span>
      <button type="button" aria-pressed={pin !== null} disabled={!canPin && pin === null} onClick={onPin}>
        {pin ? 'Unpin' : 'Pin this result'}
      </button>
    </div>
  );
}
