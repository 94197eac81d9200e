import os from 'node:os';
import { runCommand } from './run-command.js';

const MARK = '__PLACEMENT_EXPLORER_PATH__';

/**
 * The PATH the user's login shell sets up. An app started from a desktop launcher inherits a minimal
 * PATH (no Homebrew, pyenv, cargo…), so tools the user has would look absent. Asked once, with a fixed
 * command and a timeout; falls back to `fallback` when the shell fails, hangs or prints nothing usable.
 */
export async function loginShellPath(fallback = process.env['PATH'] ?? '', timeoutMs = 3000): Promise<string> {
  if (os.platform() === 'win32') return fallback;
  const shell = process.env['SHELL'] || '/bin/sh';
  // The markers keep whatever the profile prints apart from the PATH itself.
  const r = await runCommand(shell, ['-l', '-c', `printf '%s%s%s' ${MARK} "$PATH" ${MARK}`], timeoutMs);
  const m = new RegExp(`${MARK}(.*?)${MARK}`, 's').exec(r.stdout);
  const path = m?.[1]?.trim();
  return r.code === 0 && path ? path : fallback;
}
