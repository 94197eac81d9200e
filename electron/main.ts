// The Electron shell: a window over the same handler table that browser mode serves. Everything it
// calls is tested through the CLI and browser mode; this file only wires Electron to it.
import { app, BrowserWindow, ipcMain, session, type IpcMainInvokeEvent } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API, type ApiEventName } from '../shared/api/contract.js';
import { localOnly, placementOptions } from '../shared/schema/targets.js';
import { existsSync } from 'node:fs';
import { ApiCallError, CONFIG_FILE, createHandlers } from './api/handlers.js';
import { loadTargetsFile } from './config/load.js';
import { createLogger } from './logging/logger.js';
import { createMetrics } from './api/metrics.js';
import { writeFileAtomic } from './config/atomic-write.js';

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

async function start(): Promise<void> {
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
  const config = existsSync(saved) ? await loadTargetsFile(saved) : null;
  const handlers = await createHandlers({
    dataDir,
    targets: config?.targets ?? localOnly(),
    options: config?.placement ?? placementOptions.parse({}),
    metrics: createMetrics(),
    emit,
    log: createLogger(dataDir),
  });
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
