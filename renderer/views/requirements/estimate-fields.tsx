import { knownGpuModels } from '../../../shared/fleet/gpu-table';
import type { DataPath } from '../../state/task-edit';
import { NumberField, SelectField, TextField } from './fields';

// Every model of the GPU table, for the reference field's suggestions (any name form it knows is accepted).
const MODELS = knownGpuModels().map((m) => m.model);

/**
 * How long the task takes on a reference (a GPU model of the GPU table, or a number of cores), what
 * bounds it and how it scales: with it, every strategy decides on time and money to result.
 */
export function EstimateFields({ path }: { path: DataPath }) {
  return (
    <fieldset className="card req-block">
      <legend>Estimate</legend>
      <p className="muted req-hint">
        How long the task takes on a reference: the GPU table carries it to every target, and the strategies then weigh
        time and cost to result. Give a reference GPU or a number of cores, not both. Leave it empty for no estimate.
      </p>
      <div className="req-grid">
        <NumberField path={[...path, 'minutes']} label="Minutes on the reference" unit="minutes" />
        <TextField path={[...path, 'on', 'gpu']} label="Reference GPU model" list="req-gpu-models" />
        <NumberField path={[...path, 'on', 'cpu']} label="Or reference cores" unit="cores" />
        <SelectField path={[...path, 'boundBy']} label="Bound by" choices={['memory']} emptyLabel="compute (default)" />
        <SelectField path={[...path, 'scaling']} label="Scaling" choices={['none']} emptyLabel="linear (default)" />
      </div>
      <datalist id="req-gpu-models">
        {MODELS.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
    </fieldset>
  );
}
