// Layout and keyboard at the smallest window the app supports (1024×700), in real Chromium against
// the real `serve`: History's headers and cells each fit their column, Targets shows every column
// and the GPUs, Compare's five strategy cards sit in rows of equal count, notices take their own
// row instead of floating over the form, Escape gives the view keys back from a select, and each
// History date filter is one tab stop. Screenshots at 1440×900 and 1024×700 for a person to look at.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dir.js';
import {
  openApp,
  openView,
  placeWithCli,
  screenshot,
  serve,
  visible,
  type OpenedPage,
  type Served,
} from './harness.js';

// No discovery: the same targets and columns on every machine; a long id and eight identical GPUs
// are what used to be cut.
const TARGETS = `placement:
  discoveryEnabled: false
targets:
  - id: local
    type: local
    capabilities: {cpu: 8, memoryGb: 32, diskGb: 200, gpus: [], os: linux, arch: x64, network: true, tools: {python3: "3.11.7"}}
  - id: gpu-box
    type: ssh
    host: 10.0.0.5
    user: ml
    capabilities: {cpu: 32, memoryGb: 128, diskGb: 900, gpus: [{vendor: nvidia, model: RTX 4090, vramGb: 24}], os: linux, arch: x64, network: true, tools: {python3: "3.12.3"}}
  - id: aws-p4d.24xlarge
    type: cloud
    provider: aws
    instanceType: p4d.24xlarge
    hourlyRate: 32.7726
    capabilities: {cpu: 96, memoryGb: 1152, diskGb: 8000, gpus: [{vendor: nvidia, model: A100, vramGb: 40, count: 8}], os: linux, arch: x64, network: true, tools: {python3: "3.11.7"}}
`;

const SMALL = { width: 1024, height: 700 };
const LARGE = { width: 1440, height: 900 };

/** Each element's text that is wider than its box (cut off), as `text (scroll > client)`. */
async function overflowing(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) =>
    els
      .filter((e) => e.scrollWidth > e.clientWidth + 1)
      .map((e) => `${e.textContent} (${e.scrollWidth} > ${e.clientWidth})`),
  );
}

