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

  it('says so when the server stops answering, and what to do', async () => {
    await served.stop();
    const banner = app.page.getByRole('alert').filter({ hasText: 'No answer from the server' });
    await visible(banner);
    expect(await banner.textContent()).toBe(
      'No answer from the server: is placement-explorer serve still running? Retrying…',
    );
    // A call made now fails with the same words, not "Failed to fetch" (History's code is loaded already).
    await app.page.getByRole('link', { name: 'Machine' }).click();
    await app.page.getByRole('link', { name: 'History' }).click();
    await visible(app.page.getByText('The history could not be read: No answer from the server'));
    // A view whose code was never loaded says so in its place; the rest of the app keeps working.
    await app.page.getByRole('link', { name: 'Metrics' }).click();
    await visible(app.page.getByText('The Metrics view could not be loaded: the server did not answer.'));
    await app.page.getByRole('link', { name: 'History' }).click();
    await visible(app.page.getByRole('heading', { level: 2, name: 'History' }));
  });
});
