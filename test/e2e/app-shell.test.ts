import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, removeDir, screenshot, serve, visible, type OpenedPage, type Served } from './harness.js';

describe('the app shell in browser mode', () => {
  let served: Served;
  let app: OpenedPage;
  beforeAll(async () => {
    served = await serve();
    app = await openApp(served.url);
  });
  afterAll(async () => {
    await app?.close();
    await served?.stop();
    if (served) removeDir(served.dataDir);
  });

  it('shows every view in the navigation and removes the token from the address bar', async () => {
    const nav = app.page.getByRole('navigation', { name: 'Views' });
    for (const label of ['Machine', 'Targets', 'Requirements', 'Compare', 'History', 'Export', 'Metrics'])
      await visible(nav.getByRole('link', { name: label }));
    expect(app.page.url()).not.toContain('token=');
  });

  it('opens a view by its keyboard shortcut', async () => {
    await app.page.keyboard.press('5');
    await visible(app.page.getByRole('heading', { level: 2, name: 'History' }));
    expect(app.page.url()).toMatch(/#\/history$/);
    await screenshot(app.page, 'shell');
    expect(app.errors).toEqual([]);
  });
});
