import { renameSync, rmSync, statSync } from 'node:fs';

// No pino here: the CLI's `place` writes its one log line through this module without loading it.

/** The log file in the data directory, and how large it may grow before it is rotated. */
export const LOG_FILE = 'placement-explorer.log';
export const MAX_BYTES = 10_000_000;
const KEEP = 3;

/** `log` → `log.1` → `log.2` …: the oldest beyond KEEP is dropped. */
export function rotate(path: string, maxBytes = MAX_BYTES, keep = KEEP): boolean {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return false;
  }
  if (size < maxBytes) return false;
  rmSync(`${path}.${keep}`, { force: true });
  for (let i = keep - 1; i >= 1; i--) {
    try {
      renameSync(`${path}.${i}`, `${path}.${i + 1}`);
    } catch {
      // that generation does not exist yet
    }
  }
  renameSync(path, `${path}.1`);
  return true;
}
