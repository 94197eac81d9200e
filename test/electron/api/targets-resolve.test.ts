// `targets.resolve`: the configured targets with their capabilities filled in, for the renderer's
// live what-ifs. Runs the real handler table on real discovery (this machine, a refused ssh probe).
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEventName, ApiOutput } from '../../../shared/api/contract.js';
import { ApiCallError, createHandlers } from '../../../electron/api/handlers.js';
import { createMetrics } from '../../../electron/api/metrics.js';
import { placementOptions, target, type Target } from '../../../shared/schema/targets.js';
import { tempDir } from '../../temp-dir.js';

const cloud = target.parse({
  id: 'aws-g5',
  type: 'cloud',
  provider: 'aws',
  hourlyRate: 1.006,
  capabilities: { cpu: 4, memoryGb: 16, gpus: [{ vendor: 'nvidia', vramGb: 24 }] },
});
const local = target.parse({ id: 'local', type: 'local', capabilities: { cpu: 1234 } });
// Port 1 on loopback refuses at once: the probe fails fast, in its own words.
const refused = target.parse({
  id: 'gpu-box',
  type: 'ssh',
  host: '127.0.0.1',
  port: 1,
  user: 'nobody',
  probe: true,
  capabilities: { cpu: 32, memoryGb: 128 },
});

async function handlersFor(
  targets: Target[],
  discoveryEnabled: boolean,
  emit: (event: ApiEventName, payload: unknown) => void = () => undefined,
  dataDir = tempDir('pe-resolve-'),
) {
  return createHandlers({
    dataDir,
    targets,
    options: placementOptions.parse({ discoveryEnabled }),
    metrics: createMetrics(),
    emit,
  });
}

type Resolved = ApiOutput<'targets.resolve'>;

/** Resolves when the handlers emit `capabilities.changed` for the target with that outcome. */
function changedEvents() {
  const seen: { event: ApiEventName; payload: { targetId?: string; outcome?: string } }[] = [];
  const waiters: (() => void)[] = [];
  return {
    emit: (event: ApiEventName, payload: unknown) => {
      seen.push({ event, payload: payload as { targetId?: string; outcome?: string } });
      for (const w of waiters.splice(0)) w();
    },
    async outcome(targetId: string, outcome: string) {
      const found = () =>
        seen.some(
          (e) => e.event === 'capabilities.changed' && e.payload.targetId === targetId && e.payload.outcome === outcome,
        );
      while (!found()) await new Promise<void>((r) => waiters.push(r));
    },
  };
}

