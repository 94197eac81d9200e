// `npm start`: the desktop app when Electron's binary can be had; otherwise, saying why in one line,
// browser mode on this machine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The Electron executable, fetching it once if it is not there yet; null (with why) when it cannot be had. */
function electronBinary() {
  const pkg = dirname(require.resolve('electron/package.json'));
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH)
    return { path: join(process.env.ELECTRON_OVERRIDE_DIST_PATH, 'electron') };
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    const fetched = spawnSync(process.execPath, [join(pkg, 'install.js')], {
      stdio: 'pipe',
      timeout: 120_000,
      encoding: 'utf8',
    });
    if (fetched.status !== 0 || !existsSync(pathFile)) {
      const why =
        `${fetched.stderr ?? ''}${fetched.stdout ?? ''}`
          .split('\n')
          .find((l) => /error|fail/i.test(l))
          ?.trim() ?? 'download failed';
      return { why: `the Electron binary is not installed and could not be downloaded (${why.slice(0, 120)})` };
    }
  }
  const path = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { why: `the Electron binary is missing at ${path}` };
}

const electron = electronBinary();
if (electron.path) {
  const child = spawn(electron.path, ['.'], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  process.stderr.write(`placement-explorer: ${electron.why}; starting browser mode instead.\n`);
  const child = spawn(process.execPath, ['bin/placement-explorer.cjs', 'serve', ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}
