import { DATE_ONLY, historyOutcome, type HistoryFilters } from '../../shared/schema/history.js';
import { STRATEGY_NAMES } from '../../shared/strategies/registry.js';
import { InputError } from '../config/load.js';

/** The History view's filters as `history` and `report` take them (registered in history-filter-options.ts). */
export interface HistoryFilterFlags {
  since?: string;
  until?: string;
  strategy?: string;
  outcome?: string;
  target?: string;
  taskName?: string;
}

/** True when the value starts with a calendar day that exists: Date.parse takes 2025-02-30 for March 2. */
function realDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (m === null) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
}

/**
 * A date or a time for `--since` or `--until`: a date alone is kept as it is (for `--until` it means
 * the whole of that day, UTC); a time becomes ISO 8601 in UTC.
 */
function timeOf(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = realDay(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms))
    throw new InputError([`${flag}: expected a date like 2025-01-31 or 2025-01-31T09:30:00Z, got "${value}"`]);
  return DATE_ONLY.test(value) ? value : new Date(ms).toISOString();
}

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new InputError([`${flag}: expected one of ${allowed.join(' | ')}, got "${value}"`]);
}

/** The filters the flags give, checked: a bad value is an InputError naming its flag. */
export function historyFiltersOf(flags: HistoryFilterFlags): HistoryFilters {
  const since = timeOf('--since', flags.since);
  const until = timeOf('--until', flags.until);
  const strategy = oneOf('--strategy', flags.strategy, STRATEGY_NAMES);
  const outcome = oneOf('--outcome', flags.outcome, historyOutcome.options);
  return {
    ...(strategy !== undefined && { strategy }),
    ...(outcome !== undefined && { outcome }),
    ...(flags.target !== undefined && { target: flags.target }),
    ...(flags.taskName !== undefined && { taskName: flags.taskName }),
    ...(since !== undefined && { since }),
    ...(until !== undefined && { until }),
  };
}
