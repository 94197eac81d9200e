// A history written before the engine's rewrite replays exactly: every entry of a log that the CLI
// of commit f677e91 (engine semantics 3) wrote gives its stored result again with today's code. The
// test checks this three ways: by the engine directly, through replayEntry (which `replay` and
// history.replay call), and through the built CLI's `replay ID --json`.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ResolvedTargets } from '../../../electron/discovery/service.js';
import type { HistoryEntry } from '../../../electron/history/entries.js';
import { loadHistory } from '../../../electron/history/history-index.js';
import { HISTORY_FILE } from '../../../electron/history/history-log.js';
import { replayEntry } from '../../../electron/history/replay.js';
import { place } from '../../../shared/engine/place.js';
import { placementInputs } from '../../../shared/schema/history.js';
import type { Target } from '../../../shared/schema/targets.js';
import { cliWorkspace, json } from '../cli/cli-harness.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/history/engine-v3/', import.meta.url));

const { entries, warnings } = await loadHistory(FIXTURE);

/** Each entry, named for the test list: task, strategy, outcome and the start of its id. */
const named = entries.map((entry) => ({
  name: `${entry.taskName} (${entry.strategy}, ${entry.outcome}, ${entry.requestId.slice(0, 8)})`,
  entry,
}));

/** A result's JSON without any `decisionMs`, the only part that varies (a pipeline's nodes have one too). */
function withoutTimings(result: unknown): string {
  return JSON.stringify(result, (key, v: unknown) => (key === 'decisionMs' ? undefined : v));
}

/** The same, without request ids either: a run of today has ids of its own. */
function withoutIds(result: unknown): string {
  return JSON.stringify(result, (key, v: unknown) => (key === 'decisionMs' || key === 'requestId' ? undefined : v));
}

/**
 * Today's capabilities are the stored ones, and the same probes fail again, so that the test does not
 * depend on this machine or its network.
 */
function asThen(entry: HistoryEntry) {
  const failures = new Map(
    entry.inputs!.targets.flatMap((t) => (t.unchecked === undefined ? [] : [[t.target.id, t.unchecked] as const])),
  );
  return async (targets: Target[]): Promise<ResolvedTargets> => ({
    targets,
    reports: new Map(),
    failures,
    freshness: new Map(),
  });
}

describe('the engine-3 history fixture', () => {
  it('is read whole: 24 completed placements of engine semantics 3, no line skipped', () => {
    expect(warnings).toEqual([]);
    expect(entries).toHaveLength(24);
    for (const e of entries) {
      expect(e.outcome).not.toBe('interrupted');
      expect(e.inputs?.engine).toBe(3);
    }
    // It is not vacuous: it holds the cases that a replay must get right.
    const results = entries.map((e) => e.result!);
    expect(results.filter((r) => !r.success).length).toBeGreaterThanOrEqual(6);
    expect(results.filter((r) => 'nodes' in r)).toHaveLength(3);
    expect(results.filter((r) => r.warnings.length > 0)).toHaveLength(2);
    expect(results.filter((r) => !('nodes' in r) && r.whyNot.length > 0).length).toBeGreaterThan(10);
    expect(new Set(entries.map((e) => e.strategy)).size).toBe(5);
    expect(new Set(entries.map((e) => e.inputs!.options.mode)).size).toBe(3);
    expect(new Set(entries.map((e) => e.inputs!.options.tieBreaker)).size).toBe(3);
    expect(entries.filter((e) => 'task' in e.inputs!.task && e.inputs!.task.task.estimate).length).toBeGreaterThan(5);
    expect(entries.filter((e) => e.inputs!.targets.some((t) => t.target.type === 'kubernetes'))).toHaveLength(5);
    expect(entries.filter((e) => e.inputs!.targets.some((t) => t.unchecked !== undefined))).toHaveLength(2);
  });
});

describe('every entry written by engine 3, placed again with today’s code', () => {
  it.each(named)('$name: the engine gives the stored result, byte for byte apart from timings', ({ entry }) => {
    const stored = placementInputs.parse(entry.inputs);
    const result = entry.result!;
    const unchecked = Object.fromEntries(
      stored.targets.flatMap((t) => (t.unchecked === undefined ? [] : [[t.target.id, t.unchecked]])),
    );
    // The CLI always asked for whyNot: for every runner-up (`true`), or, with `--why-not ID`, for one
    // more target as well. That target is among those the result explains.
    const whyNot = 'nodes' in result ? true : result.whyNot.map((w) => w.targetId);
    const again = place(
      stored.task,
      stored.targets.map((t) => t.target),
      stored.options,
      { requestId: entry.requestId, unchecked, whyNot },
    );
    expect(withoutTimings(again)).toBe(withoutTimings(result));
  });

  it.each(named)('$name: replay reproduces it exactly', async ({ entry }) => {
    const report = await replayEntry(entry, asThen(entry));
    expect(report.differences).toEqual([]);
    expect(report.reproduced).toBe(true);
    // Byte for byte: stricter than `differences`, which ignores key order and stops at 20 paths.
    expect(withoutTimings(report.then)).toBe(withoutTimings(entry.result));
    // On the same capabilities, the run of today is the same as the run of then, and says so.
    expect(withoutIds(report.now)).toBe(withoutIds(report.then));
    expect(report.changesSinceThen).toEqual([]);
  });
});

describe('`replay ID --json` of the built CLI on the fixture', () => {
  const { ws, inWs } = cliWorkspace();

  it('reproduces every entry and exits 0', async () => {
    const dir = ws.path('data');
    mkdirSync(dir);
    copyFileSync(join(FIXTURE, HISTORY_FILE), join(dir, HISTORY_FILE));
    for (const { name, entry } of named) {
      const run = await inWs('replay', entry.requestId, '--json', '--data-dir', dir);
      const report = json(run) as { reproduced: boolean; differences: string[]; then: unknown };
      expect(report.differences, name).toEqual([]);
      expect(report.reproduced, name).toBe(true);
      expect(withoutTimings(report.then), name).toBe(withoutTimings(entry.result));
      expect(run.code, `${name}: ${run.stderr}`).toBe(0);
    }
  }, 120_000);
});
