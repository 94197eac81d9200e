// Every view, in the light and the dark theme, checked by axe-core (WCAG 2.1 A and AA rules) in real
// Chromium against the real `serve`, with targets and a history so that each view shows its content.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../temp-dir.js';
import { openApp, placeWithCli, serve, visible, type Served } from './harness.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page (injected once) and returns what it finds. The page-side code is a string:
 * this file is type-checked for Node, without the DOM.
 */
async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.addScriptTag({ content: AXE });
  return page.evaluate<Violation[]>(
    "axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)",
  );
}

/** Each view, and what to open in it so that more of it is judged (a form, a detail, a replay). */
const VIEWS: [string, (page: Page) => Promise<void>][] = [
  ['Machine', async () => undefined],
  ['Targets', (page) => page.getByRole('button', { name: 'Add a target' }).click()],
  // A new app's task is empty until named: the example task gives Compare and Export something to show.
  ['Requirements', (page) => page.getByRole('button', { name: 'Example: GPU training job' }).click()],
  ['Compare', (page) => page.getByRole('button', { name: 'gpu-box', exact: true }).click()],
  ['History', (page) => page.getByRole('option', { name: /train-a/ }).click()],
  ['Export', async () => undefined],
  ['Metrics', (page) => page.getByText('Prometheus text').click()],
];

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  let served: Served;
  beforeAll(async () => {
    const dataDir = tempDir('pe-e2e-a11y-');
    await placeWithCli(dataDir, 'train-a', 1);
    await placeWithCli(dataDir, 'huge-b', 100_000);
    served = await serve({ dataDir, targets: path.resolve('examples/targets.yaml') });
  });
  afterAll(async () => {
    await served?.stop();
  });

  for (const scheme of ['light', 'dark'] as const)
    it(`finds no violation in any view, ${scheme} theme`, async () => {
      const app = await openApp(served.url, scheme, true);
      try {
        const found: string[] = [];
        for (const [view, open] of VIEWS) {
          await app.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view }).click();
          await visible(app.page.getByRole('heading', { level: 2, name: view }));
          await open(app.page);
          // Let the view's data arrive (and charts draw) before it is judged.
          await app.page.waitForTimeout(1000);
          const violations = await axeViolations(app.page);
          for (const v of violations)
            found.push(
              `${view}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes
                .slice(0, 3)
                .map((n) => n.target.join(' '))
                .join(', ')}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''}`,
            );
        }
        expect(found).toEqual([]);
        expect(app.errors).toEqual([]);
        // The checker is live: a control without a name, added for the purpose, is found.
        await app.page.evaluate("document.querySelector('.app-main').append(document.createElement('select'))");
        expect((await axeViolations(app.page)).map((v) => v.id)).toContain('select-name');
      } finally {
        await app.close();
      }
    }, 60_000);
});
