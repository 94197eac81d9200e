// Imported live sources are read again in the background once older than the cache life: here a
// Nomad HTTP API stand-in on 127.0.0.1 (Nomad itself cannot run here) serving the project's fixture.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../discovery/sshd.js';
import { createSourceRefresher } from '../../../electron/api/import-targets.js';
import { targetsOf } from '../../shared/inputs.js';
import type { Target } from '../../../shared/schema/targets.js';

const NODES = readFileSync(
  fileURLToPath(new URL('../../fixtures/fleet/nomad/nodes-resources.json', import.meta.url)),
  'utf8',
);
let server: Server;
let address = '';
let requests = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(NODES);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const HOUR_AGO = '2026-11-29T11:00:00.000Z';
const NOW = Date.parse('2026-11-29T12:00:00Z');

function setup(addr: string) {
  let targets: Target[] = targetsOf(
    { id: 'local', type: 'local' },
    {
      id: 'gpu-a100-1',
      type: 'nomad',
      source: { kind: 'nomad', address: addr, node: 'gpu-a100-1', importedAt: HOUR_AGO },
      capabilities: { cpu: 1 },
    },
  );
  const done: { source: string; ok: boolean; reason?: string }[] = [];
  let now = NOW;
  const refresher = createSourceRefresher({
    targets: () => targets,
    save: async (list) => {
      targets = list;
    },
    maxAgeMs: () => 5 * 60_000,
    onDone: (e) => done.push(e),
    now: () => now,
  });
  return {
    refresher,
    done,
    targets: () => targets,
    later: (ms: number) => {
      now += ms;
    },
  };
}

describe('background refresh of imported sources', () => {
  it('reads a stale live source again, replacing its nodes and keeping every other target', async () => {
    const s = setup(address);
    await s.refresher.refresh();
    expect(s.done).toEqual([{ source: `nomad (${address})`, ok: true }]);
    const ids = s.targets().map((t) => t.id);
    expect(ids[0]).toBe('local');
    expect(ids).toContain('mi210-5');
    const refreshed = s.targets().find((t) => t.id === 'gpu-a100-1')!;
    expect('source' in refreshed && refreshed.source!.importedAt > HOUR_AGO).toBe(true);
    expect(refreshed.capabilities?.cpu).not.toBe(1);
    // Fresh now: nothing more to read.
    const before = requests;
    await s.refresher.refresh();
    expect(requests).toBe(before);
  });

  it('a source that fails keeps its targets, says why, and is not asked again within a cache life', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const s = setup(closed);
    const before = s.targets();
    await s.refresher.refresh();
    expect(s.done).toHaveLength(1);
    expect(s.done[0]).toMatchObject({ ok: false, reason: expect.stringContaining('refused the connection') });
    expect(s.targets()).toBe(before);
    await s.refresher.refresh();
    expect(s.done).toHaveLength(1);
    s.later(6 * 60_000);
    await s.refresher.refresh();
    expect(s.done).toHaveLength(2);
  });
});
