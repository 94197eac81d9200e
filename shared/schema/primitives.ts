import * as z from 'zod';

/** A finite number ≥ 0; the message names the constraint so the error line is self-explanatory. */
export function nonNegative(unit = '') {
  const message = `expected a number ≥ 0${unit}`;
  return z.number({ error: message }).nonnegative({ error: message });
}

/** A finite number > 0. */
export function positive(unit = '') {
  const message = `expected a number > 0${unit}`;
  return z.number({ error: message }).positive({ error: message });
}

/** A whole number ≥ min. */
export function wholeAtLeast(min: number) {
  const message = `expected a whole number ≥ ${min}`;
  return z.number({ error: message }).int({ error: message }).min(min, { error: message });
}

/** An enum whose error lists every allowed value. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: `expected one of ${values.join(' | ')}` });
}

/** Builds an enum that also accepts aliases and maps each to its canonical value at parse time. */
export function aliased<const T extends readonly [string, ...string[]]>(
  values: T,
  aliases: Readonly<Record<string, T[number]>>,
) {
  const accepted = [...values, ...Object.keys(aliases)] as [string, ...string[]];
  return z
    .enum(accepted, { error: `expected one of ${accepted.join(' | ')}` })
    .transform((v): T[number] => aliases[v] ?? (v as T[number]));
}

/** Label keys and values: short, printable, no control characters (a Kubernetes key is ≤ 253 + 1 + 63). */
export const labelKey = z.string({ error: 'expected a label key' }).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,316}$/, {
  error: 'expected a label key of letters, digits, . _ / -',
});
export const labelValue = z
  .union([z.string(), z.number(), z.boolean()], { error: 'expected a string, number or boolean' })
  .transform((v) => String(v))
  .pipe(z.string().max(256, { error: 'expected at most 256 characters' }));
export const labels = z.record(labelKey, labelValue);
