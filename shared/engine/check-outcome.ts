// What a check records: matches, and mismatches shared by every target with the same value.
import type { Match, Mismatch } from '../schema/result.js';
import type { Target } from '../schema/targets.js';
import type { CompiledRequirements } from './compile.js';

/** The outcome of checking one target against the hard requirements. */
export interface CheckOutcome {
  matches: Match[];
  mismatches: Mismatch[];
}

export type Value = number | string | boolean | null;
export type Explain = (key: string, need: Value, have: Value, extra: string) => string;

/**
 * Records a mismatch. It depends only on the requirement (its `slot`: the key, or for tools the
 * spec, since a task may ask for one tool twice) and on what the target has, and fleets repeat the
 * same few values, so each distinct one is built once and shared.
 */
export function fail(
  out: CheckOutcome,
  req: CompiledRequirements,
  key: string,
  need: Value,
  have: Value,
  explain: Explain,
  extra = '',
  slot = key,
): void {
  let byHave = req.mismatches.get(slot);
  if (byHave === undefined) req.mismatches.set(slot, (byHave = new Map()));
  let mismatch = byHave.get(have);
  if (mismatch === undefined)
    byHave.set(have, (mismatch = { key, need, have, message: explain(key, need, have, extra) }));
  out.mismatches.push(mismatch);
}

/**
 * Records a mismatch the target cannot be judged on: it does not say what it has. Its message names
 * the target (`unknown: gpu-box does not say whether it has python3`), so it is built per target;
 * only fleets that leave capabilities out pay for it.
 */
export function unknown(
  out: CheckOutcome,
  target: Target,
  key: string,
  need: Value,
  have: null | true,
  what: string,
): void {
  out.mismatches.push({ key, need, have, message: `unknown: ${target.id} does not say ${what}`, unknown: true });
}

/** Records a match (the engine checks once per distinct value, so it is shared by those targets). */
export function pass(out: CheckOutcome, key: string, need: Value, have: Value): void {
  out.matches.push({ key, need, have });
}

/** A message made whole by the caller (`extra`), for checks whose words depend on more than need and have. */
const asWritten: Explain = (_key, _need, _have, message) => message;

/** A mismatch whose message the caller made: shared, like every other, by the words themselves. */
export function failWith(
  out: CheckOutcome,
  req: CompiledRequirements,
  key: string,
  need: Value,
  have: Value,
  message: string,
) {
  fail(out, req, key, need, have, asWritten, message, message);
}
