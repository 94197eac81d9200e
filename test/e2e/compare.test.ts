// Compare in real Chromium against the real browser mode: build a GPU task, see every strategy's
// choice and why each other target lost, edit and watch the ranking change, relax, pin, run for real.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dir.js';
import {
  callApi,
  openApp,
  openView,
  screenshot,
  serve,
  textMatching,
  type OpenedPage,
  type Served,
} from './harness.js';

// No discovery: every target, local included, has the capabilities written here, so the ranking is
// the same on every machine. t4-box (16 GB) is listed before gpu-box so that, once admitted, it wins
// the ties of the free ssh hosts.
const TARGETS = `placement:
  discoveryEnabled: false
targets:
  - id: local
    type: local
    capabilities: {cpu: 8, memoryGb: 32, diskGb: 200, gpus: [], os: linux, arch: x64, network: true, tools: {python3: "3.11.7", docker: "26.1.4"}}
  - id: t4-box
    type: ssh
    host: 10.0.0.6
    capabilities: {cpu: 16, memoryGb: 64, diskGb: 400, gpus: [{vendor: nvidia, model: T4, vramGb: 16}], os: linux, arch: x64, network: true, tools: {docker: "24.0.7", python3: "3.10.12"}}
  - id: gpu-box
    type: ssh
    host: 10.0.0.5
    capabilities: {cpu: 32, memoryGb: 128, diskGb: 900, gpus: [{vendor: nvidia, model: RTX 4090, vramGb: 24}], os: linux, arch: x64, network: true, tools: {docker: "26.1.4", python3: "3.12.3"}}
  - id: aws-g5
    type: cloud
    provider: aws
    hourlyRate: 1.006
    capabilities: {cpu: 4, memoryGb: 16, diskGb: 250, gpus: [{vendor: nvidia, model: A10G, vramGb: 24}], os: linux, arch: x64, network: true, tools: {docker: "27.1.1", python3: "3.11.7"}}
  - id: aws-p4d
    type: cloud
    provider: aws
    hourlyRate: 32.77
    capabilities: {cpu: 96, memoryGb: 1152, diskGb: 8000, gpus: [{vendor: nvidia, model: A100, vramGb: 40, count: 8}], os: linux, arch: x64, network: true, tools: {docker: "27.1.1", python3: "3.11.7"}}
  - id: gcp-cpu
    type: cloud
    provider: gcp
    hourlyRate: 0.268
    capabilities: {cpu: 8, memoryGb: 32, diskGb: 100, gpus: [], os: linux, arch: x64, network: true, tools: [docker, python3]}
`;

const card = (page: Page, strategy: string) =>
  page.getByRole('list', { name: "Each strategy's choice" }).getByRole('listitem', { name: strategy, exact: true });
const row = (page: Page, id: string) =>
  page.getByRole('row').filter({ has: page.getByRole('button', { name: id, exact: true }) });
const requirements = (page: Page) => page.getByRole('group', { name: 'Requirements', exact: true });

