import { execFile } from 'node:child_process';

/** Output past this is cut off and reported as too large. */
export const MAX_OUTPUT = 4 * 1024 * 1024;

/** How a bounded command ended. */
export interface CommandResult {
  /** Exit code; null when killed (timeout, signal) or not started. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Killed for running past the timeout. */
  timedOut: boolean;
  /** Killed for printing more than its limit (MAX_OUTPUT unless the caller set one). */
  tooLarge: boolean;
  /** The program could not be started (ENOENT, EACCES…), or null. */
  spawnError: string | null;
  /** Shorthand for spawnError !== null. */
  notStarted: boolean;
}

/**
 * Runs a program with an argument array (never a shell), a hard timeout (SIGKILL) and capped output,
 * with `input` on stdin. Never rejects: every outcome is described in the result.
 */
export function runCommand(
  file: string,
  args: readonly string[],
  timeoutMs: number,
  input?: string,
  options: {
    /** The program's environment (KUBECONFIG, SLURM_CONF, PATH…); this process's when absent. */
    env?: NodeJS.ProcessEnv | undefined;
    /** Output past this is cut off and reported as too large (default MAX_OUTPUT). */
    maxBytes?: number;
    /** Kills the program when aborted (a server shutting down while a probe runs). */
    signal?: AbortSignal;
  } = {},
): Promise<CommandResult> {
  const { env, maxBytes = MAX_OUTPUT, signal } = options;
  return new Promise((resolve) => {
    const child = execFile(
      file,
      [...args],
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: maxBytes,
        windowsHide: true,
        encoding: 'utf8',
        ...(env !== undefined && { env }),
        ...(signal !== undefined && { signal }),
      },
      (error, stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { killed?: boolean; signal?: NodeJS.Signals | null }) | null;
        const tooLarge = err?.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER';
        const spawnError = err !== null && typeof err.code === 'string' && !tooLarge ? err.code : null;
        resolve({
          code: err === null ? 0 : typeof err.code === 'number' ? err.code : null,
          signal: err?.signal ?? null,
          stdout: String(stdout),
          stderr: String(stderr),
          timedOut: err?.killed === true && !tooLarge && spawnError === null,
          tooLarge,
          spawnError,
          notStarted: spawnError !== null,
        });
      },
    );
    // A program may exit without reading its input (ssh refused, a tool that ignores stdin): EPIPE here
    // is expected, never fatal.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}
