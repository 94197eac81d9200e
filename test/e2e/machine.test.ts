// The Machine view in real Chromium against the real `serve`: what it shows is what capabilities.get
// answers, the live load chart draws, Refresh does not block the view, and the dark theme holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, openApp, removeDir, screenshot, serve, visible, type OpenedPage, type Served } from './harness.js';

interface Report {
  capabilities: { cpu?: number; memoryGb?: number; diskGb?: number; os?: string; arch?: string };
}

describe('the Machine view', () => {
  let served: Served;
  let app: OpenedPage;
  beforeAll(async () => {
    served = await serve();
    app = await openApp(`${served.url}#/machine`);
  });
  afterAll(async () => {
    await app?.close();
    await served?.stop();
    if (served) removeDir(served.dataDir);
  });

  it('shows the CPU count, memory, disk and system that capabilities.get reports', async () => {
    const { capabilities: c } = await callApi<Report>(served, 'capabilities.get');
    const cpu = app.page.getByRole('region', { name: 'CPU' });
    await visible(cpu.getByText(`${c.cpu} usable`, { exact: false }));
    const memory = app.page.getByRole('region', { name: 'Memory and disk' });
    await visible(memory.getByText(`${c.memoryGb!.toFixed(1)} GB usable`, { exact: false }));
    await visible(memory.getByText(`${c.diskGb!.toFixed(1)} GB`, { exact: true }));
    const system = app.page.getByRole('region', { name: 'System' });
    await visible(system.getByText(c.os!, { exact: true }));
    await visible(system.getByText(c.arch!, { exact: true }));
    await visible(app.page.getByText(/^Discovered (just now|\d+ s ago)/));
  });

  it('draws the live CPU and memory load from machine.load', async () => {
    const load = app.page.getByRole('region', { name: 'Load' });
    await visible(load.getByText(/^CPU \d+\.\d %$/));
    await visible(load.getByText(/ of [\d.]+ GB$/));
    // Two samples make a line; the poll is every two seconds.
    await app.page
      .locator('.machine-chart .recharts-line-curve')
      .first()
      .waitFor({ state: 'attached', timeout: 8_000 });
  });

  it('refreshes without blocking the view, then says the report is fresh', async () => {
    const refresh = app.page.getByRole('button', { name: /Refresh/ });
    await refresh.click();
    // The facts stay on screen while discovery runs again.
    await visible(app.page.getByRole('region', { name: 'CPU' }));
    await app.page.getByRole('button', { name: 'Refresh', exact: true }).waitFor({ timeout: 10_000 });
    expect(await app.page.getByRole('button', { name: 'Refresh', exact: true }).isEnabled()).toBe(true);
    await visible(app.page.getByText(/^Discovered just now$/));
    await screenshot(app.page, 'machine');
    expect(app.errors).toEqual([]);
  });

  it('follows a dark system theme', async () => {
    const dark = await openApp(`${served.url}#/machine`, 'dark');
    try {
      await visible(dark.page.getByRole('region', { name: 'CPU' }));
      await dark.page
        .locator('.machine-chart .recharts-line-curve')
        .first()
        .waitFor({ state: 'attached', timeout: 8_000 });
      // A string, evaluated in the page: the tests' tsconfig has no DOM types.
      const background = await dark.page.evaluate('getComputedStyle(document.documentElement).backgroundColor');
      // --bg of the dark theme, #0d1117
      expect(background).toBe('rgb(13, 17, 23)');
      await screenshot(dark.page, 'machine-dark');
      expect(dark.errors).toEqual([]);
    } finally {
      await dark.close();
    }
  });
});