describe('Compare in browser mode', () => {
  let served: Served;
  let app: OpenedPage;
  beforeAll(async () => {
    const dir = tempDir('pe-e2e-compare-');
    const targets = path.join(dir, 'targets.yaml');
    writeFileSync(targets, TARGETS);
    served = await serve({ targets, dataDir: path.join(dir, 'data') });
    app = await openApp(served.url);
  });
  afterAll(async () => {
    await app?.close();
    await served?.stop();
  });

  it("builds a GPU task and shows every strategy's choice, and why each other target lost", async () => {
    const { page } = app;
    await openView(page, 'Requirements');
    await page.getByRole('button', { name: 'Single-GPU inference' }).click();
    await requirements(page).getByLabel('Min VRAM per GPU (GB)').fill('20');
    await openView(page, 'Compare');

    await textMatching(card(page, 'auto'), /aws-g5/);
    expect(await card(page, 'cloud-first').textContent()).toMatch(/aws-g5/);
    expect(await card(page, 'cost-optimized').textContent()).toMatch(/gpu-box.*CostOptimal/);
    expect(await card(page, 'performance').textContent()).toMatch(/aws-p4d.*CapabilityMatch/);
    expect(await card(page, 'local-first').textContent()).toMatch(/Fallback/);
    // The winners are marked in words, not by colour alone.
    expect(await row(page, 'aws-p4d').textContent()).toMatch(/★ winner/);
    // Each ineligible target says which requirement it misses.
    expect(await row(page, 'local').textContent()).toMatch(/Ineligible:.*gpu: needs 1× nvidia GPU ≥ 20 GB, has no GPU/);
    expect(await row(page, 't4-box').textContent()).toMatch(/Ineligible:.*16 GB/);
    // An eligible loser: its rank and its score breakdown per strategy.
    await row(page, 'gpu-box').getByRole('button', { name: 'gpu-box' }).click();
    const detail = page.getByRole('table', { name: 'How each strategy scored gpu-box' });
    expect(await textMatching(detail, /cost-optimized.*#1/s)).toMatch(/auto\s*0\.\d{3} #2\s*0\.\d{3} base/);
    await screenshot(page, 'compare');
  });

  it('re-ranks when a requirement is edited, and the pin shows what changed', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Pin this result' }).click();
    await openView(page, 'Requirements');
    await requirements(page).getByLabel('Memory (GB)').fill('64');
    await openView(page, 'Compare');

    await textMatching(card(page, 'auto'), /Pinned: aws-g5 → now gpu-box/);
    expect(await card(page, 'cloud-first').textContent()).toMatch(/Pinned: aws-g5 → now aws-p4d/);
    expect(await row(page, 'aws-g5').textContent()).toMatch(/Ineligible:.*memoryGb.*was eligible under the pin/);
    expect(await row(page, 'gpu-box').textContent()).toMatch(/new winner/);
    expect(await row(page, 'gpu-box').textContent()).toMatch(/▲0\.\d{3}/);
  });

  it('applies a suggested relaxation, which edits the task and re-ranks', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Apply: gpu.minVram ≤ 16 admits t4-box' }).click();
    await textMatching(card(page, 'auto'), /t4-box/);
    expect(await row(page, 't4-box').textContent()).toMatch(/newly eligible/);
    expect(await card(page, 'cost-optimized').textContent()).toMatch(/t4-box/);
    await openView(page, 'Requirements');
    expect(await requirements(page).getByLabel('Min VRAM per GPU (GB)').inputValue()).toBe('16');
    await openView(page, 'Compare');
    await page.getByRole('button', { name: 'Unpin' }).click();
  });

  it('switches the mode and the tie-breaker live', async () => {
    const { page } = app;
    await page.getByLabel('Mode').selectOption('local-only');
    await textMatching(card(page, 'auto'), /no valid target/);
    expect(await row(page, 'gpu-box').textContent()).toMatch(/Ineligible:.*mode/);
    await page.getByRole('button', { name: 'Apply: mode burst admits t4-box' }).click();
    await textMatching(card(page, 'auto'), /t4-box/);
    await page.getByLabel('Tie-breaker').selectOption('id');
    await page.getByLabel('Fallback').uncheck();
    // With fallback off, local-first may not leave this machine, which has no GPU: it fails, saying so.
    expect(await textMatching(card(page, 'local-first'), /no valid target/)).toMatch(/fallback is disabled/);
    await page.getByRole('button', { name: 'Reset options' }).click();
    await textMatching(card(page, 'local-first'), /t4-box/);
  });

  it('records a placement, and it reaches the history', async () => {
    const { page } = app;
    await page.getByLabel('Strategy', { exact: true }).selectOption('performance');
    await page.getByRole('button', { name: 'Record this placement' }).click();
    const result = page.getByRole('status', { name: 'Placement result' });
    expect(await textMatching(result, /Placed on aws-p4d/)).toMatch(/CapabilityMatch.*performance chose aws-p4d/s);
    // Focus moved to the result (the button was disabled while recording), not to <body>.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Placement result');

    const history = await callApi<{ entries: { strategy: string; selectedTarget: string; taskName: string }[] }>(
      served,
      'history.list',
    );
    expect(history.entries).toEqual([
      expect.objectContaining({ strategy: 'performance', selectedTarget: 'aws-p4d', taskName: 'gpu-inference' }),
    ]);
    expect(app.errors).toEqual([]);
  });

  it('reads well in the dark theme', async () => {
    const dark = await openApp(served.url, 'dark');
    try {
      // A new page starts with an empty task: build the same one as the first test.
      await openView(dark.page, 'Requirements');
      await dark.page.getByRole('button', { name: 'Single-GPU inference' }).click();
      await requirements(dark.page).getByLabel('Min VRAM per GPU (GB)').fill('20');
      await openView(dark.page, 'Compare');
      await textMatching(card(dark.page, 'auto'), /★/);
      await dark.page.getByRole('heading', { name: /^Scores of the 3 eligible targets$/ }).scrollIntoViewIfNeeded();
      await dark.page.locator('.recharts-bar-rectangle').first().waitFor();
      await screenshot(dark.page, 'compare-dark');
      expect(dark.errors).toEqual([]);
    } finally {
      await dark.close();
    }
  });
});
