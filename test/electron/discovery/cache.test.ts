import { describe, expect, it } from 'vitest';
import { createCapabilityCache, type CapabilitiesChanged } from '../../../electron/discovery/cache.js';
import { diffCapabilities } from '../../../electron/discovery/diff.js';
import type { DiscoveryReport } from '../../../electron/discovery/types.js';
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
    expect(t.changes).toEqual([]);
    t.setMemory(16);
    await t.cache.get('local', { refresh: true });
    expect(t.changes).toEqual([
      { targetId: 'local', changes: [{ field: 'memoryGb', before: 32, after: 16, text: 'memoryGb: 32 → 16' }] },
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
