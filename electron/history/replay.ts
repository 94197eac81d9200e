import { randomUUID } from 'node:crypto';
import { place, type PlacementRun } from '../../shared/engine/place.js';
import { ENGINE_SEMANTICS } from '../../shared/engine/semantics.js';
import { WHY_NOT_LOSERS } from '../../shared/engine/why-not.js';
import { uncheckedOf } from '../../shared/engine/warnings.js';
import { placementInputs } from '../../shared/schema/history.js';
import {
  pipelineResult,
  placementResult,
  type PipelineResult,
  type PlacementResult,
} from '../../shared/schema/result.js';
import type { Target } from '../../shared/schema/targets.js';
import { InputError } from '../config/load.js';
import type { ResolvedTargets } from '../discovery/service.js';
import type { HistoryEntry } from './entries.js';

type Result = PlacementResult | PipelineResult;

/** A replay: the stored decision re-run on its stored inputs, and again on today's capabilities. */
export interface ReplayReport {
  requestId: string;
  /** True when the re-run on the stored inputs gives the stored result, timings aside. */
  reproduced: boolean;
  differences: string[];
  then: Result;
  now: Result;
  changesSinceThen: string[];
}

/** Paths where two results differ, timings aside (`scores[2].score: 0.41 → 0.39`); at most 20. */
export function differences(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path}: ${a.length} → ${b.length} items`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) differences(a[i], b[i], `${path}[${i}]`, out);
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (key === 'decisionMs') continue;
      differences(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
        out,
      );
    }
  } else if (!Object.is(a, b)) out.push(`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
  return out;
}

const storedResult = placementResult.or(pipelineResult);

/**
 * What a decision of engine 1 (before issue 12) is compared on: the decision and the ranking, not the
 * words. Engine 2 changed how it says things (unknown capabilities, a failure the mode made, an unstated
 * runtime limit no longer listed as met, warnings), never which targets are eligible, how they score,
 * or which wins.
 */
function decisionOf(r: Result): unknown {
  if ('nodes' in r)
    return { success: r.success, nodes: r.nodes.map((n) => ({ id: n.id, result: decisionOf(n.result) })) };
  return {
    success: r.success,
    selectedTarget: r.selectedTarget,
    ...(r.success && { reason: r.reason }),
    fallbackUsed: r.fallbackUsed,
    scores: r.scores.map((s) => ({
      targetId: s.targetId,
      eligible: s.eligible,
      score: s.score,
      estimatedCost: s.estimatedCost,
      mismatches: s.mismatches.map((m) => m.key),
    })),
  };
}

/**
 * The targets as an engine before 3 read them: a GPU whose stored record has no VRAM keeps none
 * (today's schema fills it from the GPU table, and says so in `vramFrom`).
 */
function withoutTableVram(targets: Target[], raw: unknown): Target[] {
  const stored = (raw as { targets?: { target?: { capabilities?: { gpus?: { vramGb?: unknown }[] } } }[] }).targets;
  return targets.map((t, i) => {
    const gpus = t.capabilities?.gpus;
    const rawGpus = stored?.[i]?.target?.capabilities?.gpus;
    if (gpus === undefined || !gpus.some((g) => g.vramFrom !== undefined)) return t;
    const then = gpus.map((g, j) => {
      if (g.vramFrom === undefined) return g;
      const { vramFrom: _from, ...rest } = g;
      const was = rawGpus?.[j]?.vramGb;
      return was === null ? { ...rest, vramGb: null } : (({ vramGb: _v, ...r }) => r)(rest);
    });
    return { ...t, capabilities: { ...t.capabilities, gpus: then } } as Target;
  });
}

/**
 * What a recorded placement asked `whyNot` about: nothing (false), or the winner and its best losers
 * (true) plus the targets it named besides them. One question goes to every node of a pipeline, so
 * the named ones are those a node explained beyond its own winner and best losers.
 */
function whyNotAsked(r: Result): false | true | string[] {
  const results = 'nodes' in r ? r.nodes.map((n) => n.result) : [r];
  if (results.every((x) => x.whyNot.length === 0)) return false;
  const named = results.flatMap((x) => {
    const eligible = x.scores.filter((s) => s.eligible).length;
    return x.whyNot.slice(1 + Math.min(WHY_NOT_LOSERS, Math.max(0, eligible - 1))).map((w) => w.targetId);
  });
  return named.length === 0 ? true : [...new Set(named)];
}

