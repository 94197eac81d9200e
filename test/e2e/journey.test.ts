// A new user's first session, in one go, in real Chromium against the real `serve`: look at this
// machine, build a GPU task from a preset, see every strategy's choice and why each other target
// lost, run it for real, find it in History and replay it, export it, and check that the document
// the Export view downloads is the one `placement-explorer report` writes for the same placement.
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportData } from '../../shared/report/report-data.js';
import { runCli } from '../electron/cli/cli-harness.js';
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

// This machine is discovered for the Machine view; the placement uses what the file writes, so the
// ranking is the same on a machine with a GPU.
const TARGETS = `placement:
  discoveryEnabled: false
targets:
  - id: local
    type: local
    capabilities: {cpu: 8, memoryGb: 32, diskGb: 200, gpus: [], os: linux, arch: x64, network: true, tools: {python3: "3.11.7", docker: "27.1.1"}}
  - id: gpu-box
    type: ssh
    host: 10.0.0.5
    capabilities: {cpu: 32, memoryGb: 128, diskGb: 900, gpus: [{vendor: nvidia, model: RTX 4090, vramGb: 24}], os: linux, arch: x64, network: true, tools: {python3: "3.12.3", docker: "26.1.4"}}
  - id: aws-g5
    type: cloud
    provider: aws
    hourlyRate: 1.006
    capabilities: {cpu: 4, memoryGb: 16, diskGb: 250, gpus: [{vendor: nvidia, model: A10G, vramGb: 24}], os: linux, arch: x64, network: true, tools: {python3: "3.11.7", docker: "27.1.1"}}
`;
const run = promisify(execFile);
const STRATEGIES = ['auto', 'local-first', 'cloud-first', 'cost-optimized', 'performance'];

describe("a new user's first session in browser mode", () => {
  let served: Served;
  let app: OpenedPage;
  beforeAll(async () => {
    const dir = tempDir('pe-e2e-journey-');
    const targets = path.join(dir, 'targets.yaml');
    writeFileSync(targets, TARGETS);
    served = await serve({ targets, dataDir: path.join(dir, 'data') });
    app = await openApp(served.url);
  });
  afterAll(async () => {
    await app?.close();
    await served?.stop();
  });

  it('sees the machine, builds a GPU task, compares, places, replays and exports it, and sees it counted', async () => {
    const { page } = app;

    // The app opens on this machine.
    await visible(page.getByRole('heading', { level: 2, name: 'Machine' }));
    await visible(page.getByRole('region', { name: 'CPU' }).getByText(/\d+ usable/));

    // A GPU task from a preset.
    await openView(page, 'Requirements');
    await page.getByRole('button', { name: 'Single-GPU inference' }).click();

    // Every strategy's choice, and why each other target lost.
    await openView(page, 'Compare');
    const cards = page.getByRole('list', { name: "Each strategy's choice" });
    for (const strategy of STRATEGIES)
      expect(await textMatching(cards.getByRole('listitem', { name: strategy, exact: true }), /★/)).toMatch(
        /gpu-box|aws-g5/,
      );
    const row = (id: string) =>
      page.getByRole('row').filter({ has: page.getByRole('button', { name: id, exact: true }) });
    expect(await row('local').textContent()).toMatch(/Ineligible:.*gpu.*has no GPU/);
    // The eligible loser of a strategy shows its rank there.
    expect(await row('gpu-box').textContent()).toMatch(/#2/);

    // Placed for real.
    await page.getByLabel('Strategy', { exact: true }).selectOption('cost-optimized');
    await page.getByRole('button', { name: 'Record this placement' }).click();
    const result = page.getByRole('status', { name: 'Placement result' });
    expect(await textMatching(result, /Placed on/)).toMatch(/Placed on gpu-box/);

    // In History, newest first, and replayed: the same decision then and now.
    await openView(page, 'History');
    const list = page.getByRole('listbox', { name: 'Placements, newest first' });
    await list.getByRole('option', { name: /gpu-inference.*cost-optimized.*gpu-box/ }).click();
    const replay = page.getByRole('region', { name: 'Replay' });
    await visible(replay.getByText(/Reproduced: the stored inputs give the stored decision/));
    expect(await replay.getByLabel('Decision now').textContent()).toMatch(/gpu-box/);

    // Exported as JSON from the Export view.
    await openView(page, 'Export');
    await page.getByRole('radio', { name: /The selected History entry/ }).check();
    await page.getByRole('radio', { name: /^JSON/ }).check();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10_000 }),
      page.getByRole('button', { name: 'Export and download' }).click(),
    ]);
    const exported = reportData.parse(JSON.parse(readFileSync(await download.path(), 'utf8')));
    expect(exported.placements).toHaveLength(1);
    const placement = exported.placements[0]!;
    expect(placement).toMatchObject({ taskName: 'gpu-inference', outcome: 'placed', chosenTarget: 'gpu-box' });
    expect(placement.decisions[0]!.scores.map((s) => s.targetId).sort()).toEqual(['aws-g5', 'gpu-box', 'local']);
    await screenshot(page, 'journey-export');

    // The CLI writes the same document for the same placement (only the time it was made differs).
    const cli = await runCli(['report', '--format', 'json', '--id', placement.id, '--data-dir', served.dataDir]);
    expect(cli.code, cli.stderr).toBe(0);
    const written = reportData.parse(JSON.parse(cli.stdout));
    expect({ ...written, generatedAt: null }).toEqual({ ...exported, generatedAt: null });

    // And as a PDF, printed by Chromium on the machine that serves the app, read back by pdftotext.
    await page.getByRole('radio', { name: /^PDF/ }).check();
    const [pdf] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Export and download' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    const { stdout } = await run('pdftotext', ['-layout', await pdf.path(), '-']);
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain('gpu-inference');
    expect(text).toContain('Chosen: gpu-box');

    // The server's metrics count it, in words and in the Prometheus text.
    await openView(page, 'Metrics');
    await visible(page.getByText('1 placement: 1 placed, 0 failed'));
    await visible(
      page.getByRole('table', { name: 'Placements by strategy' }).getByRole('row', { name: 'cost-optimized 1 0' }),
    );
    await visible(page.getByRole('table', { name: 'Placements by target' }).getByRole('row', { name: 'gpu-box 1' }));
    await page.getByText('Prometheus text').click();
    expect(await page.getByLabel('Prometheus text').textContent()).toContain(
      'placement_explorer_placements_total{strategy="cost-optimized",outcome="placed",target="gpu-box"} 1',
    );
    await screenshot(page, 'metrics');

    expect(app.errors).toEqual([]);
  }, 60_000);
});
