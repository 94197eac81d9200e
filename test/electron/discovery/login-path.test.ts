import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../temp-dir.js';
import { loginShellPath } from '../../../electron/discovery/login-path.js';

const savedShell = process.env['SHELL'];
afterEach(() => {
  if (savedShell === undefined) delete process.env['SHELL'];
  else process.env['SHELL'] = savedShell;
});

function fakeShell(body: string): string {
  const file = join(tempDir('pe-shell-'), 'shell');
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('loginShellPath', () => {
  it("reads the login shell's PATH, ignoring what the profile prints around it", async () => {
    process.env['SHELL'] = fakeShell('echo "welcome banner"; PATH=/opt/homebrew/bin:/usr/bin; shift; eval "$2"');
    expect(await loginShellPath('/usr/bin')).toBe('/opt/homebrew/bin:/usr/bin');
  });

  it('falls back when the shell fails or hangs', async () => {
    process.env['SHELL'] = fakeShell('exit 3');
    expect(await loginShellPath('/fallback')).toBe('/fallback');
    process.env['SHELL'] = fakeShell('sleep 30');
    const started = Date.now();
    expect(await loginShellPath('/fallback', 300)).toBe('/fallback');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('works with the real /bin/sh', async () => {
    process.env['SHELL'] = '/bin/sh';
    expect((await loginShellPath('')).split(':')).toContain('/usr/bin');
  });
});