describe('targets.resolve', () => {
  it('returns the targets as written, with no ages, when discovery is off', async () => {
    const handlers = await handlersFor([local, cloud], false);
    const out = (await handlers.invoke('targets.resolve', {})) as {
      targets: Target[];
      options: { discoveryEnabled: boolean };
      ages: Record<string, number | null>;
      failures: string[];
    };
    expect(out.targets).toEqual([local, cloud]);
    expect(out.options.discoveryEnabled).toBe(false);
    expect(out.ages).toEqual({ local: null, 'aws-g5': null });
    expect(out.failures).toEqual([]);
  });

  it('discovers the local target (and the tools the task names); a failed probe arrives later, as an event', async () => {
    const events = changedEvents();
    const handlers = await handlersFor([local, refused, cloud], true, events.emit);
    const task = { task: { name: 't', requirements: { tools: ['ls'] } } };
    const first = (await handlers.invoke('targets.resolve', { task })) as Resolved;
    // The probe runs in the background: the answer says it is running, or (port 1 refuses at once) failed.
    expect(['probing', 'probe-failed']).toContain(first.freshness['gpu-box']!.state);
    expect(first.freshness['aws-g5']).toEqual({ state: 'as-written', at: null, ageMs: null });
    await events.outcome('gpu-box', 'probe-failed');
    const out = (await handlers.invoke('targets.resolve', { task })) as Resolved;
    const [mine, box, aws] = out.targets;
    // Discovered values win over written ones: this machine has no 1,234 cores.
    expect(mine!.capabilities?.cpu).not.toBe(1234);
    expect(mine!.capabilities?.cpu).toBeGreaterThan(0);
    expect(Object.keys(mine!.capabilities?.tools ?? {})).toContain('ls');
    expect(out.ages['local']).toEqual(expect.any(Number));
    // The failed probe keeps what the file writes and says why.
    expect(box!.capabilities).toEqual(refused.capabilities);
    expect(out.ages['gpu-box']).toBeNull();
    expect(out.failures).toHaveLength(1);
    expect(out.failures[0]).toMatch(/^gpu-box: /);
    expect(out.freshness['gpu-box']).toMatchObject({
      state: 'probe-failed',
      reason: expect.stringMatching(/^connection refused/),
      at: expect.any(String),
      lastGoodAgeMs: null,
    });
    expect(out.freshness['local']).toMatchObject({ state: 'discovered', ageMs: expect.any(Number) });
    expect(aws).toEqual(cloud);
  });

  describe('with a host that accepts and never answers (the probe waits out its 10 s timeout)', () => {
    let silent: net.Server;
    const held: net.Socket[] = [];
    let port = 0;
    beforeAll(async () => {
      silent = net.createServer((socket) => held.push(socket));
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
      port = (silent.address() as net.AddressInfo).port;
    });
    afterAll(async () => {
      for (const socket of held) socket.destroy();
      await new Promise((r) => silent.close(r));
    });

    it('answers targets.resolve and placement.place with what is known while the probe is still running', async () => {
      const hanging = target.parse({ ...refused, id: 'slow-box', port });
      const handlers = await handlersFor([local, hanging, cloud], true);
      const out = (await handlers.invoke('targets.resolve', {})) as Resolved;
      // Answered before the probe could end: it is still running, and the file's values are used.
      expect(out.freshness['slow-box']).toEqual({ state: 'probing', at: null, ageMs: null });
      expect(out.targets[1]!.capabilities).toEqual(hanging.capabilities);
      expect(out.failures).toEqual([]);
      // A placement made for real does not wait either: it uses what is known now.
      const placed = (await handlers.invoke('placement.place', {
        task: { task: { name: 'big', requirements: { cpu: 16 } } },
      })) as { success: boolean; scores: { targetId: string; eligible: boolean }[] };
      expect(placed.success).toBe(true);
      expect(placed.scores.find((s) => s.targetId === 'slow-box')?.eligible).toBe(true);
      const again = (await handlers.invoke('targets.resolve', {})) as Resolved;
      expect(again.freshness['slow-box']!.state).toBe('probing');
    });
  });

  it('keeps the last probe of each target across a restart, and can answer without starting any', async () => {
    const dataDir = tempDir('pe-resolve-restart-');
    const events = changedEvents();
    const before = await handlersFor([local, refused], true, events.emit, dataDir);
    await before.invoke('targets.resolve', {});
    await events.outcome('gpu-box', 'probe-failed');
    // The outcome is saved as it comes, just after the event: wait for the file to hold it.
    const file = path.join(dataDir, 'capabilities-cache.json');
    const saved = () => (existsSync(file) ? readFileSync(file, 'utf8') : '');
    while (!(saved().includes('"failures":[{') && saved().includes('"entries":[{')))
      await new Promise((r) => setTimeout(r, 20));
    // A new process on the same data directory, asked only for what is known.
    const after = await handlersFor([local, refused], true, () => undefined, dataDir);
    const out = (await after.invoke('targets.resolve', { discover: false })) as Resolved;
    expect(out.freshness['gpu-box']).toMatchObject({
      state: 'probe-failed',
      reason: expect.stringMatching(/^connection refused/),
      ageMs: expect.any(Number),
    });
    expect(out.freshness['local']).toMatchObject({ state: 'discovered' });
  });

  it('refuses a task file the schemas reject, naming the path', async () => {
    const handlers = await handlersFor([local], false);
    const call = handlers.invoke('targets.resolve', { task: { task: { name: 't', requirements: { cpu: 'lots' } } } });
    await expect(call).rejects.toBeInstanceOf(ApiCallError);
    await expect(call).rejects.toMatchObject({
      error: { code: 'invalid-input', issues: [{ path: 'task.task.requirements.cpu' }] },
    });
  });
});

describe('targets.probe', () => {
  it('answers a failed probe with ok: false and the reason, and a good one with the report', async () => {
    const handlers = await handlersFor([local, refused], true);
    expect(await handlers.invoke('targets.probe', { targetId: 'gpu-box' })).toEqual({
      ok: false,
      targetId: 'gpu-box',
      reason: expect.stringMatching(/^gpu-box: .*(refused|closed)/),
    });
    expect(await handlers.invoke('targets.probe', { targetId: 'local' })).toMatchObject({
      ok: true,
      report: { targetId: 'local', cached: false },
    });
  });

  it('still refuses a target that is never probed (a cloud type), naming the field', async () => {
    const handlers = await handlersFor([local, cloud], true);
    await expect(handlers.invoke('targets.probe', { targetId: 'aws-g5' })).rejects.toMatchObject({
      error: { code: 'invalid-input', issues: [{ path: 'targetId' }] },
    });
  });
});
