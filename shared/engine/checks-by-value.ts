// A task's checks on a compiled fleet (issue 14): each part of the hard checks (checks.ts
// `partsOf`) run once per distinct value of the column it reads, its outcomes kept with the fleet,
// and a target's words, preferences and timing read back from them. evaluate.ts puts them together.
import type { Match, Mismatch } from '../schema/result.js';
import type { Requirements } from '../schema/requirements.js';
import type { Target } from '../schema/targets.js';
import { partsOf, type CheckOutcome, type CheckPart } from './checks.js';
import { compileRequirements, type CompiledRequirements } from './compile.js';
import { estimateCost } from './cost.js';
import { timingOn, type CompiledEstimate, type Timing } from './estimate.js';
import type { Column, ColumnName, CompiledFleet } from './fleet.js';
import { partialCredit, preferenceScore } from './preferences.js';

/** One part's outcome on one distinct value of its column, shared by every target that has the value. */
export interface Outcome extends CheckOutcome {
  /** A mismatch names the target (`unknown: gpu-box does not say…`): its words are built per target. */
  perTarget: boolean;
  /** The preference credit of each mismatch (preferences.ts), worked out on first use. */
  credits?: number[];
}

/** A part's outcomes by value id, and each value's number of mismatches. */
export interface PartOutcomes {
  byValue: Outcome[];
  misses: Uint8Array;
  /** Some value's words name the target (they are built per target). */
  perTarget: boolean;
}

export const KEPT_OUTCOMES = 512;

export function columnOf(fleet: CompiledFleet, part: CheckPart): Column {
  const c = part.column!;
  if (c.startsWith('label:')) return fleet.label(c.slice('label:'.length));
  if (c === 'type' || c === 'cudaCompute') return fleet.lazy(c);
  return fleet.columns[c as ColumnName];
}

/**
 * The part checked once per distinct value of its column, on the first target that has it. Kept with
 * the fleet by the requirement it checks, so that an edit re-checks only the requirement it changed.
 */
function outcomesOf(
  fleet: CompiledFleet,
  part: CheckPart,
  req: CompiledRequirements,
  requirements: Requirements,
): PartOutcomes {
  const memoKey = part.memoKey;
  const kept = fleet.memo.get(memoKey) as PartOutcomes | undefined;
  if (kept !== undefined) return kept;
  const column = columnOf(fleet, part);
  const byValue = new Array<Outcome>(column.first.length);
  const misses = new Uint8Array(column.first.length);
  const timing: Timing = { cost: 0, minutes: null, estimate: null, estimated: false };
  for (let v = 0; v < byValue.length; v++) {
    const target = fleet.targets[column.first[v]!]!;
    timing.cost = estimateCost(target.hourlyRate, requirements);
    const out: Outcome = { matches: [], mismatches: [], perTarget: false };
    part.check(out, req, target, timing);
    out.perTarget = out.mismatches.some((m) => m.unknown === true);
    byValue[v] = out;
    misses[v] = Math.min(255, out.mismatches.length);
  }
  if (fleet.memo.size >= KEPT_OUTCOMES) fleet.memo.clear();
  const outcomes = { byValue, misses, perTarget: byValue.some((o) => o.perTarget) };
  fleet.memo.set(memoKey, outcomes);
  return outcomes;
}

/** The parts of a set of checks with their outcomes (null for the estimated part, checked per target). */
export interface Checks {
  req: CompiledRequirements;
  parts: CheckPart[];
  outcomes: (PartOutcomes | null)[];
  ids: (Int32Array | null)[];
  /** Every part's words are shared by value (no estimated part, no unknown): each target's are a lookup. */
  shared: boolean;
  /** For `shared`: each part's outcomes by value, and its value ids by target. */
  byValue: Outcome[][];
  columns: Int32Array[];
}

// A task's checks on a fleet, kept while both live: an edit elsewhere (another requirement, the
// options, a strategy) finds this requirement's outcomes without looking them up.
const checksKept = new WeakMap<CompiledRequirements, { fleet: CompiledFleet; estimated: boolean; checks: Checks }>();

