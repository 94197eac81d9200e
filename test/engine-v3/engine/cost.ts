import type { Requirements } from '../../../shared/schema/requirements.js';

/** Minutes a run is assumed to take when the task does not say: one hour. */
export const DEFAULT_RUN_MINUTES = 60;

/** Estimated USD for the whole run: hourly rate × the task's maximum runtime (1 h when it has none). */
export function estimateCost(hourlyRate: number, requirements: Requirements): number {
  return (hourlyRate * (requirements.maxRuntimeMinutes ?? DEFAULT_RUN_MINUTES)) / 60;
}
