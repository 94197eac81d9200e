import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { LOG_FILE, MAX_BYTES, rotate } from './log-file.js';

export { LOG_FILE, MAX_BYTES, rotate } from './log-file.js';

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
