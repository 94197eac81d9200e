import type { Capabilities } from '../../../shared/schema/capabilities';
import type { TargetType } from '../../../shared/schema/targets';
import { gpusInWords } from '../../../shared/report/words';
import { minutesInWords } from '../../../shared/report/time-cost';
import { formatGb, formatMoney, formatRate } from '../../format/number';

/**
 * What engineers compare first, in one line under a target's id: `8 vCPU · 32.0 GB · 8× A100 40 GB`.
 * A capability the target does not state is `?`, never left out (a gap is something to notice).
 */
export function capabilityLine(c: Capabilities | undefined): string {
  const cpu = c?.cpu === undefined ? '? vCPU' : `${c.cpu} vCPU`;
  const memory = c?.memoryGb === undefined ? '? GB' : formatGb(c.memoryGb);
  const gpus = c?.gpus === undefined ? 'GPUs ?' : c.gpus.length === 0 ? 'no GPU' : gpusInWords(c.gpus);
  return `${cpu} · ${memory} · ${gpus}`;
}

/** What the task states about the run's time on a target: its estimated minutes and the arithmetic (null: no estimate). */
export interface RunEstimate {
  estimatedMinutes: number | null;
  estimate: string | null;
}

/**
 * The price line: `cloud · $1.006/h · est. $2.01` (the run's estimated cost, as every strategy uses
 * it); when the task states an estimate, its time too: `cloud · $1.006/h · est. 72 min · $2.41`, or
 * `est. unknown` when the estimate cannot be carried to this target.
 */
export function priceLine(
  type: TargetType,
  hourlyRate: number,
  estimatedCost: number | null,
  run: RunEstimate = { estimatedMinutes: null, estimate: null },
): string {
  const rate = hourlyRate > 0 ? formatRate(hourlyRate) : 'no hourly rate';
  const cost = estimatedCost === null ? 'unknown' : estimatedCost === 0 ? 'free' : formatMoney(estimatedCost);
  // With an estimate, time and cost to result lead: a narrow column cuts the rate and type, never them.
  if (run.estimate !== null)
    return `${run.estimatedMinutes === null ? 'est. unknown' : `est. ${minutesInWords(run.estimatedMinutes)} · ${cost}`} · ${rate} · ${type}`;
  const est = estimatedCost === null ? 'est. unknown' : estimatedCost === 0 ? 'free' : `est. ${cost}`;
  return `${type} · ${rate} · ${est}`;
}

/** The price line's title: the estimate's arithmetic (or why it is unknown) first, then the line whole (it may be cut short). */
export function priceTitle(line: string, run: RunEstimate): string {
  return run.estimate === null
    ? `type · $/h · estimated cost of the run: ${line}`
    : `${run.estimate}\ntype · $/h · estimated time and cost of the run: ${line}`;
}
