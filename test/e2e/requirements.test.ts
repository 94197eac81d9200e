// Requirements in real Chromium against the real browser mode: the form and the YAML kept in sync,
// errors where they are, presets, pipelines, opening and saving a task file, and a reload that keeps it.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, removeDir, screenshot, serve, visible, type OpenedPage, type Served } from './harness.js';

const requirements = (page: Page) => page.getByRole('group', { name: 'Requirements', exact: true });
const preferences = (page: Page) => page.getByRole('group', { name: 'Preferences', exact: true });
const yaml = (page: Page) => page.getByLabel('Task file (YAML)');

/** The message a field points at with aria-describedby. */
async function errorOf(page: Page, field: Locator): Promise<string> {
  const id = await field.getAttribute('aria-describedby');
  if (!id) return '';
  return (await page.locator(`[id="${id}"]`).textContent()) ?? '';
}

describe('Requirements in browser mode', () => {
  let served: Served;
  let app: OpenedPage;
  beforeAll(async () => {
    served = await serve();
    app = await openApp(served.url);
    await app.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Requirements' }).click();
    await visible(app.page.getByRole('heading', { level: 2, name: 'Requirements' }));
  });
  afterAll(async () => {
    await app?.close();
    await served?.stop();
    if (served) removeDir(served.dataDir);
  });

  it('starts with an empty task to name, and builds a GPU task in the form, and the YAML follows', async () => {
    const { page } = app;
    expect(await page.getByLabel('Task name').inputValue()).toBe('');
    expect(await page.getByLabel('Task name').getAttribute('placeholder')).toBe('name your task');
    await page.getByRole('button', { name: 'Single-GPU inference' }).click();
    await page.getByLabel('Task name').fill('whisper-large');
    await requirements(page).getByLabel('Memory (GB)').fill('24');
    await requirements(page).getByLabel('Min VRAM per GPU (GB)').fill('12');
    await requirements(page).getByLabel('GPU count').fill('2');
    await requirements(page).getByRole('button', { name: 'Add tool' }).click();
    await requirements(page).getByLabel('Tool 3 name').fill('ffmpeg');
    await requirements(page).getByLabel('Tool 3 version range').fill('>=6');
    await requirements(page).getByLabel('Architecture').selectOption('x64');
    await preferences(page).getByLabel('CPU cores').fill('16');
    await page.getByLabel('Anti-affinity', { exact: false }).last().fill('shared-ci, region=us-east-1');
    await visible(page.getByText('✓ The task is valid'));
    await screenshot(page, 'requirements');

    await page.getByRole('tab', { name: 'YAML' }).click();
    const text = await yaml(page).inputValue();
    expect(text).toContain('name: whisper-large');
    expect(text).toMatch(/gpu:\s*\n\s+type: nvidia\n\s+minVram: 12\n\s+count: 2/);
    expect(text).toContain('ffmpeg>=6');
    expect(text).toMatch(/antiAffinity:\s*\n\s+- shared-ci\n\s+- region=us-east-1/);
  });

  it('shows a YAML problem with its line and path, and a form problem next to its field', async () => {
    const { page } = app;
    const text = await yaml(page).inputValue();
    await yaml(page).fill(text.replace('memoryGb: 24', 'memoryGb: lots'));
    const problems = page.getByRole('list', { name: 'Problems in the YAML' });
    expect(await problems.textContent()).toMatch(
      /line \d+.*task\.requirements\.memoryGb.*expected a number ≥ 0 \(GB\), got "lots"/,
    );

    await page.getByRole('tab', { name: 'Form' }).click();
    const memory = requirements(page).getByLabel('Memory (GB)');
    expect(await memory.inputValue()).toBe('lots');
    expect(await memory.getAttribute('aria-invalid')).toBe('true');
    expect(await errorOf(page, memory)).toMatch(/expected a number ≥ 0/);
    await memory.fill('32');
    await visible(page.getByText('✓ The task is valid'));
    expect(await errorOf(page, memory)).toBe('');
  });

  it('edits a pipeline node by node', async () => {
    const { page } = app;
    await page.getByLabel('Pipeline', { exact: true }).check();
    await page.getByRole('button', { name: 'Add node' }).click();
    await page.getByLabel('Node id').fill('summarise');
    await requirements(page).getByLabel('CPU cores').fill('2');
    await requirements(page).getByLabel('Needs a GPU').uncheck();
    await page.getByLabel('Node', { exact: true }).selectOption({ label: '1. step-1' });
    expect(await requirements(page).getByLabel('Min VRAM per GPU (GB)').inputValue()).toBe('12');
    await page.getByRole('tab', { name: 'YAML' }).click();
    const text = await yaml(page).inputValue();
    expect(text).toMatch(/^pipeline:\n {2}name: whisper-large\n {2}nodes:\n {4}- id: step-1\n/);
    expect(text).toMatch(/- id: summarise\n\s+requirements:\n\s+cpu: 2/);
    await page.getByRole('tab', { name: 'Form' }).click();
    await page.getByLabel('Task', { exact: true }).check();
  });

  it('opens a task file, naming the file and the path of each problem', async () => {
    const { page } = app;
    await page.getByLabel('Open task file…').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ task: { name: 'from-json', requirements: { cpu: -2, gpuu: true } } })),
    });
    const alert = page.getByRole('alert').filter({ hasText: 'broken.json' });
    await visible(alert);
    expect(await alert.textContent()).toMatch(/broken\.json: task\.requirements\.cpu: expected a number ≥ 0/);
    expect(await alert.textContent()).toMatch(/broken\.json: task\.requirements\.gpuu: unknown key/);
    expect(await page.getByLabel('Task name').inputValue()).toBe('from-json');

    await page.getByLabel('Open task file…').setInputFiles({
      name: 'not-yaml.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from('task: [unclosed\n'),
    });
    const refused = page.getByRole('alert').filter({ hasText: 'not-yaml.yaml' });
    expect(await refused.textContent()).toMatch(
      /Could not open not-yaml\.yaml.*not-yaml\.yaml: line \d+, column \d+: invalid YAML/s,
    );
    expect(await page.getByLabel('Task name').inputValue()).toBe('from-json');
    await refused.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('asks before a preset replaces an edited task, and its notice undoes it', async () => {
    const { page } = app;
    await requirements(page).getByLabel('Memory (GB)').fill('64 GB');
    await page.getByRole('button', { name: 'Cheap batch' }).click();
    const ask = page.getByRole('alertdialog');
    await visible(ask);
    await ask.getByRole('button', { name: 'Use Cheap batch' }).click();
    expect(await page.getByLabel('Task name').inputValue()).toBe('cheap-batch');
    const notice = page.getByRole('status').filter({ hasText: 'Loaded the preset Cheap batch' });
    await notice.getByRole('button', { name: 'Undo' }).click();
    expect(await page.getByLabel('Task name').inputValue()).toBe('from-json');
    expect(await requirements(page).getByLabel('Memory (GB)').inputValue()).toBe('64');
  });

  it('saves the task file as a download, and a reload keeps the work', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'CPU build' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Use CPU build' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save task file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('broken.yaml');
    const saved = readFileSync((await download.path())!, 'utf8');
    expect(saved).toMatch(/^task:\n {2}name: cpu-build\n/);
    expect(saved).toContain('docker>=24');

    await page.reload();
    await visible(page.getByRole('heading', { level: 2, name: 'Requirements' }));
    expect(await page.getByLabel('Task name').inputValue()).toBe('cpu-build');
    expect(app.errors).toEqual([]);
  });
});
