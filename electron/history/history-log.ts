import { createHash } from 'node:crypto';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HistoryRecord } from '../../shared/schema/history.js';

/** The append-only log in the data directory: one JSON record per line. */
export const HISTORY_FILE = 'history.jsonl';

export type UnsignedRecord = Omit<HistoryRecord, 'checksum'>;

const CHECKSUM_FIELD = ',"checksum":"';

/** sha256 of the record's JSON without its checksum: a torn or edited line no longer matches. */
export function checksumOf(record: UnsignedRecord): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex');
}

/**
 * Appends records as whole lines in one write to a file opened for appending (so two processes never
 * interleave parts of lines), and flushes them to disk before returning. A torn last line left by a
 * crash is ended first, so it stays one unreadable line instead of swallowing the next record.
 */
export async function appendHistory(dataDir: string, records: readonly UnsignedRecord[]): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, HISTORY_FILE);
  const handle = await open(path, 'a+', 0o600);
  try {
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    const lines = records.map((r) => `${JSON.stringify({ ...r, checksum: checksumOf(r) })}\n`).join('');
    await handle.write(prefix + lines);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** What reading the log found: the good records in order, and a warning per line it had to skip. */
export interface HistoryRead {
  records: HistoryRecord[];
  warnings: string[];
}

/**
 * Reads the log, verifying each line's checksum. A torn or corrupt line is skipped and reported,
 * never fatal; everything before and after it is kept. A missing log is an empty history.
 */
export async function readHistory(dataDir: string): Promise<HistoryRead> {
  const path = join(dataDir, HISTORY_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], warnings: [] };
    throw err;
  }
  const records: HistoryRecord[] = [];
  const warnings: string[] = [];
  const lines = text.split('\n');
  const last = lines.length - 1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const where = `${HISTORY_FILE} line ${i + 1}`;
    // The checksum covers the record's JSON as written, which is the line up to its checksum field:
    // verify that text directly instead of re-serialising the parsed record.
    const at = line.lastIndexOf(CHECKSUM_FIELD);
    const claimed = at < 0 ? '' : line.slice(at + CHECKSUM_FIELD.length, -2);
    if (
      at < 0 ||
      !line.endsWith('"}') ||
      createHash('sha256')
        .update(`${line.slice(0, at)}}`)
        .digest('hex') !== claimed
    ) {
      let json = true;
      try {
        JSON.parse(line);
      } catch {
        json = false;
      }
      warnings.push(
        `${where}: ${json ? 'checksum does not match (corrupt or edited)' : i === last ? 'torn (an append cut short)' : 'not JSON'}; skipped`,
      );
      continue;
    }
    let record: HistoryRecord;
    try {
      record = JSON.parse(line) as HistoryRecord;
    } catch {
      warnings.push(`${where}: not JSON; skipped`);
      continue;
    }
    records.push(record);
  }
  return { records, warnings };
}

/** The log's size in bytes, 0 when there is none. */
export async function historySize(dataDir: string): Promise<number> {
  return stat(join(dataDir, HISTORY_FILE)).then(
    (s) => s.size,
    () => 0,
  );
}
