// One time format for every view: 24-hour local time, `16:39:19`, with the date in front
// (`2025-01-02 16:39:19`) when it is not today. Chart axes use the same form without seconds.

const pad = (n: number) => String(n).padStart(2, '0');

const dateOf = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const clockOf = (d: Date, seconds: boolean) =>
  `${pad(d.getHours())}:${pad(d.getMinutes())}${seconds ? `:${pad(d.getSeconds())}` : ''}`;

function dateFrom(at: string | number | Date): Date {
  return at instanceof Date ? at : new Date(at);
}

/**
 * A local time, for people: `16:39:19` today, `2025-01-02 16:39:19` on another day. `now` says what
 * "today" is (tests pass it; views leave it to the clock).
 */
export function formatTime(at: string | number | Date, now: number = Date.now()): string {
  const d = dateFrom(at);
  if (!Number.isFinite(d.getTime())) return String(at);
  const today = dateOf(d) === dateOf(new Date(now));
  return today ? clockOf(d, true) : `${dateOf(d)} ${clockOf(d, true)}`;
}

/** A local time with its date, always: `2025-01-02 16:39:19` (tooltips, where the day matters). */
export function formatDateTime(at: string | number | Date): string {
  const d = dateFrom(at);
  if (!Number.isFinite(d.getTime())) return String(at);
  return `${dateOf(d)} ${clockOf(d, true)}`;
}

/** A chart axis's tick: `16:39` (the same 24-hour clock, without seconds), or the date for day-wide steps. */
export function formatAxisTime(at: number, wholeDays = false): string {
  const d = new Date(at);
  return wholeDays ? dateOf(d) : clockOf(d, false);
}

/** A chart axis's tick with seconds: `16:39:19`. */
export function formatClock(at: number): string {
  return clockOf(new Date(at), true);
}
