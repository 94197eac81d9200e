import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';

/** The log file in the data directory, and how large it may grow before it is rotated. */
export const LOG_FILE = 'placement-explorer.log';
const MAX_BYTES = 10_000_000;
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

/**
 * Structured JSON-lines logs (pino) of every placement, discovery and error, in the data directory,
 * rotated by size when the process starts and every few hundred lines after.
 */
export function createLogger(dataDir: string, options: { maxBytes?: number } = {}): Logger {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOG_FILE);
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  rotate(path, maxBytes);
  let destination = pino.destination({ dest: path, sync: true, mkdir: true });
  let lines = 0;
  // Sync writes: a log line is on disk before the call that logged it returns (and no worker thread).
  const stream = {
    write(line: string) {
      destination.write(line);
      if (++lines % 200 === 0 && rotate(path, maxBytes))
        destination = pino.destination({ dest: path, sync: true, mkdir: true });
    },
  };
  return pino(
    { base: null, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
    stream,
  );
}
