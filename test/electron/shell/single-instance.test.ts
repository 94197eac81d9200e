// One instance at a time (electron/main.ts against the Electron stand-in): this one holds the lock, so
// a second start brings its window to the front, and closing the window quits.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../temp-dir.js';
import { app, BrowserWindow, type StandInRecord } from './electron-stand-in.js';
import { handlerTable } from './handler-table-stand-in.js';
import { startMain } from './main-harness.js';

vi.mock('electron', () => import('./electron-stand-in.js'));
vi.mock('../../../electron/discovery/login-path.js', () => ({ loginShellPath: async () => process.env['PATH'] }));
vi.mock('../../../electron/api/handlers.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  createHandlers: (await import('./handler-table-stand-in.js')).fakeCreateHandlers,
}));

let shell: StandInRecord;
beforeAll(async () => {
  shell = await startMain(() => import('../../../electron/main.js'), { userData: tempDir('pe-shell-single-') });
});

describe('the first instance', () => {
  it('asks for the lock before anything else', () => {
    expect(shell.log.slice(0, 2)).toEqual(['requestSingleInstanceLock', 'whenReady']);
    expect(shell.quitCount).toBe(0);
  });

  it('brings its window to the front when a second instance starts, restoring it when minimized', () => {
    const win = shell.windows[0]!;
    // Another window (the hidden one that prints reports), listed first as Electron may list it, is
    // never the one brought forward.
    const other = new BrowserWindow({ show: false });
    shell.windows.unshift(shell.windows.pop()!);
    win.minimized = true;
    app.fire('second-instance', ['placement-explorer'], '/home/user');
    expect(win.restoreCount).toBe(1);
    expect(win.focusCount).toBe(1);
    app.fire('second-instance', ['placement-explorer'], '/home/user');
    expect(win.restoreCount).toBe(1);
    expect(win.focusCount).toBe(2);
    expect(other.focusCount).toBe(0);
  });

  it('quits when its window is closed, stopping the handler table’s background work', () => {
    app.fire('window-all-closed');
    expect(shell.quitCount).toBe(1);
    app.fire('before-quit');
    expect(handlerTable.closed).toBe(1);
  });
});
