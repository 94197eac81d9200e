import { ARCHITECTURES, OPERATING_SYSTEMS } from '../../../shared/schema/aliases';
import type { DataPath } from '../../state/task-edit';
import { CheckField, NumberField, SelectField } from './fields';
import { GpuFields } from './gpu-fields';
import { LabelsField } from './labels-field';
import { ToolsField } from './tools-field';

/**
 * Every key of a requirements (hard) or preferences (soft) block: the two share their keys, so one
 * set of fields serves both, told apart by the group's name (what E2E tests and screen readers use).
 */
export function DemandFields({ path, hard }: { path: DataPath; hard: boolean }) {
  const title = hard ? 'Requirements' : 'Preferences';
  return (
    <fieldset className="card req-block">
      <legend>{title}</legend>
      <p className="muted req-hint">
        {hard
          ? 'Hard: a target that misses one is ineligible. Leave a field empty to ask nothing.'
          : 'Soft: they raise a score, never exclude a target.'}
      </p>
      <div className="req-grid">
        <NumberField path={[...path, 'cpu']} label="CPU cores" unit="cores" />
        <NumberField path={[...path, 'memoryGb']} label="Memory (GB)" unit="GB" />
        <NumberField path={[...path, 'diskGb']} label="Free disk (GB)" unit="GB" />
        <SelectField path={[...path, 'os']} label="Operating system" choices={OPERATING_SYSTEMS} />
        <SelectField path={[...path, 'arch']} label="Architecture" choices={ARCHITECTURES} />
        <NumberField path={[...path, 'maxRuntimeMinutes']} label="Max runtime (minutes)" unit="minutes" />
        <NumberField path={[...path, 'maxCost']} label="Max cost per run (USD)" unit="USD" />
        <CheckField path={[...path, 'network']} label={hard ? 'Needs network access' : 'Network access'} />
        {/* A hard requirement only: a preference never rules a target out. Checked writes `allowCloud: false`. */}
        {hard && <CheckField path={[...path, 'allowCloud']} label="No cloud targets" checkedValue={false} />}
      </div>
      <GpuFields path={[...path, 'gpu']} hard={hard} />
      <div className="req-lists">
        <ToolsField path={[...path, 'tools']} />
        <LabelsField path={[...path, 'custom']} />
      </div>
    </fieldset>
  );
}
