// The IPC end of the shell (electron/main.ts, electron/shell/ipc-channels.ts) against the Electron
// stand-in: a channel per API method, only the app's own page heard, `file:save` checked and atomic.
import { linkSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../../electron/api/handlers.js';
import { API } from '../../../shared/api/contract.js';
import { tempDir } from '../../temp-dir.js';
import { BrowserWindow, invokeMain, type StandInRecord } from './electron-stand-in.js';
import { handlerTable } from './handler-table-stand-in.js';
import { startMain } from './main-harness.js';

vi.mock('electron', () => import('./electron-stand-in.js'));
vi.mock('../../../electron/discovery/login-path.js', () => ({ loginShellPath: async () => process.env['PATH'] }));
vi.mock('../../../electron/api/handlers.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  createHandlers: (await import('./handler-table-stand-in.js')).fakeCreateHandlers,
}));

const methods = Object.keys(API);
const refused = { ok: false, error: { code: 'invalid-input', message: 'unknown sender' } };

let shell: StandInRecord;
beforeAll(async () => {
  shell = await startMain(() => import('../../../electron/main.js'), { userData: tempDir('pe-shell-ipc-') });
});

describe('the API channels', () => {
  it('registers one channel per API method, and file:save, and nothing else', () => {
    expect([...shell.ipcHandlers.keys()].sort()).toEqual([...methods.map((m) => `api:${m}`), 'file:save'].sort());
  });

  it('passes a call from the app’s page to the handler of its method, the payload as it came', async () => {
    handlerTable.calls = [];
    const payloads = methods.map((method) => ({ probe: method }));
    for (const [i, method] of methods.entries())
      expect(await invokeMain(`api:${method}`, payloads[i])).toEqual({
        ok: true,
        value: { method, payload: payloads[i] },
      });
    expect(handlerTable.calls.map((c) => c.method)).toEqual(methods);
    // The very object: main neither parses nor copies it, the handler table does.
    for (const [i, call] of handlerTable.calls.entries()) expect(call.payload).toBe(payloads[i]);
  });

  it('refuses a call from a frame inside the page, from another window, or from a frame gone', async () => {
    const page = shell.windows[0]!.webContents;
    const other = new BrowserWindow({}).webContents;
    handlerTable.calls = [];
    for (const method of methods) {
      const channel = `api:${method}`;
      expect(await invokeMain(channel, {}, { sender: page, senderFrame: page.childFrame() })).toEqual(refused);
      expect(await invokeMain(channel, {}, { sender: other, senderFrame: other.mainFrame })).toEqual(refused);
      expect(await invokeMain(channel, {}, { sender: page, senderFrame: null })).toEqual(refused);
    }
    expect(handlerTable.calls).toEqual([]);
  });

  it('answers a handler’s API error as it is, and anything else as internal', async () => {
    handlerTable.respond = () => {
      throw new ApiCallError({ code: 'not-found', message: 'no target with id "x"' });
    };
    expect(await invokeMain('api:capabilities.get', { targetId: 'x' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'no target with id "x"' },
    });
    handlerTable.respond = () => {
      throw new Error('disk on fire');
    };
    expect(await invokeMain('api:history.list', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'disk on fire' },
    });
  });
});

describe('file:save', () => {
  const report = { filename: 'report.md', mimeType: 'text/markdown', encoding: 'utf8', content: '# Report\n' };

  it('refuses a malformed payload before any dialog opens', async () => {
    shell.options.saveDialogAnswer = { canceled: false, filePath: join(tempDir('pe-shell-save-'), 'x') };
    const malformed = [
      undefined,
      null,
      'report.md',
      [],
      {},
      { ...report, filename: '' },
      { ...report, filename: 'x'.repeat(256) },
      { ...report, encoding: 'latin1' },
      { ...report, content: 42 },
      { ...report, mimeType: 'x'.repeat(101) },
      { ...report, path: '/etc/passwd' },
      { filename: 'report.md', encoding: 'utf8', content: '' },
    ];
    for (const payload of malformed)
      expect(await invokeMain('file:save', payload), JSON.stringify(payload)).toBe(false);
    expect(shell.saveDialogs).toEqual([]);
  });

  it('refuses a call from a frame inside the page or another window before any dialog opens', async () => {
    const page = shell.windows[0]!.webContents;
    const other = new BrowserWindow({}).webContents;
    shell.saveDialogs.length = 0;
    expect(await invokeMain('file:save', report, { senderFrame: page.childFrame() })).toBe(false);
    expect(await invokeMain('file:save', report, { sender: other, senderFrame: other.mainFrame })).toBe(false);
    expect(shell.saveDialogs).toEqual([]);
  });

  it('writes nothing when the user cancels the dialog', async () => {
    const dir = tempDir('pe-shell-save-');
    shell.options.saveDialogAnswer = { canceled: true, filePath: join(dir, 'report.md') };
    expect(await invokeMain('file:save', report)).toBe(false);
    expect(shell.saveDialogs.at(-1)).toEqual({ window: shell.windows[0], options: { defaultPath: 'report.md' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('replaces the chosen file atomically with exactly the bytes asked for', async () => {
    const dir = tempDir('pe-shell-save-');
    const file = join(dir, 'report.pdf');
    writeFileSync(file, 'the old report');
    // A second name for the old file's inode: an in-place write would change what it reads too.
    linkSync(file, join(dir, 'old-report.pdf'));
    const before = statSync(file).ino;
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x80, 0x0a]);
    shell.options.saveDialogAnswer = { canceled: false, filePath: file };
    const pdf = {
      filename: 'report.pdf',
      mimeType: 'application/pdf',
      encoding: 'base64',
      content: bytes.toString('base64'),
    };
    expect(await invokeMain('file:save', pdf)).toBe(true);
    expect(readFileSync(file)).toEqual(bytes);
    expect(statSync(file).ino).not.toBe(before);
    expect(readFileSync(join(dir, 'old-report.pdf'), 'utf8')).toBe('the old report');
    expect(readdirSync(dir).sort()).toEqual(['old-report.pdf', 'report.pdf']);
  });
});
