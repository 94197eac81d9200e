import { describe, expect, it } from 'vitest';
import {
  createCapabilityCache,
  failureLifeMs,
  type CapabilitiesChanged,
  type DiscoveryOutcome,
} from '../../../electron/discovery/cache.js';
import { diffCapabilities } from '../../../electron/discovery/diff.js';
import { DiscoveryError, type DiscoveryReport } from '../../../electron/discovery/types.js';
import type { Capabilities } from '../../../shared/schema/capabilities.js';

function report(targetId: string, capabilities: Capabilities): DiscoveryReport {
  return { targetId, capabilities, warnings: [], discoveredAt: '2026-11-23T00:00:00.000Z', durationMs: 1 };
}

/** A cache over a fake discovery whose answers the test controls, on a clock the test moves. */
function setup(ttlMs = 60_000) {
  let now = 1_000;
  let memoryGb = 32;
  let calls = 0;
  const changes: CapabilitiesChanged[] = [];
  const cache = createCapabilityCache({
    ttlMs,
    clock: () => now,
    discover: async (id) => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return report(id, { cpu: 8, memoryGb, tools: { docker: '26.1.4' } });
    },
    onChange: (e) => changes.push(e),
  });
  return {
    cache,
    changes,
    calls: () => calls,
    advance: (ms: number) => (now += ms),
    setMemory: (gb: number) => (memoryGb = gb),
  };
}

describe('capability cache', () => {
  it('serves a fresh discovery from the cache, with its age, and counts hits and misses', async () => {
    const t = setup();
    const first = await t.cache.get('local');
    expect(first).toMatchObject({ cached: false, ageMs: 0 });
    t.advance(30_000);
    const second = await t.cache.get('local');
    expect(second).toMatchObject({ cached: true, ageMs: 30_000 });
    expect(second.report).toBe(first.report);
    expect(t.calls()).toBe(1);
    expect(t.cache.stats()).toEqual({ hits: 1, misses: 1 });
  });

  it('discovers again once the TTL has passed', async () => {
    const t = setup(60_000);
    await t.cache.get('local');
    t.advance(60_000);
    expect((await t.cache.get('local')).cached).toBe(false);
    expect(t.calls()).toBe(2);
  });

  it('refresh forces a discovery', async () => {
    const t = setup();
    await t.cache.get('local');
    expect((await t.cache.get('local', { refresh: true })).cached).toBe(false);
    expect(t.calls()).toBe(2);
  });

  it('coalesces concurrent requests for one target into one discovery', async () => {
    const t = setup();
    const results = await Promise.all([
      t.cache.get('local'),
      t.cache.get('local', { refresh: true }),
      t.cache.get('local'),
    ]);
    expect(t.calls()).toBe(1);
    expect(new Set(results.map((r) => r.report)).size).toBe(1);
    await Promise.all([t.cache.get('a'), t.cache.get('b')]);
    expect(t.calls()).toBe(3);
  });

  it('reports a change field by field when a refresh finds different capabilities', async () => {
    const t = setup();
    await t.cache.get('local');
    await t.cache.get('local', { refresh: true });
    // The first discovery is an outcome worth telling (a view waiting on it re-reads); the same again is not.
    expect(t.changes).toEqual([{ targetId: 'local', changes: [], outcome: 'discovered' }]);
    t.setMemory(16);
    await t.cache.get('local', { refresh: true });
    expect(t.changes.slice(1)).toEqual([
      {
        targetId: 'local',
        changes: [{ field: 'memoryGb', before: 32, after: 16, text: 'memoryGb: 32 → 16' }],
        outcome: 'discovered',
      },
    ]);
  });

  it('a failed discovery is not cached and does not block the next one', async () => {
    let fail = true;
    const cache = createCapabilityCache({
      ttlMs: 60_000,
      discover: async (id) => {
        if (fail) throw new Error('unreachable');
        return report(id, { cpu: 1 });
      },
    });
    await expect(cache.get('x')).rejects.toThrow('unreachable');
    fail = false;
    expect((await cache.get('x')).report.capabilities).toEqual({ cpu: 1 });
  });

  it('starts from seeded reports (the cache file) with their age', async () => {
    const seeded = report('local', { cpu: 2 });
    const cache = createCapabilityCache({
      ttlMs: 60_000,
      clock: () => 10_000,
      seed: [{ report: seeded, at: 4_000 }],
      discover: () => Promise.reject(new Error('must not discover')),
    });
    expect(await cache.get('local')).toEqual({ report: seeded, ageMs: 6_000, cached: true });
  });
});

/**
 * A cache over a probe whose outcome the test sets (ok, or a DiscoveryError), with a manual clock
 * and a manual scheduler: the retries it asks for are listed, and run when the test says.
 */
