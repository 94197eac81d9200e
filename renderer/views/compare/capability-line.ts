import type { Capabilities } from '../../../shared/schema/capabilities';
import type { TargetType } from '../../../shared/schema/targets';
import { gpusInWords } from '../../../shared/report/words';
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

/** The price line: `cloud · $1.006/h · est. $2.01` (the run's estimated cost, as every strategy uses it). */
export function priceLine(type: TargetType, hourlyRate: number, estimatedCost: number | null): string {
  const rate = hourlyRate > 0 ? formatRate(hourlyRate) : 'no hourly rate';
  const est =
    estimatedCost === null ? 'est. unknown' : estimatedCost === 0 ? 'free' : `est. ${formatMoney(estimatedCost)}`;
  return `${type} · ${rate} · ${est}`;
}
