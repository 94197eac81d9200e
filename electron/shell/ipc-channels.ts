// The IPC end of the handler table: one channel per API method and `file:save` for reports. Only the
// app's own page may call, and every payload is parsed before it is used.
import type { BrowserWindow, Dialog, IpcMain, IpcMainInvokeEvent } from 'electron';
import * as z from 'zod';
import { API } from '../../shared/api/contract.js';
import { ApiCallError } from '../api/handlers.js';
import { writeFileAtomic } from '../config/atomic-write.js';

/** A document the renderer asks to save (a report): checked like every other IPC payload. */
const savedFile = z.strictObject({
  filename: z.string().min(1).max(255),
  mimeType: z.string().max(100),
  encoding: z.enum(['utf8', 'base64']),
  content: z.string(),
});

interface ChannelContext {
  ipcMain: IpcMain;
  dialog: Dialog;
  /** The app's window: only its main frame may call. */
  win: BrowserWindow;
  /** The handler table browser mode serves too; it parses each method's payload. */
  invoke: (method: string, payload: unknown) => Promise<unknown>;
}

/** Registers `api:<method>` for every method of the contract, and `file:save`. */
export function registerChannels({ ipcMain, dialog, win, invoke }: ChannelContext): void {
  // Only the app's own main frame may call: not another window, not a frame inside the page.
  const fromAppPage = (event: IpcMainInvokeEvent) =>
    event.senderFrame !== null && event.senderFrame === win.webContents.mainFrame;
  for (const method of Object.keys(API)) {
    ipcMain.handle(`api:${method}`, async (event, payload: unknown) => {
      if (!fromAppPage(event)) return { ok: false, error: { code: 'invalid-input', message: 'unknown sender' } };
      try {
        return { ok: true, value: await invoke(method, payload) };
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
    if (!fromAppPage(event) || !file.success) return false;
    const chosen = await dialog.showSaveDialog(win, { defaultPath: file.data.filename });
    if (chosen.canceled || chosen.filePath === undefined) return false;
    const bytes = Buffer.from(file.data.content, file.data.encoding === 'base64' ? 'base64' : 'utf8');
    await writeFileAtomic(chosen.filePath, bytes);
    return true;
  });
}
