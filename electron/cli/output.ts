import { safe } from './text.js';

/** Prints text on stdout, ending with one newline. */
export function write(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Problems that did not stop the command, one line each on stderr. */
export function warnAbout(lines: readonly string[]): void {
  for (const line of lines) process.stderr.write(`warning: ${safe(line)}\n`);
}
