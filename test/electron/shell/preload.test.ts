// The preload (electron/preload.ts) against the Electron stand-in: it exposes the typed client and
// nothing else, each method on its own channel, events handed over as their payload only; and, with
// main.ts started beside it, its channels are the ones main answers.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API, API_EVENTS } from '../../../shared/api/contract.js';
import { tempDir } from '../../temp-dir.js';
import { ipcRenderer, standInEvent, type StandInRecord } from './electron-stand-in.js';
import { handlerTable } from './handler-table-stand-in.js';
import { startMain } from './main-harness.js';

vi.mock('electron', () => import('./electron-stand-in.js'));
vi.mock('../../../electron/discovery/login-path.js', () => ({ loginShellPath: async () => process.env['PATH'] }));
vi.mock('../../../electron/api/handlers.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  createHandlers: (await import('./handler-table-stand-in.js')).fakeCreateHandlers,
}));

type Exposed = Record<string, (...args: unknown[]) => unknown>;
const methods = Object.keys(API);

let shell: StandInRecord;
let client: Exposed;
beforeAll(async () => {
  shell = await startMain(() => import('../../../electron/main.js'), { userData: tempDir('pe-shell-preload-') });
  await import('../../../electron/preload.js');
  client = shell.exposed[0]!.api as Exposed;
});

/** Runs `body` with the preload's `ipcRenderer.invoke` answered by `answer` instead of main. */
async function answeredBy(answer: (channel: string, ...args: unknown[]) => unknown, body: () => Promise<void>) {
  const main = shell.options.rendererInvoke;
  shell.options.rendererInvoke = async (channel, ...args) => answer(channel, ...args);
  shell.rendererInvokes.length = 0;
  try {
    await body();
  } finally {
    shell.options.rendererInvoke = main;
  }
}

describe('what the preload exposes', () => {
  it('is one object, the typed client: a function per API method, saveFile and on, nothing else', () => {
    expect(shell.exposed.map((e) => e.key)).toEqual(['placementExplorer']);
    expect(Object.keys(client).sort()).toEqual([...methods, 'on', 'saveFile'].sort());
    for (const [name, value] of Object.entries(client)) expect(typeof value, name).toBe('function');
    expect(Object.values(client)).not.toContain(ipcRenderer);
  });

  it('calls each method on its own channel with the input, and answers the value', async () => {
    await answeredBy(
      (channel, input) => ({ ok: true, value: { channel, input } }),
      async () => {
        for (const method of methods)
          expect(await client[method]!({ probe: method })).toEqual({
            channel: `api:${method}`,
            input: { probe: method },
          });
        expect(shell.rendererInvokes).toEqual(methods.map((m) => ({ channel: `api:${m}`, args: [{ probe: m }] })));
      },
    );
  });

  it('throws an API error as an error carrying it', async () => {
    const error = { code: 'not-found', message: 'no target with id "x"' };
    await answeredBy(
      () => ({ ok: false, error }),
      async () => {
        await expect(client['capabilities.get']!({ targetId: 'x' })).rejects.toMatchObject({ api: error });
      },
    );
  });

  it('saves a file through file:save, answering whether it was saved', async () => {
    const file = { filename: 'r.md', mimeType: 'text/markdown', encoding: 'utf8', content: '#' };
    await answeredBy(
      () => true,
      async () => {
        expect(await client['saveFile']!(file)).toBe(true);
        expect(shell.rendererInvokes).toEqual([{ channel: 'file:save', args: [file] }]);
      },
    );
  });

  it('hands an event’s listener the payload only, never the IPC event, until unsubscribed', () => {
    for (const event of API_EVENTS) {
      const heard: unknown[][] = [];
      const unsubscribe = client['on']!(event, (...args: unknown[]) => heard.push(args)) as () => void;
      ipcRenderer.emit(`event:${event}`, { ...standInEvent(), sender: ipcRenderer, ports: [] }, { targetId: 'x' });
      expect(heard, event).toEqual([[{ targetId: 'x' }]]);
      unsubscribe();
      expect(ipcRenderer.listenerCount(`event:${event}`), event).toBe(0);
    }
  });

  it('refuses to listen to anything but the API’s events', () => {
    for (const name of ['event:placement.completed', 'file:save', 'api:targets.list', 'message', '__proto__'])
      expect(() => client['on']!(name, () => undefined), name).toThrow(/unknown event/);
    expect(ipcRenderer.eventNames()).toEqual([]);
  });
});

describe('the preload and main together', () => {
  it('call on the channels main answers: each method reaches its handler, saveFile reaches file:save', async () => {
    handlerTable.calls = [];
    for (const method of methods) expect(await client[method]!({})).toEqual({ method, payload: {} });
    expect(handlerTable.calls.map((c) => c.method)).toEqual(methods);
    shell.options.saveDialogAnswer = { canceled: true };
    expect(
      await client['saveFile']!({ filename: 'r.md', mimeType: 'text/markdown', encoding: 'utf8', content: '' }),
    ).toBe(false);
    expect(shell.saveDialogs).toHaveLength(1);
  });
});
