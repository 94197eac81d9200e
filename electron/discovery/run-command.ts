import { execFile } from 'node:child_process';

/** How a bounded command ended. */
export interface CommandResult {
  /** Exit code; null when killed (timeout) or not started. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** The process could not be started (not found, not executable). */
  notStarted: boolean;
}

/**
 * Runs a program with an argument array (never a shell), a hard timeout and capped output. Never
 * rejects: every outcome is described in the result.
 */
export function runCommand(
  file: string,
  args: readonly string[],
  timeoutMs: number,
  input?: string,
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      [...args],
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024, windowsHide: true, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
        const notStarted =
          err !== null && typeof err.code === 'string' && err.code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER';
        resolve({
          code: err === null ? 0 : typeof err.code === 'number' ? err.code : null,
          stdout: String(stdout),
          stderr: String(stderr),
          timedOut: err !== null && err.killed === true && !notStarted,
          notStarted,
        });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}