/**
 * Where the deadline of a recorded decision passed: how many targets the task (or each node) had
 * evaluated then, as its result says. Undefined when it set no deadline.
 */
function deadlineOf(r: Result, deadlineMs: number | undefined): PlacementRun['deadlinePassed'] {
  if (deadlineMs === undefined) return undefined;
  if (!('nodes' in r)) return r.candidatesEvaluated === undefined ? {} : { task: r.candidatesEvaluated };
  const nodes: Record<string, number> = {};
  for (const n of r.nodes) if (n.result.candidatesEvaluated !== undefined) nodes[n.id] = n.result.candidatesEvaluated;
  return { nodes };
}

/** The result with its request ids (a pipeline's nodes' too) those of `like`: ids are no change. */
function withIdsOf(result: Result, like: Result): Result {
  if (!('nodes' in result) || !('nodes' in like)) return { ...result, requestId: like.requestId };
  return {
    ...result,
    requestId: like.requestId,
    nodes: result.nodes.map((n, i) => ({
      ...n,
      result: { ...n.result, requestId: like.nodes[i]?.result.requestId ?? n.result.requestId },
    })),
  };
}

/** The entry whose request id is `id` or starts with it; a usage error when none or several match. */
export function findEntry(entries: readonly HistoryEntry[], id: string): HistoryEntry {
  const found = entries.filter((e) => e.requestId === id || e.requestId.startsWith(id));
  if (found.length === 1) return found[0]!;
  throw new InputError([
    found.length === 0
      ? `replay: no placement with id "${id}" in the history`
      : `replay: "${id}" matches ${found.length} placements; give more of the id`,
  ]);
}

/**
 * Re-runs a recorded placement on its stored inputs (it must reproduce the stored result) and on
 * today's capabilities (`resolve` re-discovers what can be discovered), saying what changed.
 */
export async function replayEntry(
  entry: HistoryEntry,
  resolve: (targets: Target[]) => Promise<ResolvedTargets>,
): Promise<ReplayReport> {
  if (entry.inputs === null || entry.result === null)
    throw new InputError([
      `replay: placement ${entry.requestId} was not completed (the process stopped between its two records)`,
    ]);
  const stored = placementInputs.parse(entry.inputs);
  const targetsToday: Target[] = stored.targets.map((t) => t.target);
  // Before engine 3 a GPU written without VRAM had an unknown VRAM: the table's is not filled in then.
  const targetsThen = (stored.engine ?? 1) < 3 ? withoutTableVram(targetsToday, entry.inputs) : targetsToday;
  // The targets whose probe had failed then were judged on their written capabilities, and said so.
  const uncheckedThen = Object.fromEntries(
    stored.targets.flatMap((t) => (t.unchecked === undefined ? [] : [[t.target.id, t.unchecked]])),
  );
  // Parsed as today's schema reads it: a record from before a field was added gets its default.
  const parsed = storedResult.safeParse(entry.result);
  const expected = parsed.success ? parsed.data : entry.result;
  // A placement that was asked what would change its winner is asked again, about the same targets.
  const whyNot = parsed.success ? whyNotAsked(parsed.data) : false;
  // A deadline is not timed again: it passes where it did then (and today's run is cut there too, so
  // that what changed since is what changed in the fleet, not in the timing).
  const deadlinePassed = parsed.success ? deadlineOf(parsed.data, stored.options.deadlineMs) : undefined;
  const then = place(stored.task, targetsThen, stored.options, {
    requestId: entry.requestId,
    unchecked: uncheckedThen,
    whyNot,
    ...(deadlinePassed !== undefined && { deadlinePassed }),
  });
  const mismatch =
    (stored.engine ?? 1) < ENGINE_SEMANTICS
      ? differences(decisionOf(expected), decisionOf(then))
      : differences(expected, then);
  const today = await resolve(targetsToday);
  const now = place(stored.task, today.targets, stored.options, {
    requestId: randomUUID(),
    unchecked: uncheckedOf(today.failures, today.reports),
    whyNot,
    ...(deadlinePassed !== undefined && { deadlinePassed }),
  });
  return {
    requestId: entry.requestId,
    reproduced: mismatch.length === 0,
    differences: mismatch,
    then,
    now,
    changesSinceThen: differences(then, withIdsOf(now, then)),
  };
}
