// The Electron shell: a window over the same handler table that browser mode serves. Everything it
// calls is tested through the CLI and browser mode; this file only wires Electron to it, and the
// wiring is tested against a stand-in Electron (test/electron/shell).
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiEventName } from '../shared/api/contract.js';
import { localOnly, placementOptions } from '../shared/schema/targets.js';
import { existsSync } from 'node:fs';
import { CONFIG_FILE, createHandlers } from './api/handlers.js';
import { InputError, loadTargetsFile } from './config/load.js';
import { loginShellPath } from './discovery/login-path.js';
import { createLogger } from './logging/logger.js';
import { createMetrics } from './api/metrics.js';
import { writeFileAtomic } from './config/atomic-write.js';
import type { PdfPrinter } from './report/pdf.js';
import { registerChannels } from './shell/ipc-channels.js';
import { guardContents, guardSession } from './shell/web-guards.js';

interface Bounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

async function savedBounds(file: string): Promise<Bounds> {
  try {
    const b = JSON.parse(await readFile(file, 'utf8')) as Bounds;
    if (Number.isFinite(b.width) && Number.isFinite(b.height)) return b;
  } catch {
    // first start, or an unreadable file: the default size
  }
  return { width: 1280, height: 800 };
}

/**
 * The saved targets, validated like any targets file. An invalid file is not fatal and not
 * overwritten: the user is told which file and path are wrong, and the app starts with this machine.
 */
async function loadSavedTargets(file: string) {
  if (!existsSync(file)) return null;
  try {
    return await loadTargetsFile(file);
  } catch (err) {
    const lines = err instanceof InputError ? err.lines : [(err as Error).message];
    dialog.showErrorBox(
      'Saved targets could not be loaded',
      `${lines.join('\n')}\n\nThe app starts with this machine alone. Fix the file, or save targets from the app to replace it.`,
    );
    return null;
  }
}

/**
 * Prints a report's HTML with Electron's own Chromium: a hidden window that runs no script and has no
 * preload loads the page from a private temporary file (a data: URL is capped at 2 MB, and a long
 * history's report is larger), prints it, and window and file are removed whatever happens.
 */
const printPdfWithElectron: PdfPrinter = async (html) => {
  const dir = await mkdtemp(join(tmpdir(), 'placement-explorer-report-'));
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  try {
    const file = join(dir, 'report.html');
    await writeFile(file, html, { mode: 0o600 });
    await win.loadFile(file);
    return new Uint8Array(await win.webContents.printToPDF({ printBackground: true, pageSize: 'A4' }));
  } finally {
    win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
};

/** The app's window, once created: the one a second instance brings to the front. */
let mainWindow: BrowserWindow | undefined;

async function start(): Promise<void> {
  // Started from a desktop launcher, the app inherits a minimal PATH: use the login shell's, so that
  // the tools the user has are found (the shell is asked once, with a timeout).
  process.env['PATH'] = await loginShellPath();
  const dataDir = app.getPath('userData');
  const boundsFile = join(dataDir, 'window.json');
  const win = new BrowserWindow({
    ...(await savedBounds(boundsFile)),
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('close', () => void writeFileAtomic(boundsFile, JSON.stringify(win.getBounds())).catch(() => undefined));
  guardSession(session.defaultSession, (contents, isMainFrame) => isMainFrame && contents === win.webContents);

  const emit = (event: ApiEventName, payload: unknown) => {
    if (!win.isDestroyed()) win.webContents.send(`event:${event}`, payload);
  };
  // The targets saved from the app, validated like any targets file; this machine alone otherwise.
  const saved = join(dataDir, CONFIG_FILE);
  const config = await loadSavedTargets(saved);
  const handlers = await createHandlers({
    dataDir,
    targets: config?.targets ?? localOnly(),
    options: config?.placement ?? placementOptions.parse({}),
    metrics: createMetrics(),
    emit,
    log: createLogger(dataDir),
    printPdf: printPdfWithElectron,
  });
  // Quitting stops the background probe retries and source refreshes and flushes what they keep.
  app.once('before-quit', () => void handlers.close());
  registerChannels({ ipcMain, dialog, win, invoke: (method, payload) => handlers.invoke(method, payload) });
  await win
    .loadFile(join(import.meta.dirname, '../renderer/index.html'))
    .catch(() =>
      win.loadURL(
        `data:text/html,${encodeURIComponent('<h1>Placement Explorer</h1><p>The renderer is not built yet.</p>')}`,
      ),
    );
}

if (!app.requestSingleInstanceLock()) app.quit();
else {
  // Every page the app ever shows (its window, the hidden one that prints reports) stays where it is.
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('second-instance', () => {
    if (mainWindow === undefined || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}
