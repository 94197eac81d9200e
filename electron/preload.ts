// Exposes the typed API to the renderer and nothing else: one function per method, and event
// subscriptions that hand the callback the payload only (never the IPC event).
import { contextBridge, ipcRenderer } from 'electron';
import { API, API_EVENTS } from '../shared/api/contract.js';

const client: Record<string, (input: unknown) => Promise<unknown>> = {};
for (const method of Object.keys(API)) {
  client[method] = async (input: unknown) => {
    const reply = (await ipcRenderer.invoke(`api:${method}`, input)) as {
      ok: boolean;
      value?: unknown;
      error?: unknown;
    };
    if (!reply.ok) throw Object.assign(new Error('api error'), { api: reply.error });
    return reply.value;
  };
}

contextBridge.exposeInMainWorld('placementExplorer', {
  ...client,
  /** Shows the save dialog for a report and writes it; false when the user cancelled. */
  saveFile: (file: unknown) => ipcRenderer.invoke('file:save', file) as Promise<boolean>,
  on(event: string, callback: (payload: unknown) => void): () => void {
    if (!(API_EVENTS as readonly string[]).includes(event)) throw new Error(`unknown event ${event}`);
    const listener = (_e: unknown, payload: unknown) => callback(payload);
    ipcRenderer.on(`event:${event}`, listener);
    return () => ipcRenderer.removeListener(`event:${event}`, listener);
  },
});
