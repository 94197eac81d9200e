// One way to write each kind of number, for every view: money to the cent, sizes to one decimal,
// scores to three places, counts as whole numbers. A value that is not a finite number is "unknown".

const UNKNOWN = 'unknown';

// One formatter each, made once: `toLocaleString` builds a new Intl.NumberFormat on every call, which
// cost the Compare view ~4 ms of each 1,000-target re-rank.
const CENTS = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const RATE = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 4 });
const WHOLE = new Intl.NumberFormat('en');
const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** US dollars to the cent: `$2.01`, `$0.00`; `$1,234.50` with thousands grouped. */
export function formatMoney(usd: number | null | undefined): string {
  if (!finite(usd)) return UNKNOWN;
  const cents = Math.round(usd * 100) / 100;
  const text = CENTS.format(Math.abs(cents));
  return `${cents < 0 ? '−' : ''}$${text}`;
}

/**
 * An hourly rate as the price list writes it: cents at least, and the fractions of a cent that cloud
 * prices carry (`$1.006/h`, `$0.50/h`, `$0.0042/h`), which a total rounded to the cent would lose.
 */
export function formatRate(usdPerHour: number | null | undefined): string {
  if (!finite(usdPerHour)) return UNKNOWN;
  const text = RATE.format(Math.abs(usdPerHour));
  return `${usdPerHour < 0 ? '−' : ''}$${text}/h`;
}

/** A size in GB (10^9 bytes) to one decimal: `16.8 GB`, `24.0 GB`. */
export function formatGb(gb: number | null | undefined): string {
  return finite(gb) ? `${gb.toFixed(1)} GB` : UNKNOWN;
}

/** A score to three places: `0.396`. */
export function formatScore(score: number | null | undefined): string {
  return finite(score) ? score.toFixed(3) : UNKNOWN;
}

/** A signed change of a score to three places: `+0.021`, `−0.050`. */
export function formatScoreDelta(d: number): string {
  return `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(3)}`;
}

/**
 * A file's size in the project's decimal units (10^3, as GB is 10^9): `812 B`, `4.2 kB`, `247.5 MB`,
 * one decimal from kB up.
 */
export function formatBytes(bytes: number | null | undefined): string {
  if (!finite(bytes)) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A count as a whole number, thousands grouped: `3`, `1,204`. */
export function formatCount(n: number | null | undefined): string {
  return finite(n) ? WHOLE.format(Math.round(n)) : UNKNOWN;
}

/** A percentage to one decimal: `42.5 %`. */
export function formatPercent(percent: number | null | undefined): string {
  return finite(percent) ? `${percent.toFixed(1)} %` : UNKNOWN;
}

/** Any other quantity: at most three decimals, no float noise (`3.018`, not `3.0180000000000002`). */
export function formatNumber(n: number | null | undefined): string {
  return finite(n) ? String(Math.round(n * 1000) / 1000) : UNKNOWN;
}

// Requirement keys whose values are money, sizes or minutes, as the engine names them in matches.
const MONEY_KEYS = /(^|\.)maxCost$|cost$/i;
const SIZE_KEYS = /(memoryGb|diskGb|minVram|vramGb)$/;
const MINUTE_KEYS = /(maxRuntimeMinutes|Minutes)$/;

/**
 * A requirement's value (what a task needs, what a target has) in words, by its key: money to the
 * cent, sizes to one decimal, minutes as minutes, `yes`/`no` for flags, lists joined; never a raw
 * float or `true`.
 */
export function formatRequirementValue(key: string, value: unknown): string {
  if (value === null || value === undefined) return UNKNOWN;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (MONEY_KEYS.test(key)) return formatMoney(value);
    if (SIZE_KEYS.test(key)) return formatGb(value);
    if (MINUTE_KEYS.test(key)) return `${formatNumber(value)} min`;
    return formatNumber(value);
  }
  if (Array.isArray(value)) return value.map((v) => formatRequirementValue(key, v)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
