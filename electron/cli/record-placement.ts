import type { PlacementInputs } from '../../shared/schema/history.js';
import type { PipelineResult, PlacementResult } from '../../shared/schema/result.js';
import { InputError } from '../config/load.js';
import { resolveDataDir } from '../config/data-dir.js';
import { appendHistory, placementRecords } from '../history/history-log.js';
import { writeRefusal } from '../history/write-failure.js';
import type { PlacementInputs as LoadedInputs } from './inputs.js';

/** Records a placement made for real: PlacementStarted with its inputs, then its outcome, flushed. */
export async function recordPlacement(
  dataDir: string | undefined,
  inputs: LoadedInputs,
  result: PlacementResult | PipelineResult,
): Promise<void> {
  const at = new Date().toISOString();
  const used: PlacementInputs = {
    task: inputs.file,
    options: inputs.options,
    targets: inputs.targets.map((target) => ({
      target,
      capabilitiesAgeMs: inputs.discovered.get(target.id)?.ageMs ?? null,
      ...(Object.hasOwn(inputs.unchecked, target.id) && { unchecked: inputs.unchecked[target.id]! }),
    })),
  };
  const dir = resolveDataDir(dataDir);
  try {
    await appendHistory(dir, placementRecords(result.requestId, at, used, result));
  } catch (err) {
    const refusal = writeRefusal(err);
    if (refusal === undefined) throw err;
    const fix = refusal.fix === null ? '' : `${refusal.fix}, or `;
    throw new InputError([
      `${dir}: cannot record the placement in the history (${refusal.why}); ${fix}choose another --data-dir, or --no-history`,
    ]);
  }
}
