import { writeSync } from 'node:fs';
import { safe } from './text.js';

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/** A reader that stops early (`| head`) is not an error: the command stops writing, quietly. */
function stopQuietly(err: NodeJS.ErrnoException): void {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
}

let listening = false;

/** `process.stdout`, for what streams its output (a report, the server's address); EPIPE ends quietly. */
export function stdout(): NodeJS.WriteStream {
  if (!listening) {
    listening = true;
    process.stdout.on('error', stopQuietly);
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
      else stopQuietly(err as NodeJS.ErrnoException);
    }
  }
}

/** Problems that did not stop the command, one line each on stderr. */
export function warnAbout(lines: readonly string[]): void {
  for (const line of lines) process.stderr.write(`warning: ${safe(line)}\n`);
}
