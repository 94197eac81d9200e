import { statfs } from 'node:fs/promises';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { capabilities } from '../../../shared/schema/capabilities.js';
import { discoverLocalBasic } from '../../../electron/discovery/local-basic.js';
import { withDiscovered } from '../../../electron/discovery/resolve-targets.js';
import { targetsOf } from '../../shared/inputs.js';

const oneDecimal = (n: number) => Math.round(n * 10) === n * 10 || Math.abs(Math.round(n * 10) - n * 10) < 1e-9;

describe('discoverLocalBasic', () => {
  it('reports this machine in GB (10^9 bytes) rounded to one decimal', async () => {
    const caps = await discoverLocalBasic(os.tmpdir());
    expect(caps.cpu).toBe(os.availableParallelism());
    expect(caps.memoryGb).toBe(Math.round(os.totalmem() / 1e8) / 10);
    const fs = await statfs(os.tmpdir());
    expect(caps.diskGb).toBeCloseTo((fs.bavail * fs.bsize) / 1e9, 0);
    expect(oneDecimal(caps.diskGb!)).toBe(true);
    expect(caps.os).toBe('linux');
    expect(caps.arch).toBe(os.arch() === 'arm64' ? 'arm64' : 'x64');
    expect(typeof caps.network).toBe('boolean');
    expect(capabilities.parse(caps)).toEqual(caps);
  });

  it('leaves the disk unknown, not zero, when the directory cannot be read', async () => {
    const caps = await discoverLocalBasic('/nonexistent/placement-explorer');
    expect(caps.diskGb).toBeUndefined();
  });
});

describe('withDiscovered', () => {
  it('discovered values win over written ones for the local target only', () => {
    const [local, cloud] = targetsOf(
      { id: 'local', type: 'local', capabilities: { cpu: 1, gpus: [], tools: ['git'] } },
      { id: 'c', type: 'cloud', provider: 'p', hourlyRate: 1, capabilities: { cpu: 1 } },
    );
    const merged = withDiscovered([local!, cloud!], { cpu: 16, memoryGb: 64 });
    expect(merged[0]!.capabilities).toEqual({ cpu: 16, memoryGb: 64, gpus: [], tools: { git: null } });
    expect(merged[1]).toBe(cloud);
    expect(withDiscovered([local!], null)[0]).toBe(local);
  });
});
