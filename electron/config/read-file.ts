import { close, fstat, open, read, type Stats } from 'node:fs';
import { MAX_FILE_BYTES, parseText, type Parsed } from '../../shared/files/parse.js';

const tooLarge = (limit: number) => `the input is over the ${limit / 1e6} MB limit; refused before parsing`;

// Node's callback API, as promises: `node:fs/promises` would load some forty more of Node's modules
// (streams, readline) into a one-shot CLI that reads two small files.
function promised<T>(run: (done: (err: NodeJS.ErrnoException | null, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((err, value) => (err ? reject(err) : resolve(value as T))));
}
const openFile = (path: string) => promised<number>((done) => open(path, 'r', done));
const statOf = (fd: number) => promised<Stats>((done) => fstat(fd, done));
const readInto = (fd: number, chunk: Buffer) =>
  promised<number>((done) => read(fd, chunk, 0, chunk.length, null, (err, bytesRead) => done(err, bytesRead)));
const closeFile = (fd: number) => promised<void>((done) => close(fd, done));

/** Reads up to `limit` bytes from the file, whatever its reported size. */
async function readAtMost(fd: number, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit - total));
    const bytesRead = await readInto(fd, chunk);
    if (bytesRead === 0) break;
    chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/** Reads a task, targets or fleet file as text: size checked before reading, UTF-8 checked, errors in words. */
export async function readTextFile(path: string, limit = MAX_FILE_BYTES): Promise<Parsed<string>> {
  let fd: number;
  try {
    fd = await openFile(path);
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: describeOpenError(err as NodeJS.ErrnoException) }] };
  }
  try {
    const stat = await statOf(fd);
    if (stat.isDirectory()) return { ok: false, problems: [{ path: '', message: 'is a directory, not a file' }] };
    if (stat.size > limit) {
      const mb = (stat.size / 1e6).toFixed(1);
      return {
        ok: false,
        problems: [
          {
            path: '',
            message: `the file is ${mb} MB, over the ${limit / 1e6} MB limit; refused before parsing`,
          },
        ],
      };
    }
    // Read at most one byte past the limit: a pipe or a device (/dev/zero) reports size 0 and never ends.
    const bytes = await readAtMost(fd, limit + 1);
    if (bytes.length > limit) return { ok: false, problems: [{ path: '', message: tooLarge(limit) }] };
    try {
      return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      return { ok: false, problems: [{ path: '', message: 'not UTF-8 text' }] };
    }
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: describeOpenError(err as NodeJS.ErrnoException) }] };
  } finally {
    await closeFile(fd);
  }
}

function describeOpenError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return `cannot read the file (${err.code ?? err.message})`;
  }
}

/** Reads and parses a YAML or JSON file into plain data. */
export async function readDataFile(path: string, limit = MAX_FILE_BYTES): Promise<Parsed<unknown>> {
  const text = await readTextFile(path, limit);
  return text.ok ? parseText(text.value, path) : text;
}
