import { useMemo } from 'react';
import { place } from '../../../shared/engine/place';
import type { PipelineResult, PlacementResult, WhyNot } from '../../../shared/schema/result';
import type { PlacementOptions, Target } from '../../../shared/schema/targets';
import type { TaskOrPipelineFile } from '../../../shared/schema/task';
import { useTaskStore } from '../../state/task-store';
import { useAfterPaint } from './use-after-paint';

/** The chosen strategy's `whyNot` for one target (and the winner), or null when nothing is selected or placed. */
export interface WhyNotView {
  strategy: string;
  winner: string;
  entry: WhyNot | null;
}

/** What `whyNot` is asked of: the task, the targets and the options. */
interface Asked {
  file: TaskOrPipelineFile | null;
  targets: readonly Target[] | null;
  options: PlacementOptions | null;
}

/**
 * `whyNot` for the selected target under the chosen strategy: placed once more with the question
 * asked, only while a target is selected (the live re-rank of every strategy does not pay for it).
 * It places the fleet again a few dozen times, so after an edit the answer follows the re-rank's
 * repaint; a target opened is answered at once.
 */
export function useWhyNot(
  file: TaskOrPipelineFile | null,
  targets: readonly Target[] | null,
  options: PlacementOptions | null,
  selected: string | null,
  node: number,
): WhyNotView | null {
  const edited = useMemo((): Asked => ({ file, targets, options }), [file, targets, options]);
  const painted = useAfterPaint(edited);
  // Inputs that were not there yet have no answer to keep showing: nothing to wait for.
  const asked = painted.file && painted.targets && painted.options ? painted : edited;
  return useMemo(() => whyNotOf(asked, selected, node), [asked, selected, node]);
}

function whyNotOf({ file, targets, options }: Asked, selected: string | null, node: number): WhyNotView | null {
  if (file === null || targets === null || options === null || selected === null) return null;
  if (!targets.some((t) => t.id === selected)) return null;
  const placed: PlacementResult | PipelineResult = place(file, targets, options, {
    requestId: 'why-not',
    whyNot: [selected],
    // Only the whyNot is read: no target's words.
    explanations: 'on demand',
  });
  const result = 'nodes' in placed ? placed.nodes[Math.min(node, placed.nodes.length - 1)]?.result : placed;
  if (!result?.success || result.selectedTarget === null) return null;
  return {
    strategy: options.strategy,
    winner: result.selectedTarget,
    entry: result.whyNot.find((w) => w.targetId === selected) ?? null,
  };
}

/** Can the app make this change itself (the task's or the options'), or is it the targets file's? */
const editable = (path: string) =>
  path.startsWith('task.') || path.startsWith('pipeline.') || path === 'options.strategy';

/**
 * "What would change the winner" for the selected target: for the winner, what would make it lose (how
 * robust the choice is); for another, the single changes that would make it win. Each was checked by
 * placing again; the task's changes can be tried here, with Undo.
 */
export function WhyNotSection({ id, view }: { id: string; view: WhyNotView }) {
  const applyChange = useTaskStore((s) => s.applyChange);
  const winner = view.winner === id;
  const flips = view.entry?.flips ?? [];
  return (
    <section className="cmp-why-not" aria-label="What would change the winner">
      <h5>
        {winner ? `What would make ${id} lose (${view.strategy})` : `What would make ${id} win (${view.strategy})`}
      </h5>
      {view.entry === null ? (
        <p className="muted">{`${id} is not eligible: no change of price or strategy makes it win.`}</p>
      ) : flips.length === 0 ? (
        <p className="muted">
          {winner ? 'No single change found that makes it lose.' : 'No single change found that makes it win.'}
        </p>
      ) : (
        <ul>
          {flips.map((f) => (
            <li key={`${f.change.path}=${JSON.stringify(f.change.to)}`}>
              {f.message}{' '}
              {editable(f.change.path) ? (
                <button
                  type="button"
                  onClick={() => applyChange(f.change, `Tried: ${f.message}`)}
                  title={`${f.change.path} → ${JSON.stringify(f.change.to)}`}
                >
                  Try it
                </button>
              ) : (
                <span className="muted" title={`${f.change.path} → ${JSON.stringify(f.change.to)}`}>
                  (change it in Targets)
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
