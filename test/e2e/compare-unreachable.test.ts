// An SSH target that cannot be reached, in real Chromium against the real `serve`: Compare shows its
// matrix while the probe is still pending (a host that sends an SSH banner and then says nothing, so
// the probe hangs), Targets says the probe is running, a placement made for real does not wait; and
// after a restart, Targets still says how the last probe of a refusing host ended.
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../electron/discovery/sshd.js';
import { tempDir } from '../temp-dir.js';
import { callApi, openApp, screenshot, serve, visible, type OpenedPage, type Served } from './harness.js';

const TASK = 'task:\n  name: e2e-unreachable\n  requirements: {cpu: 2}\n';

const targetsFile = (port: number) => `placement: {strategy: auto, mode: burst}
targets:
  - {id: local, type: local}
  - {id: slow-box, type: ssh, host: 127.0.0.1, port: ${port}, user: nobody, probe: true, hostKeyPolicy: accept-new, capabilities: {cpu: 32, memoryGb: 128}}
  - {id: aws-c7, type: cloud, provider: aws, hourlyRate: 0.5, capabilities: {cpu: 8, memoryGb: 16}}
`;

/** Opens the app with TASK as the task being edited (as a reload of earlier work would), at `view`. */
async function openWithTask(served: Served, view: string): Promise<OpenedPage> {
  const app = await openApp(served.url);
  await app.page.evaluate((text) => {
    localStorage.setItem(
      'placement-explorer-task',
      JSON.stringify({ state: { text, fileName: null, options: {}, pristine: '' }, version: 1 }),
    );
  }, TASK);
  await app.page.goto(`${served.url}#/${view}`);
  await app.page.reload();
  return app;
}

describe('an unreachable SSH target in browser mode', () => {
  // Answers with an SSH banner, then never another byte: ssh waits in the key exchange until the
  // probe's own timeout, so the probe stays pending for the whole test.
  let silent: net.Server;
  const sockets: net.Socket[] = [];
  let served: Served;
  let app: OpenedPage | undefined;
  beforeAll(async () => {
    silent = net.createServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => undefined);
      socket.write('SSH-2.0-OpenSSH_9.2p1 silent\r\n');
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const dir = tempDir('pe-e2e-unreachable-');
    const file = path.join(dir, 'targets.yaml');
    writeFileSync(file, targetsFile((silent.address() as net.AddressInfo).port));
    served = await serve({ targets: file, dataDir: path.join(dir, 'data') });
  });
  afterAll(async () => {
    await app?.close();
    await served?.stop();
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent?.close(r));
  });

  const pending = () => sockets.some((s) => !s.destroyed);

  it('Compare shows the matrix, and says the probe is running, while the probe is pending', async () => {
    app = await openWithTask(served, 'compare');
    const { page } = app;
    const matrix = page.getByRole('table', { name: 'Scores by target and strategy' });
    await visible(matrix);
    const row = matrix.getByRole('row').filter({ has: page.getByRole('button', { name: 'slow-box', exact: true }) });
    await visible(row.getByText('probing…'));
    // Ranked on what its file writes: 32 cores meet the task.
    expect(await row.textContent()).not.toMatch(/Ineligible/);
    await row.getByRole('button', { name: 'slow-box', exact: true }).click();
    await visible(page.getByText('probing…; using the capabilities written in the file until it answers'));
    expect(await page.getByText('Loading the targets and discovering this machine…').count()).toBe(0);
    // All of the above was on screen while ssh still waited on the silent host.
    expect(pending()).toBe(true);
    await screenshot(page, 'compare-unreachable-pending');
  });

  it('a placement made for real answers with what is known, and Targets says the probe is running', async () => {
    const placed = await callApi<{ success: boolean; scores: { targetId: string; eligible: boolean }[] }>(
      served,
      'placement.place',
      { task: { task: { name: 'big', requirements: { cpu: 16 } } } },
    );
    // Placed on what is known now: slow-box with the 32 cores its file writes.
    expect(placed.success).toBe(true);
    expect(placed.scores.find((s) => s.targetId === 'slow-box')?.eligible).toBe(true);
    const { page } = app!;
    await page.goto(`${served.url}#/targets`);
    const row = page.getByRole('table', { name: 'Targets' }).getByRole('row').filter({ hasText: 'slow-box' });
    await visible(row.getByText(/^probing…/));
    expect(pending()).toBe(true);
    expect(app!.errors).toEqual([]);
  });
});

describe('a refusing SSH target across a restart', () => {
  let served: Served | undefined;
  let app: OpenedPage | undefined;
  afterAll(async () => {
    await app?.close();
    await served?.stop();
  });

  it('Targets shows how its last probe ended, not "not probed yet", after the server restarts', async () => {
    const dir = tempDir('pe-e2e-refusing-');
    const closed = await freePort();
    const file = path.join(dir, 'targets.yaml');
    writeFileSync(file, targetsFile(closed));
    const dataDir = path.join(dir, 'data');
    served = await serve({ targets: file, dataDir });
    await callApi(served, 'targets.resolve', {});
    // The refused probe ends at once; its outcome is saved in the data directory as it comes.
    let state = '';
    for (let i = 0; i < 100 && state !== 'probe-failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const out = await callApi<{ freshness: Record<string, { state: string }> }>(served, 'targets.resolve', {
        discover: false,
      });
      state = out.freshness['slow-box']!.state;
    }
    expect(state).toBe('probe-failed');
    await new Promise((r) => setTimeout(r, 300));
    await served.stop();

    served = await serve({ targets: file, dataDir });
    app = await openApp(`${served.url}#/targets`);
    const row = app.page.getByRole('table', { name: 'Targets' }).getByRole('row').filter({ hasText: 'slow-box' });
    await visible(
      row.getByText(
        new RegExp(
          `^probe failed: connection refused \\(127\\.0\\.0\\.1:${closed}\\) \\(.+\\); using the capabilities written in the file$`,
        ),
      ),
    );
    expect(await row.getByText('not probed yet').count()).toBe(0);
    await screenshot(app.page, 'targets-probe-failed-after-restart');
  });
});
