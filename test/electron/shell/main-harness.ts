// Runs electron/main.ts against the Electron stand-in. A test file using it mocks, before any import:
//   vi.mock('electron', () => import('./electron-stand-in.js'));
//   vi.mock('../../../electron/discovery/login-path.js', () => ({ loginShellPath: async () => process.env['PATH'] }));
//   vi.mock('../../../electron/api/handlers.js', async (importOriginal) => ({
//     ...(await importOriginal()), createHandlers: (await import('./handler-table-stand-in.js')).fakeCreateHandlers }));
// so that main runs with a recorded handler table and never asks a login shell for its PATH. main's top
// level runs once per test file (a module is evaluated once), so a file starts it once.
import { vi } from 'vitest';
import { resetStandIn, type StandInOptions } from './electron-stand-in.js';

/**
 * Runs main.ts (`load`: the test file's own `import()` of it, so that its mocks apply) against a fresh
 * stand-in and, when it got the single-instance lock, waits until it has loaded its page. The record
 * of what it did to Electron.
 */
export async function startMain(load: () => Promise<unknown>, options: Partial<StandInOptions> = {}) {
  const record = resetStandIn(options);
  await load();
  if (record.options.singleInstanceLock)
    await vi.waitFor(() => {
      if (!record.log.some((line) => line.startsWith('loadFile '))) throw new Error('main has not loaded its page');
    });
  return record;
}
