// A synchronous loop that never ends cannot be timed out in the test's own thread: it blocks the
// timers too. Functions that loop on their input run here in a worker thread, which is stopped (and
// the call failed) when it takes too long.
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

/** One module of the sources, bundled (esbuild, as the build does), called in a worker thread. */
export function boundedModule(entry: string) {
  const code = buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    logLevel: 'silent',
  }).outputFiles[0]!.text;
  const source = `
    const { parentPort } = require('node:worker_threads');
    const module = { exports: {} };
    (function (module, exports) { ${code} })(module, module.exports);
    parentPort.postMessage({ ok: true, value: 'ready' });
    parentPort.on('message', ({ name, args }) => {
      try {
        parentPort.postMessage({ ok: true, value: module.exports[name](...args) });
      } catch (err) {
        parentPort.postMessage({ ok: false, error: String((err && err.stack) || err) });
      }
    });`;
  let worker: Promise<Worker> | null = null;
  /** A worker with the module loaded (its start is not counted in a call's time). */
  const started = () =>
    new Promise<Worker>((resolve, reject) => {
      const w = new Worker(source, { eval: true });
      w.once('message', () => resolve(w));
      w.once('error', reject);
    });
  return {
    /** Calls the export `name`; rejects when it throws, or runs past `ms` (the worker is then stopped). */
    async call(name: string, args: unknown[], ms: number): Promise<unknown> {
      worker ??= started();
      const w = await worker;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          worker = null;
          void w.terminate();
          reject(new Error(`${name} ran past ${ms} ms: a loop that does not end?`));
        }, ms);
        w.once('message', (reply: Reply) => {
          clearTimeout(timer);
          if (reply.ok) resolve(reply.value);
          else reject(new Error(`${name} threw: ${reply.error}`));
        });
        w.postMessage({ name, args });
      });
    },
    close: async () => {
      await (await worker)?.terminate();
      worker = null;
    },
  };
}
