// Fine-tune a 7B model with an estimate (issue 13), in real Chromium against the real `serve`: the task
// typed into the YAML tab of an empty Requirements view, over a laptop without GPU, an SSH box with a
// free RTX 4090, an L40S and 8× A100 in AWS. Compare shows three strategies picking three targets and
// says why each did (time, cost, the trade-off between them); Target details show the estimate's
// arithmetic; the placement recorded exports as an HTML report carrying the time-cost picture.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, runCli } from '../electron/cli/cli-harness.js';
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

// examples/finetune-7b.yaml, as someone writes it from the README: 3 hours on an A10G.
const TASK_YAML = `task:
  name: finetune-7b
  requirements:
    gpu: {type: nvidia, minVram: 20}
    memoryGb: 16
    tools: [python3]
    maxRuntimeMinutes: 180
    maxCost: 10
  estimate:
    minutes: 180
    on: {gpu: A10G}
`;

const TRADE_OFF =
  'trade-off: 30 min slower than aws-p4d.24xlarge, $1.68 cheaper; 41 min faster than gpu-box, $1.08 dearer';
const P4D_ESTIMATE = '180 min on A10G × 70/2496 TFLOPS = 5 min on 8× A100 40GB';

/** A strategy's card in "Each strategy's choice". */
const card = (page: Page, strategy: string) =>
  page.getByRole('list', { name: "Each strategy's choice" }).getByRole('listitem', { name: strategy, exact: true });

/** The matrix row of a target. */
const row = (page: Page, id: string) =>
  page
    .getByRole('table', { name: 'Scores by target and strategy' })
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: id, exact: true }) });

