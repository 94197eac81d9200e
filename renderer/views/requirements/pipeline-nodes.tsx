import { useId } from 'react';
import { freshNodeId, nodesOf, setIn } from '../../state/task-edit';
import { useTaskStore } from '../../state/task-store';
import { TextField } from './fields';

/** Picks the pipeline node the form edits; adds and removes nodes. */
export function PipelineNodes({ node, onNode }: { node: number; onNode: (index: number) => void }) {
  const id = useId();
  const draft = useTaskStore((s) => s.draft);
  const setFile = useTaskStore((s) => s.setFile);
  const nodes = nodesOf(draft);
  const add = () => {
    setFile(setIn(draft, ['pipeline', 'nodes'], [...nodes, { id: freshNodeId(draft), requirements: {} }]));
    onNode(nodes.length);
  };
  const remove = () => {
    setFile(
      setIn(
        draft,
        ['pipeline', 'nodes'],
        nodes.filter((_, i) => i !== node),
      ),
    );
    onNode(Math.max(0, node - 1));
  };
  return (
    <fieldset className="card req-block">
      <legend>Pipeline</legend>
      <div className="req-grid">
        <TextField path={['pipeline', 'name']} label="Pipeline name" placeholder="name your pipeline" />
        <div className="req-field">
          <label htmlFor={id}>Node</label>
          <select id={id} value={node} onChange={(e) => onNode(Number(e.target.value))}>
            {nodes.map((n, i) => (
              <option key={i} value={i}>
                {`${i + 1}. ${String(n['id'] ?? '(no id)')}`}
              </option>
            ))}
          </select>
        </div>
        <div className="req-field req-buttons">
          <button type="button" onClick={add}>
            Add node
          </button>
          <button type="button" onClick={remove} disabled={nodes.length <= 1}>
            Remove node
          </button>
        </div>
        <TextField path={['pipeline', 'nodes', node, 'id']} label="Node id" />
        <TextField path={['pipeline', 'nodes', node, 'name']} label="Node name" hint="(optional)" />
      </div>
      <p className="muted req-hint">
        Each node is placed on its own with the same options; the pipeline succeeds only if every node is placed.
      </p>
    </fieldset>
  );
}
