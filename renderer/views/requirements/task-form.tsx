import { demandsPath, isPipeline, nodesOf } from '../../state/task-edit';
import { useTaskStore } from '../../state/task-store';
import { DemandFields } from './demand-fields';
import { EstimateFields } from './estimate-fields';
import { ListField, TextField } from './fields';
import { PipelineNodes } from './pipeline-nodes';

/** The form over the task (or one pipeline node): every requirement, preference and (anti-)affinity. */
export function TaskForm({ node, onNode }: { node: number; onNode: (index: number) => void }) {
  const draft = useTaskStore((s) => s.draft);
  const syntaxError = useTaskStore((s) => s.syntaxError);
  const shape = typeof draft === 'object' && draft !== null && ('task' in draft || 'pipeline' in draft);
  if (!shape)
    return (
      <p className="empty">
        The YAML holds no <code>task:</code> or <code>pipeline:</code>. Pick a preset above, or fix it in the YAML tab.
      </p>
    );
  const pipeline = isPipeline(draft);
  const at = pipeline ? Math.min(node, Math.max(0, nodesOf(draft).length - 1)) : 0;
  const base = demandsPath(draft, at);
  return (
    <form className="req-form" onSubmit={(e) => e.preventDefault()} aria-label="Task form">
      {syntaxError && (
        <p className="warn" role="status">
          The YAML tab has a syntax error: the form shows the last version that could be read. Editing here replaces the
          YAML.
        </p>
      )}
      {pipeline ? (
        <PipelineNodes node={at} onNode={onNode} />
      ) : (
        <fieldset className="card req-block">
          <legend>Task</legend>
          <div className="req-grid">
            <TextField path={['task', 'name']} label="Task name" placeholder="name your task" focusWhenEmpty />
          </div>
        </fieldset>
      )}
      <DemandFields path={[...base, 'requirements']} hard />
      <DemandFields path={[...base, 'preferences']} hard={false} />
      <EstimateFields path={[...base, 'estimate']} />
      <fieldset className="card req-block">
        <legend>Affinity</legend>
        <div className="req-grid req-grid-wide">
          <ListField
            path={[...base, 'affinity']}
            label="Affinity"
            hint="(preferred: target ids or key=value labels, comma-separated)"
          />
          <ListField
            path={[...base, 'antiAffinity']}
            label="Anti-affinity"
            hint="(avoided: target ids or key=value labels, comma-separated)"
          />
        </div>
      </fieldset>
    </form>
  );
}
