// Why a score moved between two placements (a pinned one and the live one): which of its named
// parts changed, by how much, and which input — a field of the task, of the target, or another
// target joining or leaving the eligible ones — each part reads. Pure: the renderer calls it.
import type { Mismatch, TargetScore } from '../schema/result.js';
import { num, usd } from './format.js';

/** One input that differs between the two placements: `requirements.maxCost $10.00 → $5.00`. */
export interface InputChange {
  /** Where it is: `requirements.maxCost`, `targets.gpu-box.hourlyRate`, `options.mode`. */
  path: string;
  text: string;
}

/** One part of a score that moved, with its numbers then and now and the inputs that explain it. */
export interface PartChange {
  name: string;
  from: number;
  to: number;
  /** The part's numbers then and now (`$1.01 between the cheapest $0.00 and the dearest $32.77 → 0.969 × 0.25`). */
  then: string | null;
  now: string | null;
  because: string[];
}

export interface ScoreChange {
  from: number;
  to: number;
  parts: PartChange[];
}

/** What else moved between the two placements, for parts that read more than the task. */
export interface ChangeContext {
  inputs: readonly InputChange[];
  /** Targets eligible then and not now, with what they now miss; and those eligible now, not then. */
  left: readonly { id: string; mismatches: readonly Mismatch[] }[];
  joined: readonly string[];
}

type Json = unknown;

function valueWords(path: string, v: Json): string {
  if (v === undefined) return 'unset';
  if (typeof v === 'number') {
    if (/(?:^|\.)maxCost$|hourlyRate$/.test(path)) return usd(v);
    if (/memoryGb$|diskGb$|minVram$|vramGb$/.test(path)) return `${num(v)} GB`;
    if (/Minutes$/.test(path)) return `${num(v)} min`;
    return num(v);
  }
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

function isPlainObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The leaves that differ between two JSON values, by path (`requirements.maxCost`). Objects are
 * walked; lists and scalars are compared whole, so `tools: [python3]` → `[]` is one change.
 */
export function inputChanges(then: Json, now: Json, prefix = ''): InputChange[] {
  if (isPlainObject(then) && isPlainObject(now)) {
    const out: InputChange[] = [];
    for (const key of new Set([...Object.keys(then), ...Object.keys(now)])) {
      out.push(...inputChanges(then[key], now[key], prefix ? `${prefix}.${key}` : key));
    }
    return out;
  }
  if (JSON.stringify(then) === JSON.stringify(now)) return [];
  if (isPlainObject(then) || isPlainObject(now)) {
    // A block added or removed whole: its leaves, each once.
    return inputChanges(isPlainObject(then) ? then : {}, isPlainObject(now) ? now : {}, prefix);
  }
  return [{ path: prefix, text: `${prefix} ${valueWords(prefix, then)} → ${valueWords(prefix, now)}` }];
}

/** The task inputs each named part reads (prefixes of input paths). Parts not listed read none of the task. */
const PART_INPUTS: [RegExp, string[]][] = [
  [/^fit: cpu$/, ['requirements.cpu']],
  [/^fit: memory$/, ['requirements.memoryGb']],
  [/^fit: disk$/, ['requirements.diskGb']],
  [/^fit$/, ['requirements.cpu', 'requirements.memoryGb', 'requirements.diskGb']],
  [/^cost$/, ['requirements.maxRuntimeMinutes', 'estimate']],
  [/^GPU VRAM$/, ['requirements.gpu']],
  [/^(?:cpu|memory|disk)$/, ['requirements.gpu', 'requirements.diskGb']],
  [/^preferences$/, ['preferences']],
  [/^affinity$/, ['affinity']],
  [/^anti-affinity$/, ['antiAffinity']],
  [/^(?:tier|start)$/, ['options']],
];

/** Parts whose measure is relative to the other eligible targets (the cheapest, the largest, the tiers present). */
const RELATIVE = /^(?:cost|GPU VRAM|cpu|memory|disk|tier|start|time)$/;

function readsOf(part: string): string[] {
  for (const [re, inputs] of PART_INPUTS) if (re.test(part)) return inputs;
  return [];
}

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`);
}

/** Named values of a score: its base parts, then what preferences and (anti-)affinity added. */
function named(s: TargetScore | undefined): Map<string, { value: number; detail: string | null }> {
  const out = new Map<string, { value: number; detail: string | null }>();
  const b = s?.eligible ? s.breakdown : null;
  if (!b) return out;
  if (b.parts) for (const p of b.parts) out.set(p.name, { value: p.value, detail: p.detail });
  else out.set('base', { value: b.base, detail: null });
  out.set('preferences', { value: b.preferences, detail: null });
  out.set('affinity', { value: b.affinity, detail: null });
  out.set('anti-affinity', { value: b.antiAffinity, detail: null });
  return out;
}

/** How a target that left the eligible ones is now excluded, naming the input that did it when it can. */
function leftText(t: ChangeContext['left'][number], inputs: readonly InputChange[]): string {
  const keys = t.mismatches.map((m) => m.key.split('.')[0]!);
  const cause = inputs.filter((c) => keys.some((k) => under(c.path, `requirements.${k}`)));
  const why = cause.length > 0 ? ` (${cause.map((c) => c.text).join('; ')})` : '';
  return `${t.id} is no longer eligible${why}`;
}

const EPSILON = 0.0005;

/**
 * Which parts of a target's score moved between `then` and `now`, each with the inputs it reads
 * that changed: the task's fields first; for a part measured against the other targets (cost,
 * shares of the largest, tiers), the targets that joined or left the eligible ones; the target's
 * own fields (`targets.ID.…`) for every part. Null when the target was not eligible both times.
 */
export function scoreChange(
  id: string,
  then: TargetScore | undefined,
  now: TargetScore | undefined,
  context: ChangeContext,
): ScoreChange | null {
  if (!then?.eligible || !now?.eligible) return null;
  const a = named(then);
  const b = named(now);
  const own = context.inputs.filter((c) => under(c.path, `targets.${id}`));
  const others = [
    ...context.left.map((t) => leftText(t, context.inputs)),
    ...context.joined.map((j) => `${j} is newly eligible`),
  ];
  const parts: PartChange[] = [];
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    const from = a.get(name)?.value ?? 0;
    const to = b.get(name)?.value ?? 0;
    if (Math.abs(to - from) < EPSILON) continue;
    const reads = readsOf(name);
    const because = context.inputs.filter((c) => reads.some((r) => under(c.path, r))).map((c) => c.text);
    if (RELATIVE.test(name)) because.push(...others);
    because.push(...own.map((c) => c.text));
    parts.push({ name, from, to, then: a.get(name)?.detail ?? null, now: b.get(name)?.detail ?? null, because });
  }
  parts.sort((x, y) => Math.abs(y.to - y.from) - Math.abs(x.to - x.from));
  return { from: then.score, to: now.score, parts };
}

/** Targets eligible under one placement and not the other, from the two placements' scores. */
export function eligibilityChanges(
  then: readonly TargetScore[],
  now: readonly TargetScore[],
): Pick<ChangeContext, 'left' | 'joined'> {
  const was = new Set(then.filter((s) => s.eligible).map((s) => s.targetId));
  const is = new Set(now.filter((s) => s.eligible).map((s) => s.targetId));
  return {
    left: now
      .filter((s) => was.has(s.targetId) && !s.eligible)
      .map((s) => ({ id: s.targetId, mismatches: s.mismatches })),
    joined: now.filter((s) => is.has(s.targetId) && !was.has(s.targetId)).map((s) => s.targetId),
  };
}