function failing(ttlMs = 300_000) {
  let now = 1_000;
  let calls = 0;
  let outcome: 'ok' | 'down' = 'down';
  let release: (() => void) | null = null;
  let hold = false;
  const scheduled: { ms: number; run: () => void; cancelled: boolean }[] = [];
  const changes: CapabilitiesChanged[] = [];
  const outcomes: DiscoveryOutcome[] = [];
  const cache = createCapabilityCache({
    ttlMs,
    clock: () => now,
    retryFailures: true,
    schedule: (run, ms) => {
      const job = { ms, run, cancelled: false };
      scheduled.push(job);
      return () => (job.cancelled = true);
    },
    onChange: (e) => changes.push(e),
    onOutcome: (o) => outcomes.push(o),
    discover: async (id) => {
      calls++;
      if (hold) await new Promise<void>((r) => (release = r));
      if (outcome === 'down') throw new DiscoveryError(id, `${id}: timed out after 10 s connecting to 10.0.0.5:22`);
      return report(id, { cpu: 64 });
    },
  });
  return {
    cache,
    changes,
    outcomes,
    scheduled,
    calls: () => calls,
    advance: (ms: number) => (now += ms),
    set: (o: 'ok' | 'down') => (outcome = o),
    hold: (on: boolean) => (hold = on),
    release: () => release?.(),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('capability cache: failed discoveries', () => {
  it('caches a failed probe like a report, for its shorter life, and counts it as a hit', async () => {
    const t = failing();
    await expect(t.cache.get('box')).rejects.toThrow('box: timed out after 10 s');
    t.advance(29_000);
    // Within its life the failure is the answer: no second probe, no second timeout.
    const again = t.cache.get('box');
    await expect(again).rejects.toBeInstanceOf(DiscoveryError);
    await expect(again).rejects.toThrow('box: timed out after 10 s');
    expect(t.calls()).toBe(1);
    expect(t.cache.stats()).toEqual({ hits: 1, misses: 1 });
    expect(t.cache.failures()).toMatchObject([{ targetId: 'box', attempts: 1, at: 1_000 }]);
    t.advance(1_000);
    await expect(t.cache.get('box')).rejects.toThrow();
    expect(t.calls()).toBe(2);
  });

  it('backs off: 30 s, 1 min, 2 min … capped at the TTL', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => failureLifeMs(n, 300_000))).toEqual([
      30_000, 60_000, 120_000, 240_000, 300_000, 300_000,
    ]);
    expect(failureLifeMs(1, 10_000)).toBe(10_000);
    expect(failureLifeMs(1, 0)).toBe(0);
  });

  it('retries in the background on that schedule, and stops once the probe answers', async () => {
    const t = failing();
    await expect(t.cache.get('box')).rejects.toThrow();
    expect(t.scheduled.map((j) => j.ms)).toEqual([30_000]);
    for (const expected of [60_000, 120_000]) {
      t.advance(t.scheduled.at(-1)!.ms);
      t.scheduled.at(-1)!.run();
      await settle();
      expect(t.scheduled.at(-1)!.ms).toBe(expected);
    }
    expect(t.calls()).toBe(3);
    t.set('ok');
    t.advance(120_000);
    t.scheduled.at(-1)!.run();
    await settle();
    expect(t.calls()).toBe(4);
    expect(t.scheduled).toHaveLength(3);
    expect(t.cache.failures()).toEqual([]);
    expect(t.cache.peek('box')).toMatchObject({ fresh: true, good: { report: { capabilities: { cpu: 64 } } } });
    expect(t.outcomes.map((o) => o.ok)).toEqual([false, false, false, true]);
  });

  it('never runs two probes of one host at once', async () => {
    const t = failing();
    t.hold(true);
    t.cache.background('box');
    t.cache.background('box');
    const waiting = t.cache.get('box', { refresh: true });
    expect(t.cache.peek('box').inFlight).toBe(true);
    await settle();
    t.release();
    await expect(waiting).rejects.toThrow();
    expect(t.calls()).toBe(1);
    expect(t.cache.peek('box').inFlight).toBe(false);
  });

  it('tells each new outcome once: the first failure, not the same one again, then the recovery', async () => {
    const t = failing();
    await expect(t.cache.get('box')).rejects.toThrow();
    await expect(t.cache.get('box', { refresh: true })).rejects.toThrow();
    t.set('ok');
    await t.cache.get('box', { refresh: true });
    expect(t.changes).toEqual([
      {
        targetId: 'box',
        changes: [],
        outcome: 'probe-failed',
        reason: 'box: timed out after 10 s connecting to 10.0.0.5:22',
      },
      { targetId: 'box', changes: [], outcome: 'discovered' },
    ]);
  });

  it('keeps the last good report beside a newer failure, and starts from seeded failures', async () => {
    const t = failing();
    t.set('ok');
    await t.cache.get('box');
    t.set('down');
    await expect(t.cache.get('box', { refresh: true })).rejects.toThrow();
    const known = t.cache.peek('box');
    expect(known.good?.report.capabilities).toEqual({ cpu: 64 });
    expect(known.failure?.attempts).toBe(1);

    const seeded = createCapabilityCache({
      ttlMs: 300_000,
      clock: () => 20_000,
      seedFailures: t.cache.failures(),
      discover: () => Promise.reject(new Error('must not discover')),
    });
    await expect(seeded.get('box')).rejects.toThrow('box: timed out');
  });
});

describe('diffCapabilities', () => {
  it('lists each changed field, tools one by one, in words', () => {
    const before: Capabilities = { cpu: 8, memoryGb: 32, gpus: [], tools: { docker: '26.1.4', go: null } };
    const after: Capabilities = {
      cpu: 8,
      memoryGb: 16,
      gpus: [{ vendor: 'nvidia', vramGb: 24, count: 1 }],
      tools: { docker: '27.1.1', git: '2.39.5' },
    };
    expect(diffCapabilities(before, after).map((c) => c.text)).toEqual([
      'gpus: [] → [{"vendor":"nvidia","vramGb":24,"count":1}]',
      'memoryGb: 32 → 16',
      'tools.docker: 26.1.4 → 27.1.1',
      'tools.git: absent → 2.39.5',
      'tools.go: unknown version → absent',
    ]);
    expect(diffCapabilities(after, after)).toEqual([]);
  });
});
