// A stand-in for the `electron` module (`vi.mock('electron', () => import('./electron-stand-in.js'))`):
// the Electron binary cannot run here, so the shell runs against this, which does nothing but record
// what it is asked to do and let a test fire what the shell registered, as Electron would.
import { EventEmitter } from 'node:events';

/** An Electron event as listeners get it: only `preventDefault` matters to the shell. */
export interface StandInEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function standInEvent(): StandInEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** A frame of a page: a window's main frame, or a frame inside it (`parent` set). */
export interface StandInFrame {
  name: string;
  parent: StandInFrame | null;
}

export type WindowOpenHandler = (details: { url: string; disposition: string }) => { action: 'allow' | 'deny' };

export class StandInWebContents extends EventEmitter {
  readonly mainFrame: StandInFrame;
  windowOpenHandler: WindowOpenHandler | undefined;
  readonly sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;

  constructor(readonly name: string) {
    super();
    this.mainFrame = { name: `${name} main frame`, parent: null };
  }

  /** A frame inside this page (an iframe). */
  childFrame(): StandInFrame {
    return { name: `${this.name} child frame`, parent: this.mainFrame };
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  async printToPDF(options: unknown): Promise<Buffer> {
    record.log.push(`printToPDF ${JSON.stringify(options)}`);
    return Buffer.from('%PDF-1.4 stand-in');
  }

  /** Fires a webContents event with a fresh event object; the object, to see what listeners did. */
  fire(name: string, ...args: unknown[]): StandInEvent {
    const event = standInEvent();
    this.emit(name, event, ...args);
    return event;
  }
}

export class BrowserWindow extends EventEmitter {
  static getAllWindows(): BrowserWindow[] {
    return record.windows.filter((w) => !w.destroyed);
  }

  static fromWebContents(contents: unknown): BrowserWindow | null {
    return record.windows.find((w) => w.webContents === contents) ?? null;
  }

  readonly webContents: StandInWebContents;
  loadedFile: string | undefined;
  loadedURL: string | undefined;
  shown = false;
  focusCount = 0;
  minimized = false;
  restoreCount = 0;
  destroyed = false;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    this.webContents = new StandInWebContents(`window ${record.windows.length}`);
    record.windows.push(this);
    record.log.push('new BrowserWindow');
    // As Electron does: every new page is announced before its creator gets it.
    app.emit('web-contents-created', standInEvent(), this.webContents);
  }

  async loadFile(path: string): Promise<void> {
    record.log.push(`loadFile ${path}`);
    this.loadedFile = path;
  }

  async loadURL(url: string): Promise<void> {
    record.log.push(`loadURL ${url}`);
    this.loadedURL = url;
  }

  show(): void {
    this.shown = true;
  }

  focus(): void {
    this.focusCount++;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.restoreCount++;
    this.minimized = false;
  }

  getBounds() {
    return { x: 0, y: 0, width: 1280, height: 800 };
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
  }
}

class StandInApp extends EventEmitter {
  requestSingleInstanceLock(): boolean {
    record.log.push('requestSingleInstanceLock');
    return record.options.singleInstanceLock;
  }

  quit(): void {
    record.log.push('quit');
    record.quitCount++;
  }

  whenReady(): Promise<void> {
    record.log.push('whenReady');
    return Promise.resolve();
  }

  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`stand-in: no path ${name}`);
    return record.options.userData;
  }

  /** Fires an app event with a fresh event object. */
  fire(name: string, ...args: unknown[]): StandInEvent {
    const event = standInEvent();
    this.emit(name, event, ...args);
    return event;
  }
}

export const app = new StandInApp();

/** What an IPC handler gets as its event: who sent the call. */
export interface StandInInvokeEvent {
  sender: StandInWebContents | null;
  senderFrame: StandInFrame | null;
}
export type IpcHandler = (event: StandInInvokeEvent, ...args: unknown[]) => Promise<unknown> | unknown;

