import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../temp-dir.js';
import { createDiscoveryService, isDiscoverable } from '../../../electron/discovery/service.js';
import type { DiscoveryReport } from '../../../electron/discovery/types.js';
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
