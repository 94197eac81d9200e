/** Formats a quantity for messages: at most two decimals, no trailing zeros. */
export function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

/** Formats a USD amount. */
export function usd(n: number): string {
  return `$${n.toFixed(2)}`;
}

type Value = number | string | boolean | null;

const UNITS: Record<string, (n: number) => string> = {
  cpu: (n) => `${num(n)} ${n === 1 ? 'core' : 'cores'}`,
  memoryGb: (n) => `${num(n)} GB`,
  diskGb: (n) => `${num(n)} GB`,
  'gpu.minVram': (n) => `${num(n)} GB`,
  maxRuntimeMinutes: (n) => `${num(n)} min`,
  maxCost: usd,
};

/** A need or a have in words, with its unit: `16 GB`, `$3.02`, `180 min`; numbers never print float noise. */
export function valueText(key: string, v: Value): string {
  if (v === null) return 'unknown';
  if (typeof v === 'number') return (UNITS[key] ?? num)(v);
  if (typeof v === 'boolean') {
    if (key.startsWith('tools.')) return v ? 'installed, version unknown' : 'not installed';
    if (key === 'network') return v ? 'network access' : 'no network access';
    return v ? 'yes' : 'no';
  }
  return v;
}

/**
 * A requirement a target meets, in words, as every view shows it: `memoryGb: needs 16 GB, has 31.2 GB`,
 * `maxCost: needs at most $10.00, has $3.02`, `tools.python3: needs python3, installed, version unknown`.
 */
export function matchText(m: { key: string; need: Value; have: Value }): string {
  const need = m.key === 'maxCost' ? `at most ${valueText(m.key, m.need)}` : valueText(m.key, m.need);
  // A tool's presence is said whole ("installed, version unknown"), not as something it "has".
  const have = typeof m.have === 'boolean' && m.key.startsWith('tools.') ? '' : 'has ';
  return `${m.key}: needs ${need}, ${have}${valueText(m.key, m.have)}`;
}
