import type { ApiInput } from '../../../shared/api/contract';

export type Outcome = 'placed' | 'failed' | 'interrupted';

/** The History view's filters as the controls hold them ('' is "any"; times as local `2025-01-02T03:04` text). */
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

const FILTER_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(\d{1,2}):(\d{2}))?$/;
const pad = (n: string) => n.padStart(2, '0');

/**
 * What a person typed into a time filter, as the filter holds it: `2025-01-02 16:39` (or `T`) is
 * `2025-01-02T16:39`; a date alone is that whole day (`T00:00`, and for `until` the end is added
 * when queried); '' is no filter; null is no such time.
 */
export function parseFilterTime(text: string): string | null {
  const t = text.trim();
  if (t === '') return '';
  const m = FILTER_TIME.exec(t);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m as unknown as [string, string, string, string, string?, string?];
  const local = `${y}-${pad(mo)}-${pad(d)}T${h === undefined ? '00:00' : `${pad(h)}:${mi}`}`;
  const date = new Date(local);
  // `2025-02-30` rolls over to March: refuse it rather than filter on a day nobody wrote.
  if (!Number.isFinite(date.getTime()) || date.getDate() !== Number(d) || date.getMonth() + 1 !== Number(mo))
    return null;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59)) return null;
  return h === undefined ? local.slice(0, 10) : local;
}

/** A filter's time as its field shows it: `2025-01-02 16:39`, or the date alone. */
export function showFilterTime(value: string): string {
  return value.replace('T', ' ');
}

/**
 * A filter's local time as an ISO time. `endOfMinute` makes "until 10:42" include 10:42:59.999,
 * and "until 2025-01-02" the whole day.
 */
function iso(local: string, endOfMinute: boolean): string | undefined {
  if (local === '') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(local)) local = `${local}T${endOfMinute ? '23:59' : '00:00'}`;
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
