// The Electron shell: a window over the same handler table that browser mode serves. Everything it
// calls is tested through the CLI and browser mode; this file only wires Electron to it.
import { app, BrowserWindow, dialog, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import * as z from 'zod';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API, type ApiEventName } from '../shared/api/contract.js';
import { localOnly, placementOptions } from '../shared/schema/targets.js';
import { existsSync } from 'node:fs';
import { ApiCallError, CONFIG_FILE, createHandlers } from './api/handlers.js';
import { InputError, loadTargetsFile } from './config/load.js';
import { loginShellPath } from './discovery/login-path.js';
import { createLogger } from './logging/logger.js';
import { createMetrics } from './api/metrics.js';
import { writeFileAtomic } from './config/atomic-write.js';
import type { PdfPrinter } from './report/pdf.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

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

/** A document the renderer asks to save (a report): checked like every other IPC payload. */
const savedFile = z.strictObject({
  filename: z.string().min(1).max(255),
  mimeType: z.string().max(100),
  encoding: z.enum(['utf8', 'base64']),
  content: z.string(),
});

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
  win.once('ready-to-show', () => win.show());
  win.on('close', () => void writeFileAtomic(boundsFile, JSON.stringify(win.getBounds())).catch(() => undefined));
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }),
  );

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
  // Only the app's own main frame may call: not another window, not a frame inside the page.
  const fromOwnFrame = (event: IpcMainInvokeEvent) =>
    event.senderFrame !== null && event.senderFrame === win.webContents.mainFrame;
  for (const method of Object.keys(API)) {
    ipcMain.handle(`api:${method}`, async (event, payload: unknown) => {
      if (!fromOwnFrame(event)) return { ok: false, error: { code: 'invalid-input', message: 'unknown sender' } };
      try {
        return { ok: true, value: await handlers.invoke(method, payload) };
      } catch (err) {
        return {
          ok: false,
          error: err instanceof ApiCallError ? err.error : { code: 'internal', message: (err as Error).message },
        };
      }
    });
  }
  // Saving a report: the native save dialog, then an atomic write of exactly the bytes asked for.
  ipcMain.handle('file:save', async (event, payload: unknown) => {
    const file = savedFile.safeParse(payload);
    if (!fromOwnFrame(event) || !file.success) return false;
    const chosen = await dialog.showSaveDialog(win, { defaultPath: file.data.filename });
    if (chosen.canceled || chosen.filePath === undefined) return false;
    const bytes = Buffer.from(file.data.content, file.data.encoding === 'base64' ? 'base64' : 'utf8');
    await writeFileAtomic(chosen.filePath, bytes);
    return true;
  });
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
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}