export function checksOf(
  fleet: CompiledFleet,
  req: CompiledRequirements,
  requirements: Requirements,
  estimated: boolean,
): Checks {
  const kept = checksKept.get(req);
  if (kept !== undefined && kept.fleet === fleet && kept.estimated === estimated) return kept.checks;
  const checks = buildChecks(fleet, req, requirements, estimated);
  checksKept.set(req, { fleet, estimated, checks });
  return checks;
}

function buildChecks(
  fleet: CompiledFleet,
  req: CompiledRequirements,
  requirements: Requirements,
  estimated: boolean,
): Checks {
  const parts = partsOf(req, estimated);
  const outcomes = parts.map((p) => (p.column === null ? null : outcomesOf(fleet, p, req, requirements)));
  const ids = parts.map((p) => (p.column === null ? null : columnOf(fleet, p).ids));
  const shared = outcomes.every((o) => o !== null && !o.perTarget);
  return {
    req,
    parts,
    outcomes,
    ids,
    shared,
    byValue: shared ? outcomes.map((o) => o!.byValue) : [],
    columns: shared ? (ids as Int32Array[]) : [],
  };
}

/** No matches or no mismatches: one shared list, as every result is read-only. */
const NONE: never[] = Object.freeze([]) as never[];

/** The matches and mismatches of one target, in the order `checkInto` lists them. */
export function wordsOf(checks: Checks, target: Target, index: number, timing: Timing): CheckOutcome {
  if (!checks.shared) return wordsOneByOne(checks, target, index, timing);
  // Counted first, so that each list is allocated once at its size: a full result holds thousands.
  const { byValue, columns } = checks;
  const parts = byValue.length;
  let matches = 0;
  let mismatches = 0;
  for (let k = 0; k < parts; k++) {
    const o = byValue[k]![columns[k]![index]!]!;
    matches += o.matches.length;
    mismatches += o.mismatches.length;
  }
  const m = matches === 0 ? NONE : new Array<Match>(matches);
  const mm = mismatches === 0 ? NONE : new Array<Mismatch>(mismatches);
  let i = 0;
  let j = 0;
  for (let k = 0; k < parts; k++) {
    const o = byValue[k]![columns[k]![index]!]!;
    for (let q = 0; q < o.matches.length; q++) m[i++] = o.matches[q]!;
    for (let q = 0; q < o.mismatches.length; q++) mm[j++] = o.mismatches[q]!;
  }
  return { matches: m, mismatches: mm };
}

export function wordsOneByOne(checks: Checks, target: Target, index: number, timing: Timing): CheckOutcome {
  const out: CheckOutcome = { matches: [], mismatches: [] };
  for (let k = 0; k < checks.parts.length; k++) {
    const part = checks.parts[k]!;
    const o = checks.outcomes[k];
    if (o === null || o === undefined) {
      part.check(out, checks.req, target, timing);
      continue;
    }
    const shared = o.byValue[checks.ids[k]![index]!]!;
    if (shared.perTarget) part.check(out, checks.req, target, timing);
    else {
      for (const m of shared.matches) out.matches.push(m);
      for (const m of shared.mismatches) out.mismatches.push(m);
    }
  }
  return out;
}

/** The preferences met by one target, in [0, 1], as preferences.ts `preferenceScore` reckons them. */
export function preferencesOf(checks: Checks, target: Target, index: number, timing: Timing): number {
  // Estimated: a preference on time or cost reads the run's own timing, target by target.
  if (checks.outcomes.includes(null)) return preferenceScore(checks.req, target, timing);
  let matches = 0;
  let terms = 0;
  for (let k = 0; k < checks.parts.length; k++) {
    const o = checks.outcomes[k]!.byValue[checks.ids[k]![index]!]!;
    matches += o.matches.length;
    terms += o.matches.length + o.mismatches.length;
  }
  if (terms === 0) return 1;
  let sum = matches;
  for (let k = 0; k < checks.parts.length; k++) {
    const o = checks.outcomes[k]!.byValue[checks.ids[k]![index]!]!;
    if (o.mismatches.length === 0) continue;
    o.credits ??= o.mismatches.map(partialCredit);
    for (const c of o.credits) sum += c;
  }
  return sum / terms;
}

