import { writeSync } from 'node:fs';
import { writeRefusal } from '../history/write-failure.js';
import { safe } from './text.js';

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Stdout refused a write. A reader that stops early (`| head`) is not an error: the command stops
 * writing, quietly. A file on a full disk, or a closed descriptor, is said in one line (exit 2, as a
 * history the disk refuses is); what has been recorded stays recorded.
 */
function refused(err: NodeJS.ErrnoException): never {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  const refusal = err.code === 'EBADF' ? { code: 'EBADF', why: 'it is closed' } : writeRefusal(err);
  if (refusal === undefined) throw err;
  process.stderr.write(`placement-explorer: cannot write to standard output: ${refusal.why} (${refusal.code})\n`);
  process.exit(2);
}

let listening = false;

/** `process.stdout`, for what streams its output (a report, the server's address); a refused write as `write`'s. */
export function stdout(): NodeJS.WriteStream {
  if (!listening) {
    listening = true;
    process.stdout.on('error', refused);
  }
  return process.stdout;
}

/**
 * Prints text on stdout, ending with one newline. Written to the descriptor at once, as Node writes
 * to a file or a pipe on Linux anyway: a one-shot command does not load Node's streams for its answer.
 */
export function write(text: string): void {
  const bytes = Buffer.from(text.endsWith('\n') ? text : `${text}\n`);
  for (let at = 0; at < bytes.length;) {
    try {
      at += writeSync(1, bytes, at);
    } catch (err) {
      // A pipe its reader left non-blocking is full: wait a moment for the reader.
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') Atomics.wait(PAUSE, 0, 0, 1);
      else refused(err as NodeJS.ErrnoException);
    }
  }
}

/** Problems that did not stop the command, one line each on stderr. */
export function warnAbout(lines: readonly string[]): void {
  for (const line of lines) process.stderr.write(`warning: ${safe(line)}\n`);
}
