// The Export view in real Chromium against the real `serve`, on a history the CLI recorded: a CSV of
// the placements the History filters match, and a Markdown report of the selected entry, each
// downloaded and read back.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openApp,
  placeWithCli,
  removeDir,
  screenshot,
  serve,
  visible,
  type OpenedPage,
  type Served,
} from './harness.js';

async function seedHistory(dataDir: string): Promise<void> {
  for (const name of ['train-a', 'etl-b']) expect(await placeWithCli(dataDir, name, 1)).toBe(0);
}

describe('the Export view', () => {
  let served: Served;
  let app: OpenedPage;
  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pe-e2e-export-'));
    await seedHistory(dataDir);
    served = await serve({ dataDir });
    app = await openApp(`${served.url}#/export`);
  });
  afterAll(async () => {
    await app?.close();
    await served?.stop();
    if (served) removeDir(served.dataDir);
  });

  /** Clicks the export button and reads the file the browser downloads. */
  async function download(): Promise<{ name: string; text: string }> {
    const [file] = await Promise.all([
      app.page.waitForEvent('download', { timeout: 10_000 }),
      app.page.getByRole('button', { name: 'Export and download' }).click(),
    ]);
    const saved = await file.path();
    return { name: file.suggestedFilename(), text: readFileSync(saved, 'utf8') };
  }

  it('downloads the placements matching the History filters as CSV', async () => {
    await visible(app.page.getByText('all placements: 2 placements'));
    await app.page.getByRole('radio', { name: /^CSV/ }).check();
    const csv = await download();
    expect(csv.name).toMatch(/\.csv$/);
    expect(csv.text).toContain('train-a');
    expect(csv.text).toContain('etl-b');
    await visible(app.page.getByText(new RegExp(`^Saved ${csv.name.replace(/\./g, '\\.')}`)));
  });

  it('downloads the entry selected in History as Markdown', async () => {
    await app.page.getByRole('link', { name: 'History' }).click();
    await app.page.getByRole('option', { name: /train-a/ }).click();
    await visible(app.page.getByText(/Reproduced/));
    await app.page.getByRole('link', { name: 'Export' }).click();
    const entry = app.page.getByRole('radio', { name: /The selected History entry/ });
    await entry.check();
    await app.page.getByRole('radio', { name: /^Markdown/ }).check();
    const md = await download();
    expect(md.name).toMatch(/\.md$/);
    expect(md.text).toContain('train-a');
    expect(md.text).not.toContain('etl-b');
  });

  it('downloads the current comparison (the Requirements view’s task) as Markdown', async () => {
    // A new app's task is empty until named: choose the example task first.
    await app.page.getByRole('link', { name: 'Requirements' }).click();
    await app.page.getByRole('button', { name: 'Example: GPU training job' }).click();
    await app.page.getByRole('link', { name: 'Export' }).click();
    await app.page.getByRole('radio', { name: /The current comparison/ }).check();
    const name = /task (\S+)/.exec((await app.page.getByText(/^task \S+$/).textContent()) ?? '')?.[1];
    expect(name).toBeTruthy();
    const md = await download();
    expect(md.name).toMatch(/\.md$/);
    expect(md.text).toContain(name!);
    for (const strategy of ['auto', 'local-first', 'cloud-first', 'cost-optimized', 'performance'])
      expect(md.text).toContain(strategy);
    await screenshot(app.page, 'export');
    expect(app.errors).toEqual([]);
  });
});