// Requirements compiled once per task object (and the run's cost minutes): a what-if places the same
// task again and again. The shared mismatches are let go now and then, so a long session stays bounded.
const compiledKept = new WeakMap<Requirements, { uses: number; compiled: CompiledRequirements }>();

export function compiledFor(source: Requirements, costMinutes: number | null): CompiledRequirements {
  const kept = compiledKept.get(source);
  if (kept !== undefined && kept.compiled.costMinutes === costMinutes && ++kept.uses < 1000) return kept.compiled;
  const compiled = compileRequirements(source, costMinutes);
  compiledKept.set(source, { uses: 0, compiled });
  return compiled;
}

/**
 * How many mismatches checks.ts `checkEstimated` records for one target, without recording them: a
 * deadline the estimated time misses, a runtime limit it exceeds, a cost cap the estimated cost
 * breaks (an unknown estimate misses each, unless something else is missing already).
 */
export function estimatedMissCount(r: Requirements, timing: Timing, target: Target, missesAlready: boolean): number {
  const minutes = timing.minutes;
  if (minutes === null && missesAlready) return 0;
  let count = 0;
  if (r.maxRuntimeMinutes !== undefined && (minutes === null || !(minutes <= r.maxRuntimeMinutes))) count++;
  const limit = target.capabilities?.maxRuntimeMinutes;
  if (limit !== undefined && minutes !== null && minutes > limit) count++;
  if (r.maxCost !== undefined && (Number.isNaN(timing.cost) || !(timing.cost <= r.maxCost))) count++;
  return count;
}

/**
 * Each target's timing with an estimate: worked out once per distinct GPU set (or core count) and
 * carried to each target's rate; an unknown one, whose words name the target, target by target.
 */
export function timingsOf(fleet: CompiledFleet, requirements: Requirements, estimate: CompiledEstimate): Timing[] {
  const targets = fleet.targets;
  if (estimate.broken !== null) return targets.map((t) => timingOn(t, requirements, estimate));
  const column = estimate.gpu === null ? fleet.columns.cpu : fleet.columns.gpus;
  // Kept with the fleet: a what-if that changes a deadline or a price carries the same times.
  const memoKey = `timing|${JSON.stringify([estimate.source, requirements.gpu ?? null])}`;
  let byValue = fleet.memo.get(memoKey) as (Timing | null | undefined)[] | undefined;
  if (byValue === undefined) {
    byValue = new Array<Timing | null | undefined>(column.first.length);
    if (fleet.memo.size >= KEPT_OUTCOMES) fleet.memo.clear();
    fleet.memo.set(memoKey, byValue);
  }
  const out = new Array<Timing>(targets.length);
  for (let i = 0; i < targets.length; i++) {
    const v = column.ids[i]!;
    let shared = byValue[v];
    if (shared === undefined) {
      const t = timingOn(targets[column.first[v]!]!, requirements, estimate);
      byValue[v] = shared = t.minutes === null ? null : t;
    }
    const target = targets[i]!;
    out[i] =
      shared === null
        ? timingOn(target, requirements, estimate)
        : {
            cost: (target.hourlyRate * shared.minutes!) / 60,
            minutes: shared.minutes,
            estimate: shared.estimate,
            estimated: true,
          };
  }
  return out;
}

/** How many targets have each value of the part's column. */
export function histogram(fleet: CompiledFleet, part: CheckPart, column: Column): Int32Array {
  const key = `histogram|${part.column}`;
  let counts = fleet.memo.get(key) as Int32Array | undefined;
  if (counts === undefined) {
    counts = new Int32Array(column.first.length);
    for (let i = 0; i < column.ids.length; i++) counts[column.ids[i]!]!++;
    fleet.memo.set(key, counts);
  }
  return counts;
}
