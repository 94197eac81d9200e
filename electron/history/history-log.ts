import { createHash } from 'node:crypto';
import { mkdir, open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { HistoryRecord, PlacementInputs } from '../../shared/schema/history.js';
import type { PipelineResult, PlacementResult } from '../../shared/schema/result.js';
import { ENGINE_SEMANTICS } from '../../shared/engine/semantics.js';

/** The append-only log in the data directory: one JSON record per line. */
export const HISTORY_FILE = 'history.jsonl';

export type UnsignedRecord = Omit<HistoryRecord, 'checksum'>;

const CHECKSUM_FIELD = Buffer.from(',"checksum":"');
const CLOSE_BRACE = Buffer.from('}');

/**
 * CRC-32 (8 hex digits) of the record's JSON without its checksum: a torn or edited line no longer
 * matches. It guards against accidents (crashes, truncation, stray edits), not against tampering,
 * and checks a 100,000-record log in a fraction of the time SHA-256 took; lines written with
 * SHA-256 (64 hex digits) by earlier versions are still verified as such.
 */
export function checksumOf(record: UnsignedRecord): string {
  return hex8(crc32(JSON.stringify(record)));
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/**
 * A placement's two records: PlacementStarted with its inputs (and the engine's semantics version),
 * then its outcome with the result.
 * The summary (task name, strategy, chosen target) comes first in each line, before the bulky
 * inputs or result, so that the log can be listed without parsing them (see history-index.ts).
 */
export function placementRecords(
  requestId: string,
  at: string,
  inputs: PlacementInputs,
  result: PlacementResult | PipelineResult,
): UnsignedRecord[] {
  return [
    {
      event: 'PlacementStarted',
      requestId,
      at,
      taskName: 'task' in inputs.task ? inputs.task.task.name : inputs.task.pipeline.name,
      strategy: inputs.options.strategy,
      inputs: { ...inputs, engine: ENGINE_SEMANTICS },
    },
    {
      event: result.success ? 'PlacementCompleted' : 'PlacementFailed',
      requestId,
      at,
      selectedTarget: 'nodes' in result ? null : result.selectedTarget,
      result,
    },
  ];
}

/**
 * Appends records as whole lines in one write to a file opened for appending (so two processes never
 * interleave parts of lines), and flushes them to disk before returning. A torn last line left by a
 * crash is ended first, so it stays one unreadable line instead of swallowing the next record.
 * A write the disk refuses (full, read-only, failing) rejects, and whatever part of it reached the
 * file is taken back: the records are in the log and flushed, or not in it at all. Without
 * `createDir` the data directory must exist: a long-running app whose directory vanished reports it
 * rather than start a new history where a disk used to be mounted.
 */
export async function appendHistory(
  dataDir: string,
  records: readonly UnsignedRecord[],
  options: { createDir?: boolean } = {},
): Promise<void> {
  if (options.createDir !== false) await mkdir(dataDir, { recursive: true });
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
    const bytes = Buffer.from(prefix + lines);
    let written = 0;
    try {
      // A disk that fills up takes part of a write and refuses the rest on the next.
      while (written < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, written);
        if (bytesWritten === 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), NO_SPACE);
        written += bytesWritten;
      }
      await handle.sync();
    } catch (err) {
      await takeBack(handle, bytes.subarray(0, written));
      throw err;
    }
  } finally {
    await handle.close();
  }
}

const NO_SPACE = { code: 'ENOSPC', errno: -28, syscall: 'write' };

/**
 * Cuts a failed append's part off the end of the log, so that no torn line is left behind; only when
 * the log still ends with exactly those bytes (another process may have appended since). Cutting
 * frees space, so it works on a full disk; if it fails all the same, the next append ends the torn
 * line and readers skip it.
 */
async function takeBack(handle: FileHandle, part: Buffer): Promise<void> {
  if (part.length === 0) return;
  try {
    const { size } = await handle.stat();
    const tail = Buffer.alloc(part.length);
    const { bytesRead } = await handle.read(tail, 0, part.length, size - part.length);
    if (bytesRead === part.length && tail.equals(part)) await handle.truncate(size - part.length);
  } catch {
    // left as a torn line: see above
  }
}

/**
 * Verifies one line (`buf[start, end)`, without its newline) against its checksum. Returns where the
 * checksum field starts (the record's JSON is the text before it plus `}`), or -1 when it does not match.
 */
export function verifyLine(buf: Buffer, start: number, end: number): number {
  if (end - start < 2 || buf[end - 2] !== 0x22 || buf[end - 1] !== 0x7d) return -1;
  const at = buf.lastIndexOf(CHECKSUM_FIELD, end - 1);
  if (at < start) return -1;
  const claimed = buf.toString('latin1', at + CHECKSUM_FIELD.length, end - 2);
  const body = buf.subarray(start, at);
  if (claimed.length === 8) return Number.parseInt(claimed, 16) === crc32(CLOSE_BRACE, crc32(body)) ? at : -1;
  if (claimed.length === 64)
    return createHash('sha256').update(body).update(CLOSE_BRACE).digest('hex') === claimed ? at : -1;
  return -1;
}

/** Why a line that failed its check was skipped, in words (`torn` only for an unterminated last line). */
export function skipReason(buf: Buffer, start: number, end: number, unterminated: boolean): string {
  if (unterminated) return 'torn (an append cut short)';
  try {
    JSON.parse(buf.toString('utf8', start, end));
    return 'checksum does not match (corrupt or edited)';
  } catch {
    return 'not JSON';
  }
}

/**
 * Calls `good` for each verified line of `buf` and `bad` for each other non-empty one, numbering lines
 * from `firstLine`. The last line counts as torn when `buf` does not end with a newline. Returns the
 * number of the last line seen.
 */
export function scanLines(
  buf: Buffer,
  firstLine: number,
  good: (start: number, end: number, checksumAt: number) => void,
  bad: (line: number, reason: string) => void,
): number {
  let start = 0;
  let line = firstLine;
  while (start < buf.length) {
    const newline = buf.indexOf(0x0a, start);
    const end = newline < 0 ? buf.length : newline;
    if (end > start) {
      const at = verifyLine(buf, start, end);
      if (at < 0) bad(line, skipReason(buf, start, end, newline < 0));
      else good(start, end, at);
    }
    line++;
    start = end + 1;
  }
  return line - 1;
}

/** What reading the log found: the good records in order, and a warning per line it had to skip. */
export interface HistoryRead {
  records: HistoryRecord[];
  warnings: string[];
}

export const skipWarning = (line: number, reason: string) => `${HISTORY_FILE} line ${line}: ${reason}; skipped`;

/**
 * Reads every record of the log in full, verifying each line's checksum. A torn or corrupt line is
 * skipped and reported, never fatal; everything before and after it is kept. A missing log is an
 * empty history. (Listing placements does not need this: see history-index.ts.)
 */
export async function readHistory(dataDir: string): Promise<HistoryRead> {
  let buf: Buffer;
  try {
    buf = await readFile(join(dataDir, HISTORY_FILE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { records: [], warnings: [] };
    throw err;
  }
  const records: HistoryRecord[] = [];
  const warnings: string[] = [];
  scanLines(
    buf,
    1,
    (start, end) => records.push(JSON.parse(buf.toString('utf8', start, end)) as HistoryRecord),
    (line, reason) => warnings.push(skipWarning(line, reason)),
  );
  return { records, warnings };
}

/** The log's size in bytes, 0 when there is none. */
export async function historySize(dataDir: string): Promise<number> {
  return stat(join(dataDir, HISTORY_FILE)).then(
    (s) => s.size,
    () => 0,
  );
}
