// `machine.load`: this machine's CPU and memory load, for the Machine view's live chart. The handler
// runs on this machine; the sampler's arithmetic and the cgroup reading run on fixtures.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { CpuInfo } from 'node:os';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/api/handlers.js';
import { createMetrics } from '../../../electron/api/metrics.js';
import { busyPercent, cgroupMemory, cpuTimes, createLoadSampler } from '../../../electron/discovery/load.js';
import { API } from '../../../shared/api/contract.js';
import { localOnly, placementOptions } from '../../../shared/schema/targets.js';
import { tempDir } from '../../temp-dir.js';

const core = (busy: number, idle: number): CpuInfo => ({
  model: 'test',
  speed: 1000,
  times: { user: busy, nice: 0, sys: 0, irq: 0, idle },
});

/** A fake /proc and /sys tree: `files` maps paths below the root to their content. */
function tree(files: Record<string, string>): string {
  const root = tempDir('pe-load-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('machine.load', () => {
  it('answers this machine’s load in the contract’s shape, with plausible numbers', async () => {
    const handlers = await createHandlers({
      dataDir: tempDir('pe-load-data-'),
      targets: localOnly(),
      options: placementOptions.parse({}),
      metrics: createMetrics(),
      emit: () => undefined,
    });
    const first = await handlers.invoke('machine.load', {});
    const load = API['machine.load'].output.parse(first);
    expect(load.cpuPercent).toBeGreaterThanOrEqual(0);
    expect(load.cpuPercent).toBeLessThanOrEqual(100);
    expect(load.memoryTotalGb).toBeGreaterThan(0);
    expect(load.memoryTotalGb).toBeLessThanOrEqual(Math.round(os.totalmem() / 1e8) / 10);
    expect(load.memoryUsedGb).toBeGreaterThan(0);
    expect(load.memoryUsedGb).toBeLessThanOrEqual(load.memoryTotalGb);
    expect(Date.now() - Date.parse(load.at)).toBeLessThan(5_000);
    // A second call measures since the first.
    API['machine.load'].output.parse(await handlers.invoke('machine.load', {}));
  });

  it('refuses an input with unknown keys', async () => {
    const handlers = await createHandlers({
      dataDir: tempDir('pe-load-data-'),
      targets: localOnly(),
      options: placementOptions.parse({}),
      metrics: createMetrics(),
      emit: () => undefined,
    });
    await expect(handlers.invoke('machine.load', { everything: true })).rejects.toMatchObject({
      error: { code: 'invalid-input' },
    });
  });
});

describe('the load sampler', () => {
  it('measures CPU as the busy share between two samples, over every core', () => {
    const before = cpuTimes([core(100, 900), core(0, 1000)]);
    const after = cpuTimes([core(400, 1100), core(100, 1200)]);
    // busy +400 of +800 in all
    expect(busyPercent(before, after)).toBe(50);
    expect(busyPercent(after, after)).toBe(0);
  });

  it('compares each sample with the previous one, and the first with a short interval before it', async () => {
    const samples = [
      [core(0, 0)],
      [core(10, 90)], // first call: 10 % over its short interval
      [core(100, 100)], // second: +90 busy of +100
    ];
    let i = 0;
    const sample = createLoadSampler({
      root: tree({}),
      cpus: () => samples[Math.min(i++, samples.length - 1)]!,
      totalmem: () => 16e9,
      freemem: () => 4e9,
      now: () => new Date('2025-01-02T03:04:05Z'),
      firstIntervalMs: 1,
    });
    expect(await sample()).toEqual({
      cpuPercent: 10,
      memoryUsedGb: 12,
      memoryTotalGb: 16,
      at: '2025-01-02T03:04:05.000Z',
    });
    expect((await sample()).cpuPercent).toBe(90);
  });

  it('uses a cgroup v2 memory limit and use, leaving out inactive page cache', async () => {
    const root = tree({
      'proc/self/cgroup': '0::/box\n',
      'sys/fs/cgroup/box/memory.max': '4000000000\n',
      'sys/fs/cgroup/box/memory.current': '3000000000\n',
      'sys/fs/cgroup/box/memory.stat': 'anon 1\ninactive_file 1000000000\nactive_file 5\n',
    });
    expect(await cgroupMemory(root)).toEqual({ usedBytes: 2e9, limitBytes: 4e9 });
    const sample = createLoadSampler({ root, totalmem: () => 64e9, freemem: () => 1e9, firstIntervalMs: 1 });
    const load = await sample();
    expect([load.memoryUsedGb, load.memoryTotalGb]).toEqual([2, 4]);
  });

  it('reads cgroup v1 at the namespace root when the path is not below the mount', async () => {
    const root = tree({
      'proc/self/cgroup': '4:memory:/docker/abc\n3:cpu:/\n',
      'sys/fs/cgroup/memory/memory.limit_in_bytes': '2000000000',
      'sys/fs/cgroup/memory/memory.usage_in_bytes': '1500000000',
      'sys/fs/cgroup/memory/memory.stat': 'total_inactive_file 500000000\n',
    });
    expect(await cgroupMemory(root)).toEqual({ usedBytes: 1e9, limitBytes: 2e9 });
  });

  it('falls back to the machine’s memory when the cgroup sets no limit', async () => {
    const root = tree({
      'proc/self/cgroup': '0::/\n',
      'sys/fs/cgroup/memory.max': 'max\n',
      'sys/fs/cgroup/memory.current': '123\n',
    });
    expect(await cgroupMemory(root)).toBeNull();
    const v1 = tree({
      'proc/self/cgroup': '4:memory:/\n',
      'sys/fs/cgroup/memory/memory.limit_in_bytes': '9223372036854771712',
      'sys/fs/cgroup/memory/memory.usage_in_bytes': '123',
    });
    expect(await cgroupMemory(v1)).toBeNull();
    const sample = createLoadSampler({ root, totalmem: () => 8e9, freemem: () => 6e9, firstIntervalMs: 1 });
    const load = await sample();
    expect([load.memoryUsedGb, load.memoryTotalGb]).toEqual([2, 8]);
  });
});
