import type { ApiInput } from '../../../shared/api/contract';

export type Outcome = 'placed' | 'failed' | 'interrupted';

/** The History view's filters as the controls hold them ('' is "any"; times as `datetime-local` text). */
export interface HistoryFilters {
  strategy: string;
  outcome: '' | Outcome;
  target: string;
  taskName: string;
  /** Local time, `2025-01-02T03:04` */
  since: string;
  until: string;
}

export const NO_FILTERS: HistoryFilters = { strategy: '', outcome: '', target: '', taskName: '', since: '', until: '' };

export type HistoryQuery = Omit<ApiInput<'history.list'>, 'limit' | 'offset'>;

/** A `datetime-local` value as an ISO time; `endOfMinute` makes "until 10:42" include 10:42:59.999. */
function iso(local: string, endOfMinute: boolean): string | undefined {
  if (local === '') return undefined;
  const ms = new Date(local).getTime();
  if (!Number.isFinite(ms)) return undefined;
  return new Date(ms + (endOfMinute && local.length <= 16 ? 59_999 : 0)).toISOString();
}

/** The filters as `history.list` (and `report.export`) take them: only what is set. */
export function historyQuery(f: HistoryFilters): HistoryQuery {
  const q: HistoryQuery = {};
  if (f.strategy) q.strategy = f.strategy;
  if (f.outcome) q.outcome = f.outcome;
  if (f.target.trim()) q.target = f.target.trim();
  if (f.taskName.trim()) q.taskName = f.taskName.trim();
  const since = iso(f.since, false);
  const until = iso(f.until, true);
  if (since) q.since = since;
  if (until) q.until = until;
  return q;
}

export function hasFilters(f: HistoryFilters): boolean {
  return Object.keys(historyQuery(f)).length > 0;
}

/** The filters in words, for people: `strategy auto, outcome failed`. */
export function describeFilters(f: HistoryFilters): string {
  const parts: string[] = [];
  if (f.strategy) parts.push(`strategy ${f.strategy}`);
  if (f.outcome) parts.push(`outcome ${f.outcome}`);
  if (f.target.trim()) parts.push(`target ${f.target.trim()}`);
  if (f.taskName.trim()) parts.push(`task ${f.taskName.trim()}`);
  if (f.since) parts.push(`since ${f.since.replace('T', ' ')}`);
  if (f.until) parts.push(`until ${f.until.replace('T', ' ')}`);
  return parts.length > 0 ? parts.join(', ') : 'all placements';
}
