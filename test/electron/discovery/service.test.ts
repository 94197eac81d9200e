import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../temp-dir.js';
import { createDiscoveryService, isDiscoverable } from '../../../electron/discovery/service.js';
import { DiscoveryError, type DiscoveryReport } from '../../../electron/discovery/types.js';
import type { CapabilitiesChanged } from '../../../electron/discovery/cache.js';
import { targetsOf } from '../../shared/inputs.js';

const dataDir = () => tempDir('pe-service-');

describe('discovery service', () => {
  it('merges discovered values over written ones for local and probed targets only', async () => {
    const [local, probed, plainSsh, cloud] = targetsOf(
      { id: 'local', type: 'local', capabilities: { cpu: 999, gpus: [{ vendor: 'nvidia', vramGb: 24 }] } },
      { id: 'box', type: 'ssh', host: 'box', probe: true, capabilities: { cpu: 1, memoryGb: 1 } },
      { id: 'plain', type: 'ssh', host: 'plain', capabilities: { cpu: 4 } },
      { id: 'c', type: 'cloud', provider: 'p', hourlyRate: 1, capabilities: { cpu: 8 } },
    );
    const probedReport: DiscoveryReport = {
      targetId: 'box',
      capabilities: { cpu: 32, os: 'linux' },
      warnings: [],
      discoveredAt: '2026-11-23T00:00:00.000Z',
      durationMs: 5,
    };
    const service = await createDiscoveryService({
      dataDir: dataDir(),
      ttlMs: 60_000,
      probeSsh: async () => probedReport,
    });
    const { targets, reports } = await service.resolve([local!, probed!, plainSsh!, cloud!]);
    expect(targets[0]!.capabilities!.cpu).toBeLessThanOrEqual(os.availableParallelism());
    expect(targets[0]!.capabilities!.memoryGb).toBeGreaterThan(0);
    expect(targets[1]!.capabilities).toEqual({ cpu: 32, memoryGb: 1, os: 'linux' });
    expect(targets[2]).toBe(plainSsh);
    expect(targets[3]).toBe(cloud);
    expect([...reports.keys()].sort()).toEqual(['box', 'local']);
  });

  it('without a prober, probed targets keep what their file says', async () => {
    const [probed] = targetsOf({ id: 'box', type: 'ssh', host: 'box', probe: true, capabilities: { cpu: 1 } });
    const service = await createDiscoveryService({ dataDir: dataDir(), ttlMs: 60_000, probeSsh: null });
    const { targets } = await service.resolve([probed!]);
    expect(targets[0]).toBe(probed);
  });

  it('keeps discoveries for the next run when persisting', async () => {
    const dir = dataDir();
    const [local] = targetsOf({ id: 'local', type: 'local' });
    const first = await createDiscoveryService({ dataDir: dir, ttlMs: 60_000, persist: true });
    expect((await first.report(local!)).cached).toBe(false);
    await first.save();
    const second = await createDiscoveryService({ dataDir: dir, ttlMs: 60_000, persist: true });
    const again = await second.report(local!);
    expect(again.cached).toBe(true);
    expect(second.stats()).toEqual({ hits: 1, misses: 0 });
  });

  it('takes a discovery of this machine already under way, once, when it looked for every tool wanted', async () => {
    const [local] = targetsOf({ id: 'local', type: 'local' });
    const early: DiscoveryReport = {
      targetId: 'local',
      capabilities: { cpu: 3, memoryGb: 7 },
      warnings: [],
      discoveredAt: '2026-11-23T00:00:00.000Z',
      durationMs: 5,
      toolsProbed: ['git', 'make'],
    };
    const service = await createDiscoveryService({
      dataDir: dataDir(),
      ttlMs: 60_000,
      tools: ['make'],
      underway: Promise.resolve(early),
    });
    const first = await service.report(local!);
    expect(first.report.capabilities).toEqual({ cpu: 3, memoryGb: 7 });
    expect(first.cached).toBe(false);
    // Used once: a refresh discovers again, for real.
    const again = await service.report(local!, true);
    expect(again.report.discoveredAt).not.toBe(early.discoveredAt);

    const missing = await createDiscoveryService({
      dataDir: dataDir(),
      ttlMs: 60_000,
      tools: ['cmake'],
      underway: Promise.resolve(early),
    });
    expect((await missing.report(local!)).report.toolsProbed).toContain('cmake');
  });

  it('looks again when a later task names a tool the last discovery did not look for', async () => {
    const [local] = targetsOf({ id: 'local', type: 'local' });
    const service = await createDiscoveryService({ dataDir: dataDir(), ttlMs: 60_000 });
    const first = await service.resolve([local!]);
    expect(first.reports.get('local')!.cached).toBe(false);
    expect((await service.resolve([local!])).reports.get('local')!.cached).toBe(true);
    const withSh = await service.resolve([local!], { tools: ['tar'] });
    expect(withSh.reports.get('local')!.cached).toBe(false);
    expect(withSh.reports.get('local')!.report.toolsProbed).toContain('tar');
    expect('tar' in withSh.targets[0]!.capabilities!.tools!).toBe(true);
  });

  it('in the background, answers at once with what the file writes while the first probe runs, then tells', async () => {
    const [box] = targetsOf({ id: 'box', type: 'ssh', host: 'box', probe: true, capabilities: { cpu: 2 } });
    let fail!: () => void;
    let probes = 0;
    const changes: CapabilitiesChanged[] = [];
    const service = await createDiscoveryService({
      dataDir: dataDir(),
      ttlMs: 300_000,
      background: true,
      schedule: () => () => undefined,
      onChange: (e) => changes.push(e),
      probeSsh: () => {
        probes++;
        return new Promise(
          (_, reject) =>
            (fail = () => reject(new DiscoveryError('box', 'box: timed out after 10 s connecting to box:22'))),
        );
      },
    });
    const first = await service.resolve([box!], { probes: 'background' });
    expect(first.targets[0]).toBe(box);
    expect(first.freshness.get('box')).toEqual({ state: 'probing', at: null, ageMs: null });
    expect(first.failures.size).toBe(0);
    // Asked again while the probe runs: the same probe, not a second one.
    await service.resolve([box!], { probes: 'background' });
    expect(probes).toBe(1);

    fail();
    await new Promise((r) => setTimeout(r, 0));
    expect(changes).toEqual([
      {
        targetId: 'box',
        changes: [],
        outcome: 'probe-failed',
        reason: 'box: timed out after 10 s connecting to box:22',
      },
    ]);
    const after = await service.resolve([box!], { probes: 'background' });
    expect(after.freshness.get('box')).toMatchObject({
      state: 'probe-failed',
      reason: 'timed out after 10 s connecting to box:22',
      lastGoodAgeMs: null,
      at: expect.any(String),
    });
    expect(after.failures.get('box')).toBe('box: timed out after 10 s connecting to box:22');
    expect(after.targets[0]!.capabilities).toEqual({ cpu: 2 });
    // The failure is cached for its life: no new probe.
    expect(probes).toBe(1);
    service.close();
  });

  it('keeps the last outcome of each target in the data directory for the next run', async () => {
    const dir = dataDir();
    const [box, ok] = targetsOf(
      { id: 'box', type: 'ssh', host: 'box', probe: true },
      { id: 'ok', type: 'ssh', host: 'ok', probe: true },
    );
    let probes = 0;
    const probeSsh = async (t: { id: string }): Promise<DiscoveryReport> => {
      probes++;
      if (t.id === 'box') throw new DiscoveryError('box', 'box: connection refused (box:22)');
      return {
        targetId: t.id,
        capabilities: { cpu: 8 },
        warnings: [],
        discoveredAt: '2026-11-23T00:00:00.000Z',
        durationMs: 3,
      };
    };
    const first = await createDiscoveryService({ dataDir: dir, ttlMs: 300_000, persist: true, probeSsh });
    await first.resolve([box!, ok!]);
    await first.save();
    expect(probes).toBe(2);

    // A new process: it knows both outcomes without probing, and a failure within its life is not retried.
    const second = await createDiscoveryService({ dataDir: dir, ttlMs: 300_000, persist: true, probeSsh });
    const known = await second.resolve([box!, ok!], { probes: 'none' });
    expect(known.freshness.get('box')).toMatchObject({ state: 'probe-failed', reason: 'connection refused (box:22)' });
    expect(known.freshness.get('ok')).toMatchObject({ state: 'discovered', at: '2026-11-23T00:00:00.000Z' });
    const waited = await second.resolve([box!, ok!]);
    expect(waited.failures.get('box')).toBe('box: connection refused (box:22)');
    expect(waited.targets[1]!.capabilities).toEqual({ cpu: 8 });
    expect(probes).toBe(2);
  });

  it('a failed probe keeps the capabilities of the last good one, and says how old they are', async () => {
    const [box] = targetsOf({ id: 'box', type: 'ssh', host: 'box', probe: true, capabilities: { cpu: 1 } });
    let down = false;
    let now = 1_000_000;
    const service = await createDiscoveryService({
      dataDir: dataDir(),
      ttlMs: 300_000,
      clock: () => now,
      probeSsh: async () => {
        if (down) throw new DiscoveryError('box', 'box: host unreachable (box:22)');
        return { targetId: 'box', capabilities: { cpu: 48 }, warnings: [], discoveredAt: 'then', durationMs: 1 };
      },
    });
    await service.resolve([box!]);
    down = true;
    now += 600_000;
    const resolved = await service.resolve([box!]);
    expect(resolved.targets[0]!.capabilities).toEqual({ cpu: 48 });
    expect(resolved.freshness.get('box')).toMatchObject({ state: 'probe-failed', lastGoodAgeMs: 600_000, ageMs: 0 });
    expect(resolved.reports.get('box')).toMatchObject({ ageMs: 600_000, cached: true });
  });

  it('tells which targets are discovered', () => {
    const [l, s, p, c] = targetsOf(
      { id: 'l', type: 'local' },
      { id: 's', type: 'ssh', host: 'h' },
      { id: 'p', type: 'ssh', host: 'h', probe: true },
      { id: 'c', type: 'cloud', provider: 'p', hourlyRate: 0, capabilities: {} },
    );
    expect([l, s, p, c].map((t) => isDiscoverable(t!))).toEqual([true, false, true, false]);
  });
});
