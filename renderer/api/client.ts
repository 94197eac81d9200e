import type { ApiClient, ApiError, ApiEventName, ApiMethod } from '../../shared/api/contract';

/** A call the main process refused: the typed error of the contract (`invalid-input` and its issues, …). */
export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message ?? (error.issues?.map((i) => `${i.path}: ${i.message}`).join('; ') || error.code));
  }
}

/** The app's connection to the main process, whichever transport is underneath. */
export interface AppApi {
  client: ApiClient;
  /** Subscribes to an event; returns the unsubscribe function. */
  on(event: ApiEventName, callback: (payload: unknown) => void): () => void;
  transport: 'electron' | 'http';
  /**
   * Saves a document the user asked for: Electron's save dialog, or a download in browser mode.
   * Resolves false when the user cancelled the dialog.
   */
  save(file: SavedFile): Promise<boolean>;
  /**
   * Browser mode only: told when the connection to the server is up, down (no answer; the event
   * stream retries by itself) or closed (the server refused this page's token: it was restarted).
   */
  onConnection?(callback: (state: ConnectionState) => void): () => void;
}

export type ConnectionState = 'up' | 'down' | 'closed';

/** What a page should say when the server stopped answering; the calls' errors say it too. */
export const SERVER_GONE = 'No answer from the server: is placement-explorer serve still running?';
/** What a page should say when the server no longer knows its token. */
export const TOKEN_REFUSED =
  'The server refused this page’s token (it was restarted with a new one): open the URL it printed.';

/** A document to save: what `report.export` answers (text, or base64 for binary formats like PDF). */
export interface SavedFile {
  filename: string;
  mimeType: string;
  encoding: 'utf8' | 'base64';
  content: string;
}

/** What the Electron preload exposes on `window.placementExplorer`. */
type PreloadApi = Record<ApiMethod, (input: unknown) => Promise<unknown>> & {
  on(event: string, callback: (payload: unknown) => void): () => void;
  saveFile(file: SavedFile): Promise<boolean>;
};

declare global {
  interface Window {
    placementExplorer?: PreloadApi;
  }
}

/** Builds a client whose every method calls `call(method, input)`; no method is listed twice. */
function clientOf(call: (method: ApiMethod, input: unknown) => Promise<unknown>): ApiClient {
  return new Proxy({} as ApiClient, {
    get: (_target, method) => (input: unknown) => call(method as ApiMethod, input ?? {}),
  });
}

function electronApi(preload: PreloadApi): AppApi {
  return {
    transport: 'electron',
    client: clientOf(async (method, input) => {
      try {
        return await preload[method](input);
      } catch (err) {
        const api = (err as { api?: ApiError }).api;
        throw api ? new ApiFailure(api) : err;
      }
    }),
    on: (event, callback) => preload.on(event, callback),
    save: (file) => preload.saveFile(file),
  };
}

/** Browser mode: the document becomes a download (an object URL on a temporary link). */
export async function download(file: SavedFile, doc: Document = document): Promise<boolean> {
  const bytes = file.encoding === 'base64' ? Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0)) : file.content;
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return true;
}

/** The browser-mode token: from the URL on first load (then removed from it), else this tab's session. */
export function takeToken(location: Location, storage: Storage, history: History): string | null {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    storage.setItem('placement-explorer-token', fromUrl);
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
    return fromUrl;
  }
  return storage.getItem('placement-explorer-token');
}

export function httpApi(token: string | null): AppApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const watchers = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'up';
  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const cb of watchers) cb(next);
  };
  let source: EventSource | null = null;
  function ensureSource(): void {
    if (source !== null || token === null) return;
    const events = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
    events.onopen = () => setState('up');
    // EventSource retries a dropped stream by itself (CONNECTING); a refused one (401) it closes.
    events.onerror = () => setState(events.readyState === EventSource.CLOSED ? 'closed' : 'down');
    source = events;
  }
  return {
    transport: 'http',
    client: clientOf(async (method, input) => {
      if (token === null)
        throw new ApiFailure({
          code: 'invalid-input',
          message: 'no token: open the URL that `placement-explorer serve` printed (it ends in ?token=…)',
        });
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify(input),
        });
      } catch {
        // fetch rejects only when nothing answered: the server is gone, not the call refused.
        setState('down');
        throw new ApiFailure({ code: 'internal', message: SERVER_GONE });
      }
      if (response.status === 401) {
        setState('closed');
        throw new ApiFailure({ code: 'invalid-input', message: TOKEN_REFUSED });
      }
      setState('up');
      const body: unknown = await response.json().catch(() => ({ code: 'internal', message: response.statusText }));
      if (!response.ok) throw new ApiFailure(body as ApiError);
      return body;
    }),
    on(event, callback) {
      ensureSource();
      let set = listeners.get(event);
      if (set === undefined) {
        const fresh = new Set<(payload: unknown) => void>();
        listeners.set(event, fresh);
        source?.addEventListener(event, (e) => {
          const payload: unknown = JSON.parse((e as MessageEvent<string>).data);
          for (const cb of fresh) cb(payload);
        });
        set = fresh;
      }
      set.add(callback);
      return () => set.delete(callback);
    },
    save: (file) => download(file),
    onConnection(callback) {
      ensureSource();
      watchers.add(callback);
      return () => watchers.delete(callback);
    },
  };
}

/** The preload's API when running in Electron, HTTP with the page's token otherwise. */
export function connect(): AppApi {
  if (window.placementExplorer) return electronApi(window.placementExplorer);
  return httpApi(takeToken(window.location, window.sessionStorage, window.history));
}
