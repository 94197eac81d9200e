// One instance at a time (electron/main.ts against the Electron stand-in): when another instance holds
// the lock, this one quits at once and opens nothing.
import { expect, it, vi } from 'vitest';
import { startMain } from './main-harness.js';
import { app } from './electron-stand-in.js';

vi.mock('electron', () => import('./electron-stand-in.js'));
vi.mock('../../../electron/discovery/login-path.js', () => ({ loginShellPath: async () => process.env['PATH'] }));
vi.mock('../../../electron/api/handlers.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  createHandlers: (await import('./handler-table-stand-in.js')).fakeCreateHandlers,
}));

it('quits at once, with no window, no channel and no listener, when another instance runs', async () => {
  const shell = await startMain(() => import('../../../electron/main.js'), { singleInstanceLock: false });
  // Give a start that should not happen the time to happen.
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(shell.log).toEqual(['requestSingleInstanceLock', 'quit']);
  expect(shell.quitCount).toBe(1);
  expect(shell.windows).toEqual([]);
  expect(shell.ipcHandlers.size).toBe(0);
  expect(app.eventNames()).toEqual([]);
});
