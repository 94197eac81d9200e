import { open, type FileHandle } from 'node:fs/promises';
import { MAX_FILE_BYTES, parseText, type Parsed } from '../../shared/files/parse.js';

const tooLarge = (limit: number) => `the input is over the ${limit / 1e6} MB limit; refused before parsing`;

/** Reads up to `limit` bytes from the handle, whatever its reported size. */
async function readAtMost(handle: FileHandle, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return Buffer.concat(chunks, total);
}

/** Reads a task, targets or fleet file as text: size checked before reading, UTF-8 checked, errors in words. */
export async function readTextFile(path: string, limit = MAX_FILE_BYTES): Promise<Parsed<string>> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: describeOpenError(err as NodeJS.ErrnoException) }] };
  }
  try {
    const stat = await handle.stat();
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
    const bytes = await readAtMost(handle, limit + 1);
    if (bytes.length > limit) return { ok: false, problems: [{ path: '', message: tooLarge(limit) }] };
    try {
      return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      return { ok: false, problems: [{ path: '', message: 'not UTF-8 text' }] };
    }
  } catch (err) {
    return { ok: false, problems: [{ path: '', message: describeOpenError(err as NodeJS.ErrnoException) }] };
  } finally {
    await handle.close();
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
