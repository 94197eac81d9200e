import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandResult } from '../../../electron/discovery/run-command.js';

/**
 * Helpers for the discovery normalisation tests: every fixture is a folder of real files under
 * test/fixtures/discovery/<machine>/ (see each folder's README.md for where its formats come from).
 */

export const FIXTURES = fileURLToPath(new URL('../../fixtures/discovery/', import.meta.url));

export type Machine =
  | 'h100'
  | 'nvidia-workstation'
  | 'multi-gpu-server'
  | 'amd-box'
  | 'apple-silicon-mac'
  | 'windows-laptop'
  | 'cgroup-v2-container'
  | 'cgroup-v1-container';

/** The fixture folder of a machine: also the root its `proc/` and `sys/` trees hang from. */
export function fixtureRoot(machine: Machine): string {
  return join(FIXTURES, machine);
}

/** A fixture file's bytes as text, untouched (line ends and trailing newlines kept). */
export function fixture(machine: Machine, file: string): string {
  return readFileSync(join(fixtureRoot(machine), file), 'utf8');
}

export function hasFixture(machine: Machine, file: string): boolean {
  return existsSync(join(fixtureRoot(machine), file));
}

/** A recorded exit code (`*.rc`), 0 when the recording has none. */
export function exitCode(machine: Machine, name: string): number {
  return hasFixture(machine, `${name}.rc`) ? Number(fixture(machine, `${name}.rc`).trim()) : 0;
}

/** `nproc` / `nproc --all` output → a number. */
export function nproc(machine: Machine, all = false): number {
  return Number(fixture(machine, all ? 'nproc-all.stdout' : 'nproc.stdout').trim());
}

/** `grep -m1 'model name' /proc/cpuinfo` → the model, as `os.cpus()[0].model` reports it on Linux. */
export function cpuinfoModel(machine: Machine): string {
  return fixture(machine, 'cpuinfo-model.stdout')
    .replace(/^model name\s*:\s*/, '')
    .trim();
}

/** `sysctl hw.memsize` (`hw.memsize: 34359738368`) → bytes, what `os.totalmem()` returns on macOS. */
export function sysctlMemsize(text: string): number {
  const m = /^hw\.memsize:\s*(\d+)\s*$/m.exec(text);
  if (!m) throw new Error(`not sysctl hw.memsize output: ${JSON.stringify(text)}`);
  return Number(m[1]);
}

/** `df -kP DIR`: the Available column (1024-byte blocks) of its one data line → bytes. */
export function dfAvailableBytes(text: string): number {
  const line = text.trim().split('\n')[1]!;
  return Number(line.trim().split(/\s+/)[3]) * 1024;
}

const UNAME_ARCH: Record<string, string> = { x86_64: 'x64', aarch64: 'arm64', arm64: 'arm64' };
const UNAME_OS: Record<string, string> = { Linux: 'linux', Darwin: 'darwin' };

/**
 * `process.platform` and `process.arch` of the machine: from `node -p "process.platform + ' ' +
 * process.arch"` where Node ran there, else from `uname -srm` (the h100 had no Node).
 */
export function nodeProcess(machine: Machine): { platform: string; arch: string } {
  if (hasFixture(machine, 'node-process.stdout')) {
    const [platform, arch] = fixture(machine, 'node-process.stdout').trim().split(/\s+/);
    return { platform: platform!, arch: arch! };
  }
  const [kernel, , machineName] = fixture(machine, 'uname.stdout').trim().split(/\s+/);
  return { platform: UNAME_OS[kernel!] ?? kernel!, arch: UNAME_ARCH[machineName!] ?? machineName! };
}

/**
 * The h100 recording keeps what `cat` printed for each cgroup file (and its exit code), not a tree:
 * lay those outputs out as the files they came from under a temporary root, leaving out the ones
 * `cat` could not read, so that readCgroupLimits(root) reads exactly what that machine had.
 */
export function treeFromRecording(machine: Machine): string {
  const root = mkdtempSync(join(tmpdir(), `pe-fixture-${machine}-`));
  const files: [string, string][] = [
    ['cgroup-self', 'proc/self/cgroup'],
    ['cgroup-cpu-max', 'sys/fs/cgroup/cpu.max'],
    ['cgroup-memory-max', 'sys/fs/cgroup/memory.max'],
    ['cgroup-v1-quota', 'sys/fs/cgroup/cpu/cpu.cfs_quota_us'],
    ['cgroup-v1-period', 'sys/fs/cgroup/cpu/cpu.cfs_period_us'],
    ['cgroup-v1-memory', 'sys/fs/cgroup/memory/memory.limit_in_bytes'],
  ];
  for (const [name, path] of files) {
    if (exitCode(machine, name) !== 0 || !hasFixture(machine, `${name}.stdout`)) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), fixture(machine, `${name}.stdout`));
  }
  return root;
}

/** The largest region of a sysfs PCI `resource` table (`start end flags` per line), in bytes. */
export function largestBarBytes(resource: string): number {
  let largest = 0;
  for (const line of resource.trim().split('\n')) {
    const [start, end] = line
      .trim()
      .split(/\s+/)
      .map((hex) => BigInt(hex));
    if (end! > start!) largest = Math.max(largest, Number(end! - start! + 1n));
  }
  return largest;
}

/** A command result as runCommand reports it. */
export function commandResult(stdout: string, code = 0, stderr = ''): CommandResult {
  return { code, signal: null, stdout, stderr, timedOut: false, tooLarge: false, spawnError: null, notStarted: false };
}

/** A program that is not installed (ENOENT). */
export const NOT_INSTALLED: CommandResult = {
  code: null,
  signal: null,
  stdout: '',
  stderr: '',
  timedOut: false,
  tooLarge: false,
  spawnError: 'ENOENT',
  notStarted: true,
};

/** `nvidia-smi --query-gpu=name,memory.total --format=csv,noheader,nounits` as recorded on a machine. */
export function nvidiaSmi(machine: Machine): CommandResult {
  return commandResult(fixture(machine, 'nvidia-smi-query.stdout'));
}
