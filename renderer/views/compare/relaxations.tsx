import { memo } from 'react';
import type { AnalysisEntry } from '../../../shared/schema/result';
import { useTaskStore } from '../../state/task-store';
import { count } from '../../format/count';

/**
 * The analysis as one-click relaxations: per hard requirement, how many targets it rules out and the
 * smallest change that admits one more (verified by the engine). Applying one edits the task, says
 * what it changed in a notice with Undo ("Relaxed: removed python3 from tools"), and everything re-ranks.
 * Redrawn only when the analysis changes.
 */
export const Relaxations = memo(function Relaxations({ analysis, node }: { analysis: AnalysisEntry[]; node: number }) {
  const relax = useTaskStore((s) => s.relax);
  if (analysis.length === 0)
    return <p className="muted">Every target meets every hard requirement: nothing to relax.</p>;
  return (
    <ul className="cmp-relax" aria-label="Relaxations">
      {analysis.map((a) => (
        <li key={a.key}>
          <span className="cmp-relax-key">
            <code>{a.key}</code>
            {` rules out ${count(a.eliminated, 'target')}`}
          </span>
          {a.admits !== null && a.suggestion !== null ? (
            <button type="button" onClick={() => relax(a, node)}>
              {`Apply: ${a.suggestion}`}
            </button>
          ) : (
            <span className="muted">{a.suggestion ?? 'no single change admits a target'}</span>
          )}
        </li>
      ))}
    </ul>
  );
});
