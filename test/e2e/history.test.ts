// The History view in real Chromium against the real `serve`, on a history the CLI recorded: the
// placements listed newest first, filtered, a torn line reported, replayed one by one (click, arrow
// keys, Play), and the empty state of a fresh data directory.
import { appendFileSync, mkdtempSync } from 'node:fs';
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

/** Records placements with the CLI, oldest first: two placed, one failed; then a torn last line. */
async function seedHistory(dataDir: string): Promise<void> {
  const tasks: [string, number, string[]][] = [
    ['train-a', 1, []],
    ['etl-b', 2, ['--strategy', 'cost-optimized']],
    ['huge-c', 100_000, []],
  ];
  for (const [name, cpu, extra] of tasks)
    expect(await placeWithCli(dataDir, name, cpu, extra)).toBe(name === 'huge-c' ? 1 : 0);
  // A crash in the middle of an append: the log ends in half a line.
  appendFileSync(path.join(dataDir, 'history.jsonl'), '{"event":"PlacementStarted","requestId":"torn');
}

describe('the History view', () => {
  let served: Served;
  let app: OpenedPage;
  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pe-e2e-history-'));
    await seedHistory(dataDir);
    served = await serve({ dataDir });
    app = await openApp(`${served.url}#/history`);
  });
  afterAll(async () => {
    await app?.close();
    await served?.stop();
    if (served) removeDir(served.dataDir);
  });

  const list = () => app.page.getByRole('listbox', { name: 'Placements, newest first' });
  const options = () => list().getByRole('option');

  it('lists the placements newest first and shows the torn line it skipped', async () => {
    await visible(options());
    expect(await options().count()).toBe(3);
    const texts = await options().allTextContents();
    expect(texts.map((t) => /huge-c|etl-b|train-a/.exec(t)?.[0])).toEqual(['huge-c', 'etl-b', 'train-a']);
    const warnings = app.page.getByRole('alert', { name: 'History warnings' });
    await visible(warnings.getByText(/history\.jsonl line \d+: torn/));
    await visible(app.page.getByRole('region', { name: /Placements per target over time/ }).locator('.recharts-bar'));
  });

  it('filters by outcome and by task name, and clears the filters', async () => {
    await app.page.getByLabel('Outcome').selectOption('failed');
    await list().getByRole('option', { name: /etl-b/ }).waitFor({ state: 'detached' });
    expect(await options().count()).toBe(1);
    await visible(list().getByRole('option', { name: /huge-c.*failed/ }));

    await app.page.getByLabel('Outcome').selectOption('');
    await app.page.getByLabel('Task name').fill('etl-b');
    await list()
      .getByRole('option', { name: /train-a/ })
      .waitFor({ state: 'detached' });
    expect(await options().count()).toBe(1);
    await visible(list().getByRole('option', { name: /etl-b.*cost-optimized/ }));

    await app.page.getByRole('button', { name: 'Clear filters' }).first().click();
    await visible(list().getByRole('option', { name: /train-a/ }));
    expect(await options().count()).toBe(3);
  });

  it('replays the selected placement: the decision then and now, reproduced exactly', async () => {
    await list()
      .getByRole('option', { name: /train-a/ })
      .click();
    const replay = app.page.getByRole('region', { name: 'Replay' });
    await visible(replay.getByText(/Reproduced: the stored inputs give the stored decision/));
    expect(await replay.getByLabel('Decision then').textContent()).toMatch(/^\S+ \(\w+/);
    await visible(replay.getByLabel('Decision now'));
    expect(await list().getByRole('option', { selected: true }).textContent()).toContain('train-a');
  });

  it('steps with the arrow keys and plays forward in time to the newest', async () => {
    // The list keeps the focus; Up is the newer neighbour (the list is newest first).
    await app.page.keyboard.press('ArrowUp');
    await visible(list().getByRole('option', { name: /etl-b/, selected: true }));
    await app.page.keyboard.press('End');
    await visible(list().getByRole('option', { name: /train-a/, selected: true }));

    await app.page.getByLabel('Speed').selectOption({ label: '4× (0.5 s per entry)' });
    await app.page.getByRole('button', { name: 'Play' }).click();
    await visible(app.page.getByRole('button', { name: 'Pause' }));
    // It stops by itself at the newest entry, the failed one, and replays that too.
    await visible(app.page.getByRole('button', { name: 'Play' }), 15_000);
    await visible(list().getByRole('option', { name: /huge-c/, selected: true }));
    const replay = app.page.getByRole('region', { name: 'Replay' });
    await visible(replay.getByText(/Reproduced/));
    expect(await replay.getByLabel('Decision then').textContent()).toMatch(/cpu/i);
    await visible(app.page.getByText('Entry 3 of 3 (oldest first)'));
    await screenshot(app.page, 'history');
    expect(app.errors).toEqual([]);
  });
});

describe('the History view of a fresh data directory', () => {
  it('says how to make a first placement', async () => {
    const served = await serve();
    const app = await openApp(`${served.url}#/history`);
    try {
      await visible(app.page.getByText('No placements yet.', { exact: false }));
      await visible(app.page.getByRole('link', { name: 'Compare view' }));
      await visible(app.page.getByText('placement-explorer place --task task.yaml --targets targets.yaml'));
      expect(await app.page.getByRole('alert', { name: 'History warnings' }).count()).toBe(0);
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
      await served.stop();
      removeDir(served.dataDir);
    }
  });
});
