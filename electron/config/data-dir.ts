import os from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the app keeps its data: `--data-dir` when given, else `$XDG_DATA_HOME/placement-explorer`,
 * else `~/.local/share/placement-explorer` (Electron passes its userData instead).
 */
export function resolveDataDir(flag?: string): string {
  if (flag !== undefined && flag !== '') return resolve(flag);
  const xdg = process.env['XDG_DATA_HOME'];
  return join(xdg !== undefined && xdg !== '' ? xdg : join(os.homedir(), '.local', 'share'), 'placement-explorer');
}
