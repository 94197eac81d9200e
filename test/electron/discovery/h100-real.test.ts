// Real output recorded on an NVIDIA H100 machine (see test/fixtures/discovery/h100/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNvidiaSmiCsv } from '../../../electron/discovery/parse.js';
import { normaliseProbeDocument } from '../../../electron/discovery/probe-document.js';
import { findProbeDocument } from '../../../electron/discovery/ssh-probe.js';
import { capabilities } from '../../../shared/schema/capabilities.js';

const dir = join(import.meta.dirname, '../../fixtures/discovery/h100');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

const H100 = { vendor: 'nvidia', model: 'NVIDIA H100 80GB HBM3', vramGb: 85.5, count: 1 };

describe('a real NVIDIA H100 machine', () => {
  it('nvidia-smi CSV: 81559 MiB is 85.5 GB', () => {
    expect(parseNvidiaSmiCsv(read('nvidia-smi-query.stdout'))).toEqual([H100]);
  });

  it('the SSH probe document normalises to what local discovery found there', () => {
    const doc = findProbeDocument(read('probe.json'));
    expect(doc).not.toBeNull();
    const { capabilities: probed } = normaliseProbeDocument(doc);
    const discovered = capabilities.parse(
      (JSON.parse(read('discover.json')) as { capabilities: unknown }).capabilities,
    );
    expect(discovered.gpus).toEqual([H100]);
    expect(probed.gpus).toEqual([H100]);
    expect(probed.cpu).toBe(16);
    expect(probed.cpu).toBe(discovered.cpu);
    expect(probed.memoryGb).toBe(discovered.memoryGb);
    expect(probed.os).toBe('linux');
    expect(probed.arch).toBe('x64');
    expect(probed.tools!['nvidia-smi']).toBe('580.159.04');
    expect(discovered.tools!['nvidia-smi']).toBe('580.159.04');
    expect(Math.abs(probed.diskGb! - discovered.diskGb!)).toBeLessThan(1);
  });
});