describe('layout and keyboard at 1024×700', () => {
  let served: Served;
  let app: OpenedPage;
  beforeAll(async () => {
    const dir = tempDir('pe-e2e-layout-');
    const data = path.join(dir, 'data');
    mkdirSync(data, { recursive: true });
    // A history with long task names and every outcome, recorded by the CLI.
    for (const [name, cpu, extra] of [
      ['nightly-feature-extraction', 1, ['--strategy', 'cost-optimized']],
      ['train-a', 2, []],
      ['too-big-to-place-anywhere', 100_000, []],
    ] as const)
      await placeWithCli(data, name, cpu, [...extra]);
    const targets = path.join(dir, 'targets.yaml');
    writeFileSync(targets, TARGETS);
    served = await serve({ targets, dataDir: data });
    app = await openApp(`${served.url}#/history`);
  });
  afterAll(async () => {
    await app?.close();
    await served?.stop();
  });

  it('History: every header and cell fits its column; no column is cut to a letter', async () => {
    const { page } = app;
    await page.setViewportSize(LARGE);
    await visible(page.getByRole('option', { name: /train-a/ }));
    await screenshot(page, 'layout-history-1440x900');
    await page.setViewportSize(SMALL);
    await page.waitForTimeout(200);
    expect(await overflowing(page, '.hist-head > span')).toEqual([]);
    const widths = await page.$$eval('.hist-head > span', (els) => els.map((e) => e.getBoundingClientRect().width));
    expect(widths).toHaveLength(5);
    for (const w of widths) expect(w).toBeGreaterThan(48);
    // The cells of short values are whole too (a long task name may be shortened with an ellipsis).
    expect(await overflowing(page, '.hist-list .hist-time, .hist-list .hist-outcome')).toEqual([]);
    await screenshot(page, 'layout-history-1024x700');
  });

  it('History: each date filter is one tab stop, and takes a typed date', async () => {
    const { page } = app;
    await page.getByLabel('Since').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('hist-until');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('hist-until');
    await page.getByLabel('Since').fill('2000-01-01');
    await page.getByLabel('Since').press('Enter');
    await visible(page.getByRole('option', { name: /train-a/ }));
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
  });

  it('Targets: every column is on screen and the GPUs are not cut off', async () => {
    const { page } = app;
    await openView(page, 'Targets');
    const table = page.getByRole('table', { name: 'Targets' });
    await visible(table.getByRole('row', { name: /aws-p4d\.24xlarge/ }));
    const box = (await table.boundingBox())!;
    const heads = await table
      .getByRole('columnheader')
      .evaluateAll((els) => els.map((e) => ({ text: e.textContent, right: e.getBoundingClientRect().right })));
    for (const h of heads) expect(h.right, String(h.text)).toBeLessThanOrEqual(box.x + box.width + 1);
    const caps = await table
      .getByRole('row', { name: /aws-p4d\.24xlarge/ })
      .getByRole('cell')
      .nth(3)
      .evaluate((e) => ({ text: e.textContent ?? '', title: e.getAttribute('title') ?? '' }));
    // The GPUs lead the cell, so two lines never cut them; the rest may end in an ellipsis, whole in the title.
    expect(caps.text).toMatch(/^8× A100 40 GB · 96 CPU/);
    expect(caps.title).toBe(caps.text);
    await screenshot(page, 'layout-targets-1024x700');
  });

  it('Compare: the five strategy cards sit in rows of equal count; Escape leaves a select for the view keys', async () => {
    const { page } = app;
    // A page starts with an empty task: take the example, which every strategy has a card for.
    await openView(page, 'Requirements');
    await page.getByRole('button', { name: 'Example: GPU training job' }).click();
    await openView(page, 'Compare');
    const cards = page.getByRole('list', { name: "Each strategy's choice" }).getByRole('listitem');
    await visible(cards);
    const tops = await cards.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(tops).toHaveLength(5);
    const rows = new Map<number, number>();
    for (const t of tops) rows.set(t, (rows.get(t) ?? 0) + 1);
    expect(new Set(rows.values()).size, `cards per row: ${[...rows.values()].join(', ')}`).toBe(1);
    await screenshot(page, 'layout-compare-1024x700');

    // The matrix is one tab stop: the arrow keys move within it.
    const stops = await page
      .getByRole('table', { name: 'Scores by target and strategy' })
      .evaluate((t) => [...t.querySelectorAll<HTMLElement>('[tabindex="0"], button:not([tabindex="-1"])')].length);
    expect(stops).toBe(1);

    const select = page.getByLabel('Strategy', { exact: true });
    await select.focus();
    await page.keyboard.press('5');
    expect(await page.evaluate(() => window.location.hash)).toBe('#/compare');
    await page.keyboard.press('Escape');
    await page.keyboard.press('5');
    await visible(page.getByRole('heading', { level: 2, name: 'History' }));

    await page.setViewportSize(LARGE);
    await openView(page, 'Compare');
    await visible(cards);
    await screenshot(page, 'layout-compare-1440x900');
  });

  it('Requirements: every field and its label are on screen, nothing is cut and the page does not scroll sideways', async () => {
    const { page } = app;
    await page.setViewportSize(SMALL);
    await openView(page, 'Requirements');
    await page.getByRole('button', { name: 'Example: GPU training job' }).click();
    const form = page.locator('main');
    const fields = await form
      .locator('input:not([type="hidden"]):not([type="radio"]):not([type="checkbox"]), select, textarea')
      .evaluateAll((els) =>
        els
          .filter((e) => (e as HTMLElement).offsetParent !== null)
          .map((e) => {
            const r = e.getBoundingClientRect();
            return { name: (e as HTMLInputElement).name || e.id, left: r.left, right: r.right, width: r.width };
          }),
      );
    expect(fields.length).toBeGreaterThan(5);
    for (const f of fields) {
      expect(f.left, f.name).toBeGreaterThanOrEqual(0);
      expect(f.right, f.name).toBeLessThanOrEqual(1024);
      expect(f.width, `${f.name} is too narrow to type in`).toBeGreaterThanOrEqual(40);
    }
    expect(await overflowing(page, 'main :is(label, legend, h2, h3):not(.visually-hidden)')).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    await screenshot(page, 'layout-requirements-1024x700');
    await page.setViewportSize(LARGE);
    await screenshot(page, 'layout-requirements-1440x900');
    await page.setViewportSize(SMALL);
  });

  it('notices take their own row above the view, never floating over a field', async () => {
    const { page } = app;
    await page.setViewportSize(SMALL);
    const position = await page.locator('.notices').evaluate((e) => getComputedStyle(e).position);
    expect(position).not.toBe('fixed');
    expect(position).not.toBe('absolute');
    expect(app.errors).toEqual([]);
  });
});
