// The Electronegativity gate of `npm run lint` (scripts/electronegativity.mjs) on a small shell of its
// own: it fails on a finding of medium severity or above that no exception explains, on a file it
// could not read, on an exception without a reason or one that no longer matches anything.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../temp-dir.js';

const script = join(import.meta.dirname, '../../../scripts/electronegativity.mjs');

/** A shell that does what the checks ask, but for a window without `disableBlinkFeatures` (line 13). */
const shell = `import { app, BrowserWindow, session } from 'electron';

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
});
void app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': ["default-src 'self'"] } }),
  );
  // the finding:
  const win = new BrowserWindow({ webPreferences: { sandbox: true, contextIsolation: true } });
  void win.loadFile('index.html');
});
`;

const reason = 'The middle-click it guards against is refused by the window open handler above.';

/** Runs the gate over a tree of `files`, with `exceptions` as its exception file when given. */
async function gate(files: Record<string, string>, exceptions?: unknown) {
  const root = tempDir('pe-electronegativity-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  if (exceptions !== undefined)
    writeFileSync(join(root, '.electronegativity-exceptions.json'), JSON.stringify(exceptions));
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, '--root', root], {
      timeout: 30_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe('the Electronegativity gate', () => {
  it('fails on a medium finding no exception explains, and on a file it could not read, naming both', async () => {
    const { code, output } = await gate({ 'electron/main.ts': shell, 'electron/broken.ts': 'export const = ;\n' });
    expect(code).toBe(1);
    expect(output).toMatch(/AUXCLICK_JS_CHECK \(MEDIUM, FIRM\) electron\/main\.ts:13/);
    expect(output).toMatch(/not checked: electron\/broken\.ts/);
  });

  it('passes once the finding is explained, with a reason', async () => {
    const { code, output } = await gate({ 'electron/main.ts': shell }, [
      { check: 'AUXCLICK_JS_CHECK', file: 'electron/main.ts', reason },
    ]);
    expect(output).toMatch(/1 finding\(s\) of medium severity or above, 1 explained; 0 problem\(s\)/);
    expect(code).toBe(0);
  });

  it('fails on an exception that explains nothing found any more', async () => {
    const { code, output } = await gate({ 'electron/main.ts': shell }, [
      { check: 'AUXCLICK_JS_CHECK', file: 'electron/main.ts', reason },
      { check: 'PRELOAD_JS_CHECK', file: 'electron/main.ts', reason },
    ]);
    expect(code).toBe(1);
    expect(output).toMatch(/stale exception: PRELOAD_JS_CHECK in electron\/main\.ts/);
  });

  it('refuses an exception without a reason', async () => {
    const { code, output } = await gate({ 'electron/main.ts': shell }, [
      { check: 'AUXCLICK_JS_CHECK', file: 'electron/main.ts', reason: 'fine' },
    ]);
    expect(code).not.toBe(0);
    expect(output).toMatch(/entry 0: needs check, file and a reason/);
  });
});
