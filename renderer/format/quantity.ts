/** The unit a number field is written in. */
export type FieldUnit = 'GB' | 'USD' | 'USD/h' | 'minutes' | 'cores' | 'count';

/**
 * What a typed quantity reads as: empty (the key removed), a number in the field's unit, a number in
 * another unit (refused, saying the field's unit), or not a quantity at all (kept as typed, for the
 * schema to name).
 */
export type Quantity =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'refused'; message: string }
  | { kind: 'text'; text: string };

// A number as people write it: `1024`, `1,024`, `32.77`, `.5`, `1e3`; commas only between groups of three.
const NUMBER = String.raw`[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:e[-+]?\d+)?|[-+]?\.\d+(?:e[-+]?\d+)?`;
const QUANTITY = new RegExp(String.raw`^(\$|US\$|€|£|¥)?\s*(${NUMBER})\s*(.*?)$`, 'i');

/** Sizes in GB, for saying what another size is in the field's unit. Null: the unit is ambiguous. */
const SIZES: Record<string, number | null> = {
  b: 1e-9,
  kb: 1e-6,
  mb: 1e-3,
  tb: 1e3,
  pb: 1e6,
  kib: 1024 / 1e9,
  mib: 1024 ** 2 / 1e9,
  gib: 1024 ** 3 / 1e9,
  tib: 1024 ** 4 / 1e9,
  ki: 1024 / 1e9,
  mi: 1024 ** 2 / 1e9,
  gi: 1024 ** 3 / 1e9,
  ti: 1024 ** 4 / 1e9,
  k: null,
  m: null,
  g: null,
  t: null,
};

/** Durations in minutes. */
const DURATIONS: Record<string, number> = {
  s: 1 / 60,
  sec: 1 / 60,
  secs: 1 / 60,
  second: 1 / 60,
  seconds: 1 / 60,
  h: 60,
  hr: 60,
  hrs: 60,
  hour: 60,
  hours: 60,
  d: 1440,
  day: 1440,
  days: 1440,
};

/** What each unit accepts after the number (lower case, spaces squeezed), and how the unit is named. */
const ACCEPTED: Record<FieldUnit, { suffixes: string[]; name: string }> = {
  GB: { suffixes: ['gb'], name: 'GB' },
  USD: { suffixes: ['usd'], name: 'USD' },
  'USD/h': {
    suffixes: ['/h', '/hr', '/hour', 'per hour', 'usd/h', 'usd/hr', 'usd/hour', 'usd per hour', 'usd an hour'],
    name: 'USD per hour',
  },
  minutes: { suffixes: ['min', 'mins', 'minute', 'minutes'], name: 'minutes' },
  cores: { suffixes: ['core', 'cores', 'cpu', 'cpus', 'vcpu', 'vcpus'], name: 'cores' },
  count: { suffixes: ['x', '×', 'gpu', 'gpus'], name: 'a plain number' },
};

const CURRENCIES = new Set(['€', '£', '¥', 'eur', 'gbp', 'jpy', 'chf', 'cad', 'aud', 'inr', 'cny']);

/** A number as a person reads it: one decimal for sizes, whole when whole. */
function plain(n: number): string {
  const rounded = Math.round(n * 10) / 10;
  return rounded.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/**
 * Reads what a person typed into a number field whose unit is `unit`: `128GB`, `128 GB`, `1,024 GB`
 * for GB; `$32.77`, `32.77 USD` for USD; `$1.006/h` for USD per hour; `180 min`; `4 cores`. Another
 * unit is refused with the field's unit named (`Memory is in GB; "128 GiB" is not GB (128 GiB is
 * 137.4 GB)`), never converted silently. `what` names the field in that message ("Memory").
 */
export function parseQuantity(text: string, unit: FieldUnit, what: string): Quantity {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const m = QUANTITY.exec(trimmed);
  if (!m) return { kind: 'text', text: trimmed };
  const sign = (m[1] ?? '').toLowerCase();
  const value = Number(m[2]!.replace(/,/g, ''));
  const rest = m[3]!.toLowerCase().replace(/\s+/g, ' ').trim();
  if (!Number.isFinite(value)) return { kind: 'text', text: trimmed };
  const { suffixes, name } = ACCEPTED[unit];
  const refuse = (extra = ''): Quantity => ({
    kind: 'refused',
    message:
      unit === 'count'
        ? `${what} is a plain number; "${trimmed}" is not${extra}`
        : `${what} is in ${name}; "${trimmed}" is not ${name}${extra}`,
  });

  if (unit === 'USD' || unit === 'USD/h') {
    if (sign === '€' || sign === '£' || sign === '¥') return refuse();
    const money = rest.replace(/^(usd|\$)(?=$|[ /])/, 'usd').trim();
    if (CURRENCIES.has(money.split(/[ /]/)[0]!)) return refuse();
    if (unit === 'USD') return money === '' || money === 'usd' ? { kind: 'number', value } : unitOrText(money);
    if (money === '' || suffixes.includes(money) || suffixes.includes(money.replace(/^usd ?/, '')))
      return { kind: 'number', value };
    // `$30/month`, `$0.02/min`: money, but not per hour.
    if (/^(usd ?)?(\/|per )/.test(money)) return refuse();
    return unitOrText(money);
  }
  if (sign !== '') return refuse();
  if (rest === '' || suffixes.includes(rest)) return { kind: 'number', value };

  if (Object.hasOwn(SIZES, rest)) {
    if (unit !== 'GB') return refuse();
    const factor = SIZES[rest];
    if (factor === null || factor === undefined) return refuse(': write the number of GB (10^9 bytes)');
    return refuse(` (${trimmed} is ${plain(value * factor)} GB)`);
  }
  if (Object.hasOwn(DURATIONS, rest)) {
    if (unit !== 'minutes') return refuse();
    return refuse(` (${trimmed} is ${plain(value * DURATIONS[rest]!)} minutes)`);
  }
  return unitOrText(rest);

  function unitOrText(suffix: string): Quantity {
    // A word after the number is some other unit ("16 cores" in a GB field); other text is no number.
    const otherUnit = Object.values(ACCEPTED).some((a) => a.suffixes.includes(suffix)) || /^[a-z$/]+$/.test(suffix);
    return otherUnit ? refuse() : { kind: 'text', text: trimmed };
  }
}

/** The value a field writes into its file for what was typed: a number, nothing, or the text as typed. */
export function quantityValue(q: Quantity, typed: string): number | string | undefined {
  if (q.kind === 'empty') return undefined;
  if (q.kind === 'number') return q.value;
  return typed.trim();
}
