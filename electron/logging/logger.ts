import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { LOG_FILE, MAX_BYTES, rotate } from './log-file.js';

export { LOG_FILE, MAX_BYTES, rotate } from './log-file.js';

/**
 * Structured JSON-lines logs (pino) of every placement, discovery and error, in the data directory,
 * rotated by size when the process starts and every few hundred lines after. A data directory that
 * refuses the log (read-only, full, missing) when the app starts does not stop it: lines are dropped
 * until the file can be opened, which each line tries again.
 */
export function createLogger(dataDir: string, options: { maxBytes?: number } = {}): Logger {
  const path = join(dataDir, LOG_FILE);
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  let destination: ReturnType<typeof open> | null = null;
  try {
    mkdirSync(dataDir, { recursive: true });
    rotate(path, maxBytes);
  } catch {
    // the disk refuses: see above
  }
  let lines = 0;
  // Sync writes: a log line is on disk before the call that logged it returns (and no worker thread).
  const stream = {
    write(line: string) {
      destination ??= tryOpen(path);
      if (destination === null) return;
      destination.write(line);
      try {
        if (++lines % 200 === 0 && rotate(path, maxBytes)) destination = open(path);
      } catch {
        // a disk that refuses the rotation: keep writing where we are
      }
    },
  };
  return pino(
    { base: null, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
    stream,
  );
}

/**
 * The log file, written synchronously. A disk that refuses a line (full, read-only) must not fail the
 * call that logged it: the line is kept and written with the next one that the disk accepts.
 */
function tryOpen(path: string): ReturnType<typeof open> | null {
  try {
    return open(path);
  } catch {
    return null;
  }
}

function open(path: string) {
  const destination = pino.destination({ dest: path, sync: true, mkdir: true });
  destination.on('error', () => undefined);
  return destination;
}