/** The whole explanation of a strategy's card, opened as a reader clicks it. */
async function explanation(page: Page, strategy: string): Promise<string> {
  const toggle = card(page, strategy).locator('.cmp-explanation-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  return (await toggle.textContent()) ?? '';
}

describe('fine-tuning a 7B model with an estimate', () => {
  let served: Served;
  let app: OpenedPage | undefined;
  beforeAll(async () => {
    const dir = tempDir('pe-e2e-estimates-');
    served = await serve({ targets: path.join(EXAMPLES, 'gpu-targets.yaml'), dataDir: path.join(dir, 'data') });
    app = await openApp(`${served.url}#/requirements`);
  });
  afterAll(async () => {
    await app?.close();
    await served?.stop();
  });

  it('types the task into the YAML tab of an empty Requirements view, and it is valid', async () => {
    const { page } = app!;
    await openView(page, 'Requirements');
    expect(await page.getByLabel('Task name').inputValue()).toBe('');
    await page.getByRole('tab', { name: 'YAML' }).click();
    const yaml = page.getByLabel('Task file (YAML)');
    await yaml.fill(TASK_YAML);
    await visible(page.getByText('✓ A valid task file.'));
    await visible(page.getByText(/✓ The task is valid/));
  });

  it('sees performance, cost-optimized and auto pick three targets, each saying why', async () => {
    const { page } = app!;
    await openView(page, 'Compare');
    const winner = async (strategy: string) =>
      (await textMatching(card(page, strategy).locator('.cmp-winner-target'), /\S/)).replace(/^.*winner: /, '').trim();
    expect(await winner('performance')).toBe('aws-p4d.24xlarge');
    expect(await winner('cost-optimized')).toBe('gpu-box');
    expect(await winner('auto')).toBe('aws-g6e.xlarge');

    // Performance names the time, cost-optimized the cost, auto the trade-off between them.
    expect(await explanation(page, 'performance')).toMatch(
      /^performance chose aws-p4d\.24xlarge \(cloud, score 1\.000, est\. 5 min, \$2\.76\)/,
    );
    expect(await explanation(page, 'cost-optimized')).toMatch(
      /^cost-optimized chose gpu-box \(ssh, score 0\.818, est\. 76 min, \$0\.00\)/,
    );
    expect(await explanation(page, 'auto')).toContain(
      `auto chose aws-g6e.xlarge (cloud, score 0.888, est. 35 min, $1.08); ${TRADE_OFF}`,
    );

    // Each row's price line: the rate, the run's estimated time and cost.
    expect(await row(page, 'aws-g6e.xlarge').locator('.cmp-caps').nth(1).textContent()).toBe(
      'est. 35 min · $1.08 · $1.861/h · cloud',
    );
    expect(await row(page, 'aws-p4d.24xlarge').locator('.cmp-caps').nth(1).textContent()).toBe(
      'est. 5 min · $2.76 · $32.7726/h · cloud',
    );
    expect(await row(page, 'gpu-box').locator('.cmp-caps').nth(1).textContent()).toBe(
      'est. 76 min · free · no hourly rate · ssh',
    );
    expect(await row(page, 'laptop').textContent()).toMatch(/Ineligible:.*GPU/i);

    // The time-cost picture: the three picks are on the front; the laptop (no estimate) is not drawn.
    const tc = page.getByRole('region', { name: 'Time and cost to result' });
    await visible(tc.locator('.cmp-tc-point'));
    expect(await tc.getByRole('img').getAttribute('aria-label')).toMatch(/of 3 targets, 3 on the front/);
    const points = await tc
      .getByRole('list', { name: 'Estimated time and cost of each target' })
      .getByRole('listitem')
      .allTextContents();
    expect(points).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws-p4d\.24xlarge: 5 min, \$2\.76, on the front, picked by .*performance/),
        expect.stringMatching(/^gpu-box: 76 min, \$0\.00, on the front, picked by .*cost-optimized/),
        expect.stringMatching(/^aws-g6e\.xlarge: 35 min, \$1\.08, on the front, picked by auto/),
      ]),
    );
    // The laptop misses the GPU anyway: it is neither drawn nor counted as an unknown estimate.
    expect(points.join('\n')).not.toContain('laptop');
    expect(await tc.locator('.cmp-tc-note').count()).toBe(0);

    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await visible(tc.locator('.cmp-tc-point'));
      await screenshot(page, `estimates-compare-${width}x${height}`);
      // The estimate under each eligible target's id is read on screen, not only in a tooltip: its
      // time and cost (the line's lead) fit the column, whatever the rate and type after them do.
      const cut = await page.$$eval('.cmp-target .cmp-caps', (els) =>
        els.flatMap((e) => {
          const text = e.firstChild;
          const lead = /^est\. [^·]+·[^·]+/.exec(e.textContent ?? '');
          if (text === null || lead === null) return [];
          const range = document.createRange();
          range.setStart(text, 0);
          range.setEnd(text, lead[0].trimEnd().length);
          return range.getBoundingClientRect().width > e.clientWidth + 1 ? [e.textContent] : [];
        }),
      );
      expect(cut).toEqual([]);
    }
    await page.setViewportSize({ width: 1400, height: 900 });
  });

  it('reads the estimate’s arithmetic and each strategy’s rank in Target details', async () => {
    const { page } = app!;
    const details = page.getByRole('region', { name: 'Target details' });
    await page.getByRole('button', { name: 'aws-p4d.24xlarge', exact: true }).click();
    await visible(details.getByRole('heading', { name: 'aws-p4d.24xlarge' }));
    expect(await details.locator('.cmp-estimate').textContent()).toBe(`Estimate: ${P4D_ESTIMATE} → $2.76`);
    expect(await details.getByRole('row', { name: /^performance/ }).textContent()).toMatch(
      /#1 ★.*est\. 5 min \(\$2\.76\), time rank 1 of 3 \(fastest first\)/,
    );

    await page.getByRole('button', { name: 'gpu-box', exact: true }).click();
    await visible(details.getByRole('heading', { name: 'gpu-box' }));
    expect(await details.getByRole('row', { name: /^cost-optimized/ }).textContent()).toMatch(
      /#1 ★.*est\. \$0\.00 in 76 min, cost rank 1 of 3 \(cheapest first\)/,
    );
  });

  it('records the auto placement and exports it as an HTML report with the time-cost picture', async () => {
    const { page } = app!;
    await page.getByLabel('Strategy', { exact: true }).selectOption('auto');
    await page.getByRole('button', { name: 'Record this placement' }).click();
    const result = page.getByRole('status', { name: 'Placement result' });
    expect(await textMatching(result, /Placed on/)).toContain('Placed on aws-g6e.xlarge');
    expect(await result.textContent()).toContain(TRADE_OFF);

    await openView(page, 'History');
    await page.getByRole('option', { name: /finetune-7b.*auto.*aws-g6e\.xlarge/ }).click();
    await visible(page.getByText(/Reproduced/));
    await openView(page, 'Export');
    await page.getByRole('radio', { name: /The selected History entry/ }).check();
    await page.getByRole('radio', { name: /^HTML/ }).check();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10_000 }),
      page.getByRole('button', { name: 'Export and download' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.html$/);
    const html = readFileSync(await download.path(), 'utf8');
    expect(html).toContain('finetune-7b');
    const picture = /<svg class="chart time-cost"[^]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(picture).toMatch(/<path class="front" d="M[^"]+ L[^"]+ L[^"]+"/);
    expect(picture).toContain('<title>aws-g6e.xlarge: 35 min, $1.08, on the front, picked by auto</title>');
    expect(picture).toContain('auto: aws-g6e.xlarge');
    expect(html).toContain(TRADE_OFF);
    expect(html).toContain(P4D_ESTIMATE);

    // The CLI writes the same picture for the same placement (a report of one placement: --id).
    const id = /<span class="id">([0-9a-f-]{36})<\/span>/.exec(html)?.[1];
    expect(id).toBeTruthy();
    const cli = await runCli(['report', '--format', 'html', '--id', id!, '--data-dir', served.dataDir]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(/<svg class="chart time-cost"[^]*?<\/svg>/.exec(cli.stdout)?.[0]).toBe(picture);
    expect(cli.stdout).toContain(TRADE_OFF);

    expect(app!.errors).toEqual([]);
  });

  it('edits the estimate in the form: an hour on the reference instead of three, and Compare follows', async () => {
    const { page } = app!;
    await openView(page, 'Requirements');
    await page.getByRole('tab', { name: 'Form' }).click();
    const estimate = page.getByRole('group', { name: 'Estimate' });
    expect(await estimate.getByLabel('Reference GPU model').inputValue()).toBe('A10G');
    await estimate.getByLabel('Minutes on the reference').fill('60 min');
    await visible(page.getByText(/✓ The task is valid/));
    await openView(page, 'Compare');
    // 60 × 70/362 = 11.6 min on the L40S, for 36 cents.
    await textMatching(row(page, 'aws-g6e.xlarge').locator('.cmp-target .cmp-caps').nth(1), /^est\. 12 min · \$0\.36 /);
    expect(app!.errors).toEqual([]);
  });
});
