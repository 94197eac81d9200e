// A new user's first hour (issue 12), in real Chromium against the real `serve`: from an empty task to
// a recorded placement and a report, over this machine, an SSH GPU box that cannot be reached (a
// closed port on 127.0.0.1) and two AWS instance types. No view waits on the failing probe, and the
// placement that rests on the box's unchecked capabilities says so in the result and in the report.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../electron/discovery/sshd.js';
import { tempDir } from '../temp-dir.js';
import {
  openApp,
  openView,
  screenshot,
  serve,
  textMatching,
  visible,
  type OpenedPage,
  type Served,
} from './harness.js';

const targetsFile = (closedPort: number) => `placement: {strategy: auto, mode: burst}
targets:
  - {id: local, type: local}
  - id: gpu-box
    type: ssh
    host: 127.0.0.1
    port: ${closedPort}
    user: ml
    probe: true
    hostKeyPolicy: accept-new
    capabilities:
      cpu: 16
      memoryGb: 64
      gpus: [{vendor: nvidia, model: RTX 4090, vramGb: 24}]
      os: linux
      arch: x64
      tools: {python3: '3.11.4'}
  - id: aws-g5-xlarge
    type: cloud
    provider: aws
    instanceType: g5.xlarge
    hourlyRate: 1.006
    capabilities:
      cpu: 4
      memoryGb: 16
      gpus: [{vendor: nvidia, model: A10G, vramGb: 24}]
      os: linux
      arch: x64
      tools: {python3: '3.10.12'}
  - id: aws-p4d-24xlarge
    type: cloud
    provider: aws
    instanceType: p4d.24xlarge
    hourlyRate: 32.77
    capabilities:
      cpu: 96
      memoryGb: 1152
      gpus: [{vendor: nvidia, model: A100, vramGb: 40, count: 8}]
      os: linux
      arch: x64
      tools: {python3: '3.10.12'}
`;

const TASK = 'finetune-7b';
const UNCHECKED =
  /gpu-box: probe failed: .+; placed on the capabilities written in the file, which could not be checked/;

/** Builds the task in the Requirements form, field by field, as someone who has never seen the app. */
async function buildTask(page: Page): Promise<void> {
  await openView(page, 'Requirements');
  expect(await page.getByLabel('Task name').inputValue()).toBe('');
  await page.getByLabel('Task name').fill(TASK);
  const requirements = page.getByRole('group', { name: 'Requirements', exact: true });
  await requirements.getByLabel('Needs a GPU').check();
  await requirements.getByLabel('GPU vendor').selectOption('nvidia');
  await requirements.getByLabel('Min VRAM per GPU (GB)').fill('20');
  await requirements.getByLabel('GPU count').fill('1');
  await requirements.getByLabel('Memory (GB)').fill('16 GB');
  await requirements.getByRole('button', { name: 'Add tool' }).click();
  await requirements.getByLabel('Tool 1 name').fill('python3');
  await requirements.getByLabel('Max cost per run (USD)').fill('$10');
  await requirements.getByLabel('Max runtime (minutes)').fill('180');
  await visible(page.getByText('✓ The task is valid'));
}

describe("a new user's first hour, with an SSH box that cannot be reached", () => {
  let served: Served;
  let app: OpenedPage | undefined;
  let winner = '';
  beforeAll(async () => {
    const dir = tempDir('pe-e2e-first-hour-');
    const file = path.join(dir, 'targets.yaml');
    writeFileSync(file, targetsFile(await freePort()));
    served = await serve({ targets: file, dataDir: path.join(dir, 'data') });
    app = await openApp(`${served.url}#/requirements`);
  });
  afterAll(async () => {
    await app?.close();
    await served?.stop();
  });

  it('builds the task from empty, and Compare ranks it without waiting on the probe', async () => {
    const { page } = app!;
    await buildTask(page);
    await openView(page, 'Compare');
    const matrix = page.getByRole('table', { name: 'Scores by target and strategy' });
    await visible(matrix, 5_000);
    const box = matrix.getByRole('row').filter({ has: page.getByRole('button', { name: 'gpu-box', exact: true }) });
    // On screen at once, whether the probe is still running or has already been refused.
    await textMatching(box, /probing…|probe failed/, 5_000);
    expect(await page.getByText('Loading the targets and discovering this machine…').count()).toBe(0);
    // The refusal arrives as an event and the row says so.
    await visible(box.getByText(/probe failed/));

    const card = page.getByRole('listitem', { name: 'auto', exact: true });
    winner = (await textMatching(card.locator('.cmp-winner-target'), /\S/)).replace(/^.*winner: /, '').trim();
    expect(['gpu-box', 'aws-g5-xlarge']).toContain(winner);
    const warnings = card.getByRole('list', { name: 'Warnings' });
    if (winner === 'gpu-box') await textMatching(warnings, UNCHECKED);
    else expect(await warnings.count()).toBe(0);
  });

  it('records the placement, and the result carries the warning', async () => {
    const { page } = app!;
    expect(await page.locator('#cmp-run-strategy').inputValue()).toBe('auto');
    await page.getByRole('button', { name: 'Record this placement' }).click();
    const result = page.getByRole('status', { name: 'Placement result' });
    await textMatching(result, /Recorded in history/);
    expect(await result.textContent()).toContain(`Placed on ${winner}`);
    if (winner === 'gpu-box') {
      expect(await result.getByRole('list', { name: 'Warnings' }).textContent()).toMatch(UNCHECKED);
    } else {
      expect(await result.textContent()).not.toMatch(/⚠/);
      const box = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'gpu-box', exact: true }) });
      expect(await box.textContent()).toMatch(/probe failed/);
    }
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await screenshot(page, `first-hour-compare-${width}x${height}`);
    }
  });

  it('replays it in History, and exports a report that carries the warning', async () => {
    const { page } = app!;
    await openView(page, 'History');
    await page.getByRole('option', { name: new RegExp(TASK) }).click();
    await visible(page.getByText(/Reproduced/));
    if (winner === 'gpu-box')
      expect(await page.getByRole('list', { name: 'Warnings then' }).textContent()).toMatch(UNCHECKED);
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await screenshot(page, `first-hour-history-${width}x${height}`);
    }

    await openView(page, 'Export');
    await page.getByRole('radio', { name: /The selected History entry/ }).check();
    const reports: Record<string, string> = {};
    for (const format of ['Markdown', 'JSON']) {
      await page.getByRole('radio', { name: new RegExp(`^${format}`) }).check();
      const [file] = await Promise.all([
        page.waitForEvent('download', { timeout: 10_000 }),
        page.getByRole('button', { name: 'Export and download' }).click(),
      ]);
      reports[format] = readFileSync(await file.path(), 'utf8');
      expect(reports[format]).toContain(TASK);
    }
    if (winner === 'gpu-box') {
      expect(reports['Markdown']).toMatch(UNCHECKED);
      expect(reports['JSON']).toMatch(UNCHECKED);
    }
    await screenshot(page, 'first-hour-export-1024x700');
    expect(app!.errors).toEqual([]);
  });
});
