// What the shell lets its pages do (electron/main.ts, electron/shell/web-guards.ts), against the
// Electron stand-in: the CSP on every response, no navigation, no new window, no <webview>, no
// permission but the Copy buttons' clipboard write, and the windows' web preferences.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../temp-dir.js';
import {
  app,
  BrowserWindow,
  StandInWebContents,
  type HeadersListener,
  type StandInRecord,
} from './electron-stand-in.js';
import { handlerTable } from './handler-table-stand-in.js';
import { startMain } from './main-harness.js';

vi.mock('electron', () => import('./electron-stand-in.js'));
vi.mock('../../../electron/discovery/login-path.js', () => ({ loginShellPath: async () => process.env['PATH'] }));
vi.mock('../../../electron/api/handlers.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  createHandlers: (await import('./handler-table-stand-in.js')).fakeCreateHandlers,
}));

/** Every permission Electron's typings name for `setPermissionRequestHandler`, read from them. */
function electronPermissions(): string[] {
  const typings = readFileSync(createRequire(import.meta.url).resolve('electron/electron.d.ts'), 'utf8');
  const signature = /setPermissionRequestHandler\(handler: \(\(webContents: WebContents, permission: ([^,]+),/.exec(
    typings,
  );
  return [...(signature?.[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}
const permissions = electronPermissions();

let shell: StandInRecord;
let page: StandInWebContents;
beforeAll(async () => {
  shell = await startMain(() => import('../../../electron/main.js'), { userData: tempDir('pe-shell-guards-') });
  page = shell.windows[0]!.webContents;
});

describe('the Content-Security-Policy', () => {
  it('is set on every response of the session, from before the page loads', () => {
    expect(shell.headerListeners).toHaveLength(1);
    // No URL filter: every request of the default session passes through the listener.
    expect(shell.headerListeners[0]!.filter).toBeNull();
    const registered = shell.log.indexOf('onHeadersReceived');
    expect(registered).toBeGreaterThanOrEqual(0);
    expect(registered).toBeLessThan(shell.log.findIndex((line) => line.startsWith('loadFile ')));
  });

  it('replaces whatever a response says with the strict policy, keeping its other headers', () => {
    const { listener } = shell.headerListeners[0]!;
    const responses: Parameters<HeadersListener>[0][] = [
      { url: 'file:///app/renderer/index.html', resourceType: 'mainFrame' },
      { url: 'file:///app/renderer/assets/index.js', resourceType: 'script', responseHeaders: {} },
      {
        url: 'https://example.com/',
        resourceType: 'subFrame',
        responseHeaders: { 'Content-Security-Policy': ["default-src *; script-src * 'unsafe-eval'"], 'X-Other': ['1'] },
      },
    ];
    for (const details of responses) {
      const answers: { cancel?: boolean; responseHeaders?: Record<string, string[]> }[] = [];
      listener(details, (answer) => answers.push(answer));
      expect(answers, details.url).toHaveLength(1);
      expect(answers[0]!.cancel).toBeUndefined();
      expect(answers[0]!.responseHeaders).toEqual({
        ...details.responseHeaders,
        'Content-Security-Policy': [expect.any(String)],
      });
      const policy = answers[0]!.responseHeaders!['Content-Security-Policy']![0]!;
      const directives = Object.fromEntries(
        policy.split(';').map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name!, values.join(' ')];
        }),
      );
      expect(directives).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'connect-src': "'self'",
        'object-src': "'none'",
        'base-uri': "'none'",
        'frame-ancestors': "'none'",
      });
      expect(policy).not.toMatch(/unsafe-eval|\*/);
    }
  });
});

describe('navigation and new windows', () => {
  const urls = [
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'file:///app/renderer/index.html',
    'mailto:someone@example.com',
    'javascript:alert(1)',
  ];

  it('keeps the app’s page where it is: every navigation is prevented', () => {
    for (const url of urls) expect(page.fire('will-navigate', { url }).defaultPrevented, url).toBe(true);
  });

  it('opens no window and no link outside the app, not even an http(s) one the user clicked', () => {
    for (const url of urls)
      for (const disposition of ['new-window', 'foreground-tab', 'background-tab'])
        expect(page.windowOpenHandler?.({ url, disposition }), url).toEqual({ action: 'deny' });
    // The app links only to its own views: nothing is handed to the system's browser.
    expect(shell.openedExternally).toEqual([]);
  });

  it('attaches no <webview>', () => {
    expect(page.fire('will-attach-webview', {}, { src: 'https://example.com/' }).defaultPrevented).toBe(true);
  });

  it('guards every page created later as it guards the app’s own (devtools, a window made elsewhere)', () => {
    const later = new StandInWebContents('later');
    app.fire('web-contents-created', later);
    expect(later.fire('will-navigate', { url: 'https://example.com/' }).defaultPrevented).toBe(true);
    expect(later.windowOpenHandler?.({ url: 'https://example.com/', disposition: 'new-window' })).toEqual({
      action: 'deny',
    });
    expect(later.fire('will-attach-webview', {}, {}).defaultPrevented).toBe(true);
  });
});

describe('permissions', () => {
  it('are read from Electron’s typings, so a permission Electron adds is covered', () => {
    expect(permissions).toEqual(
      expect.arrayContaining(['media', 'notifications', 'openExternal', 'geolocation', 'clipboard-read', 'hid']),
    );
  });

  /** What the session's request handler answers: each request must be answered exactly once. */
  function requested(contents: StandInWebContents, permission: string, isMainFrame: boolean): boolean {
    const answers: boolean[] = [];
    shell.permissionRequestHandler!(contents, permission, (granted) => answers.push(granted), {
      isMainFrame,
      requestingUrl: 'file:///app/renderer/index.html',
    });
    expect(answers, permission).toHaveLength(1);
    return answers[0]!;
  }

  function checked(contents: StandInWebContents | null, permission: string, isMainFrame: boolean): boolean {
    return shell.permissionCheckHandler!(contents, permission, 'file://', { isMainFrame });
  }

  it('refuses every permission the app’s page asks for, but the clipboard write of its Copy buttons', () => {
    const granted = permissions.filter((p) => requested(page, p, true));
    expect(granted).toEqual(['clipboard-sanitized-write']);
    expect(permissions.filter((p) => checked(page, p, true))).toEqual(['clipboard-sanitized-write']);
  });

  it('refuses every permission, the clipboard write too, to a frame inside the page and to any other page', () => {
    const other = new BrowserWindow({}).webContents;
    for (const permission of permissions) {
      expect(requested(page, permission, false), permission).toBe(false);
      expect(requested(other, permission, true), permission).toBe(false);
      expect(checked(page, permission, false), permission).toBe(false);
      expect(checked(other, permission, true), permission).toBe(false);
      expect(checked(null, permission, true), permission).toBe(false);
    }
  });

  it('are guarded from before the page loads', () => {
    const loaded = shell.log.findIndex((line) => line.startsWith('loadFile '));
    expect(shell.log.indexOf('setPermissionRequestHandler')).toBeLessThan(loaded);
    expect(shell.log.indexOf('setPermissionCheckHandler')).toBeLessThan(loaded);
    expect(shell.log.indexOf('setPermissionRequestHandler')).toBeGreaterThanOrEqual(0);
    expect(shell.log.indexOf('setPermissionCheckHandler')).toBeGreaterThanOrEqual(0);
  });
});

describe('the windows', () => {
  it('opens the app’s page isolated and sandboxed, with the preload and nothing else', () => {
    const { webPreferences, show } = shell.windows[0]!.options as {
      webPreferences: Record<string, unknown>;
      show: boolean;
    };
    expect(show).toBe(false);
    expect(webPreferences).toEqual({
      preload: expect.stringMatching(/[\\/]preload\.cjs$/),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(shell.windows[0]!.loadedFile).toMatch(/[\\/]renderer[\\/]index\.html$/);
  });

  it('prints a report in a hidden window that runs no script, has no preload, and is guarded too', async () => {
    const before = shell.windows.length;
    const pdf = await handlerTable.context!.printPdf!('<h1>Report</h1>');
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.4 stand-in');
    const printer = shell.windows[before]!;
    expect(printer.options).toEqual({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
    });
    expect(printer.webContents.fire('will-navigate', { url: 'https://example.com/' }).defaultPrevented).toBe(true);
    expect(printer.webContents.windowOpenHandler?.({ url: 'https://example.com/', disposition: 'new-window' })).toEqual(
      { action: 'deny' },
    );
    // The window and its temporary page are gone once printed.
    expect(printer.destroyed).toBe(true);
    expect(existsSync(printer.loadedFile!)).toBe(false);
  });
});
