// The Targets view in real Chromium against the real `serve`: add a target through the form (its
// inline errors first), see it saved, probe an SSH host that refuses, import a bad file (nothing saved)
// and a file of 1,000 targets (the table stays small in the DOM and filters).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, openApp, removeDir, screenshot, serve, visible, type OpenedPage, type Served } from './harness.js';

const TARGETS = `
placement: {strategy: auto, mode: burst}
targets:
  - {id: local, type: local}
  - id: refusing-box
    type: ssh
    host: 127.0.0.1
    port: 1
    user: nobody
    probe: true
  - id: aws-g5
    type: cloud
    provider: aws
    instanceType: g5.xlarge
    hourlyRate: 1.006
    labels: {region: us-east-1}
    capabilities: {cpu: 4, memoryGb: 16, gpus: [{vendor: nvidia, model: A10G, vramGb: 24}], os: linux, arch: x64}
`;

async function listTargets(served: Served): Promise<{ id: string; type: string }[]> {
  return (await callApi<{ targets: { id: string; type: string }[] }>(served, 'targets.list')).targets;
}

describe('the Targets view', () => {
  let served: Served;
  let app: OpenedPage;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pe-e2e-targets-'));
    writeFileSync(path.join(dir, 'targets.yaml'), TARGETS);
    served = await serve({ targets: path.join(dir, 'targets.yaml') });
    app = await openApp(`${served.url}#/targets`);
  });
  afterAll(async () => {
    await app?.close();
    await served?.stop();
    if (served) removeDir(served.dataDir);
    if (dir) removeDir(dir);
  });

  const table = () => app.page.getByRole('table', { name: 'Targets' });
  const row = (id: string) => table().getByRole('row').filter({ hasText: id });

  it('lists every target with its capabilities, rate and freshness', async () => {
    await visible(row('aws-g5'));
    await visible(row('aws-g5').getByText('1× A10G 24 GB · 4 CPU · 16 GB · linux/x64'));
    await visible(row('aws-g5').getByText('1.006'));
    await visible(row('aws-g5').getByText('as written'));
    await visible(row('refusing-box').getByText('not probed yet'));
    // This machine is discovered without asking.
    await visible(row('local').getByText(/^discovered (just now|\d+ s ago)$/));
  });

  it('adds a target with the form: errors inline first, then saved', async () => {
    await app.page.getByRole('button', { name: 'Add a target' }).click();
    const form = app.page.getByRole('form', { name: 'Add a target' });
    await visible(form);
    await form.getByRole('button', { name: 'Save target' }).click();
    const id = form.getByLabel('ID', { exact: true });
    expect(await id.getAttribute('aria-invalid')).toBe('true');
    const described = await id.getAttribute('aria-describedby');
    expect(await app.page.locator(`#${described}`).textContent()).toMatch(/^ID is required/);
    expect(await form.getByLabel('Provider').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Hourly rate (USD/h)').getAttribute('aria-invalid')).toBe('true');

    await screenshot(app.page, 'targets-form');
    await id.fill('local');
    await visible(form.getByText('duplicate target id "local": another target has it'));
    await id.fill('gcp-l4');
    await form.getByLabel('Provider').fill('gcp');
    await form.getByLabel('Hourly rate (USD/h)').fill('0.71');
    await form.getByLabel('CPU (logical cores)').fill('eight');
    await visible(form.getByText(/expected a number ≥ 0 \(logical cores\), got "eight"/));
    await form.getByLabel('CPU (logical cores)').fill('8');
    await form.getByLabel('Memory (GB)').fill('32');
    await form.getByRole('button', { name: 'Add a GPU' }).click();
    await form.getByLabel('GPU 1 model').fill('L4');
    await form.getByLabel('GPU 1 VRAM (GB)').fill('24');
    await form.getByLabel('Labels').fill('region=europe-west4');
    expect(await id.getAttribute('aria-invalid')).toBeNull();
    await form.getByRole('button', { name: 'Save target' }).click();

    await visible(row('gcp-l4').getByText('1× L4 24 GB · 8 CPU · 32 GB'));
    expect(await form.count()).toBe(0);
    expect((await listTargets(served)).map((t) => t.id)).toEqual(['local', 'refusing-box', 'aws-g5', 'gcp-l4']);
    // Saved for real: a reload reads it back.
    await app.page.reload();
    await visible(row('gcp-l4'));
  });

  it('probes an SSH target and says why the probe failed', async () => {
    await row('refusing-box').getByRole('button', { name: 'Probe refusing-box' }).click();
    await visible(row('refusing-box').getByText(/^Probe failed: .*(refused|closed|port 1)/i), 30_000);
    await visible(app.page.getByRole('alert').filter({ hasText: 'Probe of refusing-box failed' }));
    // A failed probe is an answer (`ok: false`), not a failed request: nothing in the console.
    expect(app.errors).toEqual([]);
  });

  it('imports nothing from a file with problems, and names the file and path of each', async () => {
    const bad = path.join(dir, 'bad-targets.yaml');
    writeFileSync(
      bad,
      'targets:\n  - {id: a, type: cloud, provider: aws, hourlyRate: 1, capabilities: {}}\n  - {id: a, type: local}\n',
    );
    await app.page.getByLabel('Import a targets file').setInputFiles(bad);
    const problems = app.page.getByRole('alert', { name: 'Import problems' });
    await visible(problems.getByText('bad-targets.yaml: targets[1].id: duplicate target id "a" (first at targets[0])'));
    expect((await listTargets(served)).length).toBe(4);
    await problems.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('imports 1,000 targets and stays usable: few rows in the DOM, a filter that finds one', async () => {
    const many = {
      placement: { strategy: 'cost-optimized' },
      targets: [
        { id: 'local', type: 'local' },
        ...Array.from({ length: 999 }, (_, i) => ({
          id: `cloud-${String(i).padStart(4, '0')}`,
          type: 'cloud',
          provider: i % 2 ? 'aws' : 'gcp',
          hourlyRate: Math.round(i * 7) / 100,
          capabilities: { cpu: 2 + (i % 64), memoryGb: 4 * (1 + (i % 32)) },
        })),
      ],
    };
    const file = path.join(dir, 'fleet.json');
    writeFileSync(file, JSON.stringify(many));
    await app.page.getByLabel('Import a targets file').setInputFiles(file);
    await visible(app.page.getByText('1000 targets', { exact: true }));
    expect((await listTargets(served)).length).toBe(1000);
    const rendered = await table().getByRole('row').count();
    expect(rendered).toBeLessThan(40);
    expect(await table().getAttribute('aria-rowcount')).toBe('1001');

    await app.page.getByLabel('Filter targets').fill('cloud-0998');
    await visible(app.page.getByText('Showing 1 of 1000'));
    await visible(row('cloud-0998'));
    expect(await table().getByRole('row').count()).toBe(2);
    await app.page.getByLabel('Filter targets').fill('');
    await screenshot(app.page, 'targets');
    expect(app.errors).toEqual([]);
  });
});
