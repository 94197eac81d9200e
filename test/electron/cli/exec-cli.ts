import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/placement-explorer.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Fails early, and clearly, when the CLI has not been built (`npm test` builds it first). */
export function assertBuilt(): void {
  if (!existsSync(join(ROOT, 'dist/cli.cjs'))) throw new Error('dist/cli.cjs is missing: run `npm run build` first');
}

/** Runs the real built CLI with an argument array (no shell), from the repo root. */
export function cli(...args: string[]): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, timeout: 15_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** A fresh directory for this test file's inputs. */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'pe-cli-'));
}

/** Writes `text` to `dir/name` and returns the path. */
export function put(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** True when the text looks like a stack trace rather than a message for a person. */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+\(.*:\d+:\d+\)/.test(text) || /^\s+at /m.test(text);
}