export const ipcMain = {
  handle(channel: string, handler: IpcHandler): void {
    // Electron refuses a second handler for a channel: so does the stand-in.
    if (record.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    record.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    record.ipcHandlers.delete(channel);
  },
};

export type HeadersListener = (
  details: { url: string; resourceType: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { cancel?: boolean; responseHeaders?: Record<string, string[]> }) => void,
) => void;
export type PermissionRequestHandler = (
  contents: StandInWebContents,
  permission: string,
  callback: (granted: boolean) => void,
  details: { isMainFrame: boolean; requestingUrl: string },
) => void;
export type PermissionCheckHandler = (
  contents: StandInWebContents | null,
  permission: string,
  requestingOrigin: string,
  details: { isMainFrame: boolean; requestingUrl?: string },
) => boolean;

export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived(filterOrListener: unknown, maybeListener?: HeadersListener): void {
        const [filter, listener] =
          maybeListener === undefined ? [null, filterOrListener as HeadersListener] : [filterOrListener, maybeListener];
        record.log.push('onHeadersReceived');
        record.headerListeners.push({ filter, listener });
      },
    },
    setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
      record.log.push('setPermissionRequestHandler');
      record.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
      record.log.push('setPermissionCheckHandler');
      record.permissionCheckHandler = handler;
    },
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    record.errorBoxes.push({ title, content });
  },
  async showSaveDialog(window: unknown, options: { defaultPath?: string }) {
    record.saveDialogs.push({ window, options });
    return record.options.saveDialogAnswer;
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    record.openedExternally.push(url);
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    record.exposed.push({ key, api });
  },
};

class StandInIpcRenderer extends EventEmitter {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    record.rendererInvokes.push({ channel, args });
    return record.options.rendererInvoke(channel, ...args);
  }
}

export const ipcRenderer = new StandInIpcRenderer();

export interface StandInOptions {
  /** What `app.requestSingleInstanceLock()` answers: false when another instance runs. */
  singleInstanceLock: boolean;
  /** `app.getPath('userData')`. */
  userData: string;
  /** What the save dialog answers. */
  saveDialogAnswer: { canceled: boolean; filePath?: string };
  /** What main answers the preload's `ipcRenderer.invoke`: main's own handler, called from its page, by default. */
  rendererInvoke: (channel: string, ...args: unknown[]) => Promise<unknown>;
}

/** Calls the handler main registered for a channel as Electron would, from the main window's page by default. */
export async function invokeMain(
  channel: string,
  payload: unknown,
  from: Partial<StandInInvokeEvent> = {},
): Promise<unknown> {
  const handler = record.ipcHandlers.get(channel);
  if (handler === undefined) throw new Error(`stand-in: no handler for ${channel}`);
  const page = record.windows[0]?.webContents ?? null;
  return handler({ sender: page, senderFrame: page?.mainFrame ?? null, ...from }, payload);
}

function freshRecord(options: Partial<StandInOptions>) {
  return {
    options: {
      singleInstanceLock: true,
      userData: '/nonexistent/stand-in-user-data',
      saveDialogAnswer: { canceled: true },
      rendererInvoke: (channel: string, ...args: unknown[]) => invokeMain(channel, args[0]),
      ...options,
    } as StandInOptions,
    /** What was asked, in order (window creation, loads, handler registrations). */
    log: [] as string[],
    quitCount: 0,
    windows: [] as BrowserWindow[],
    ipcHandlers: new Map<string, IpcHandler>(),
    headerListeners: [] as { filter: unknown; listener: HeadersListener }[],
    permissionRequestHandler: undefined as PermissionRequestHandler | null | undefined,
    permissionCheckHandler: undefined as PermissionCheckHandler | null | undefined,
    errorBoxes: [] as { title: string; content: string }[],
    saveDialogs: [] as { window: unknown; options: { defaultPath?: string } }[],
    openedExternally: [] as string[],
    exposed: [] as { key: string; api: unknown }[],
    rendererInvokes: [] as { channel: string; args: unknown[] }[],
  };
}

/** Everything the code under test did to Electron since the last `resetStandIn`. */
export type StandInRecord = ReturnType<typeof freshRecord>;
let record: StandInRecord = freshRecord({});

/** Forgets what was recorded and every listener registered, for a fresh start of the code under test. */
export function resetStandIn(options: Partial<StandInOptions> = {}): StandInRecord {
  app.removeAllListeners();
  ipcRenderer.removeAllListeners();
  record = freshRecord(options);
  return record;
}
