import { execFileSync } from 'node:child_process';

/** Runs a command quietly; false when it fails (not root, no mount, a container that forbids it). */
export function sh(...args: string[]): boolean {
  try {
    execFileSync(args[0]!, args.slice(1), { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Unmounts `dir`, lazily when it is busy: a test never leaves a mount behind. */
export function unmount(dir: string): void {
  if (!sh('umount', dir)) sh('umount', '-l', dir);
}
