// `targets.resolve`: the configured targets with their capabilities filled in, for the renderer's
// live what-ifs. Runs the real handler table on real discovery (this machine, a refused ssh probe).
import { describe, expect, it } from 'vitest';
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

async function handlersFor(targets: Target[], discoveryEnabled: boolean) {
  return createHandlers({
    dataDir: tempDir('pe-resolve-'),
    targets,
    options: placementOptions.parse({ discoveryEnabled }),
    metrics: createMetrics(),
    emit: () => undefined,
  });
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

  it('discovers the local target (and the tools the task names), and reports a failed probe in one line', async () => {
    const handlers = await handlersFor([local, refused, cloud], true);
    const task = { task: { name: 't', requirements: { tools: ['ls'] } } };
    const out = (await handlers.invoke('targets.resolve', { task })) as {
      targets: Target[];
      ages: Record<string, number | null>;
      failures: string[];
    };
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
    expect(aws).toEqual(cloud);
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
