import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';

/** The repository root, the CLI's entry point and the bundle `npm run build` writes. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = path.join(ROOT, 'bin', 'placement-explorer.cjs');
export const BUNDLE = path.join(ROOT, 'dist', 'cli.cjs');
export const EXAMPLES = path.join(ROOT, 'examples');

export interface CliRun {
  /** The exit code; null when the process was killed (a timeout). */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Working directory of the CLI (relative file names are resolved against it). */
  cwd?: string;
  /** The process is killed (SIGKILL) after this long; the run then reports code null. */
  timeoutMs?: number;
  /** Variables laid over the test's environment (PATH, NOMAD_ADDR…). */
  env?: NodeJS.ProcessEnv;
}

/** A scratch directory for data the CLI might write (history, logs), so that runs stay hermetic. */
export const DATA_HOME = mkdtempSync(path.join(os.tmpdir(), 'pe-cli-data-'));

/**
 * Runs the real built CLI as its own process: `node bin/placement-explorer.cjs ...args`, with an
 * argument array (no shell), and collects its exit code and output.
 */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: DATA_HOME, NO_COLOR: '1', ...options.env };
  delete env['DEBUG']; // DEBUG makes the CLI print stack traces on internal errors
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd ?? ROOT,
        env,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        timeout: options.timeoutMs ?? 15_000,
        killSignal: 'SIGKILL',
      },
      (_error, stdout, stderr) => {
        resolve({ code: child.exitCode, signal: child.signalCode, stdout, stderr });
      },
    );
  });
}

/** A fresh temporary directory with a helper to write input files into it. */
export function workspace(prefix = 'pe-cli-') {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    /** Writes `content` to `name` in the workspace and returns `name` (relative, as a user would type it). */
    write(name: string, content: string | Uint8Array): string {
      writeFileSync(path.join(dir, name), content);
      return name;
    },
    path(name: string): string {
      return path.join(dir, name);
    },
  };
}

/** The non-empty lines of an output stream. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** Asserts that stderr holds user-facing messages only: no stack frames, no error class names. */
export function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at\s/m);
  expect(stderr).not.toMatch(/\(?[^\s()]+\.(?:c?js|ts):\d+:\d+\)?/);
  expect(stderr).not.toMatch(/\b[A-Z][A-Za-z]*Error\b/);
  expect(stderr).not.toMatch(/internal error/i);
}

/**
 * Asserts a usage error: exit 2, nothing on stdout, no stack trace, and one line per problem on
 * stderr, each starting with one of `prefixes` (the file name as given, or a flag).
 * Returns the stderr lines for further checks.
 */
export function expectBadInput(run: CliRun, ...prefixes: string[]): string[] {
  expect(run.signal, 'the CLI was killed (timeout?)').toBeNull();
  expect(run.stdout).toBe('');
  expectNoStackTrace(run.stderr);
  const lines = linesOf(run.stderr);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines)
    expect(
      prefixes.some((p) => line.startsWith(`${p}: `)),
      line,
    ).toBe(true);
  expect(run.code, run.stderr).toBe(2);
  return lines;
}

export const STRATEGIES = ['auto', 'local-first', 'cloud-first', 'cost-optimized', 'performance'];
export const EXAMPLE_INPUTS = ['--task', 'examples/task.yaml', '--targets', 'examples/targets.yaml'];

/**
 * A fleet whose capabilities are all written down (discovery off in the file), so that outcomes do not
 * depend on the machine the tests run on.
 */
export const FLEET = `placement: {strategy: auto, discoveryEnabled: false}
targets:
  - id: local
    type: local
    capabilities: {cpu: 8, memoryGb: 16, diskGb: 100, gpus: [], os: linux, arch: x64, network: true, tools: [python3]}
  - id: box
    type: ssh
    host: box.example
    labels: {site: lab}
    capabilities: {cpu: 32, memoryGb: 128, diskGb: 900, gpus: [{vendor: nvidia, vramGb: 24}], os: linux, arch: x64, network: true, tools: [python3]}
  - id: cheap
    type: cloud
    provider: aws
    hourlyRate: 0.1
    labels: {kind: cloud}
    capabilities: {cpu: 16, memoryGb: 64, diskGb: 200, gpus: [{vendor: nvidia, vramGb: 16}], os: linux, arch: x64, network: true, tools: [python3]}
  - id: pricey
    type: cloud
    provider: aws
    hourlyRate: 3
    labels: {kind: cloud}
    capabilities: {cpu: 64, memoryGb: 512, diskGb: 2000, gpus: [{vendor: nvidia, vramGb: 80}], os: linux, arch: x64, network: true, tools: [python3]}
`;

/** Parses a run's stdout as JSON, showing its stderr when there is no stdout. */
export function json(run: CliRun): unknown {
  expect(run.stdout, run.stderr).not.toBe('');
  return JSON.parse(run.stdout) as unknown;
}

/**
 * A workspace for one test file, holding FLEET as fleet.yaml; the built CLI must exist. Returns the
 * workspace and a runner that starts the CLI in it, so file names are given as a user would type them.
 */
export function cliWorkspace() {
  const ws = workspace();
  beforeAll(() => {
    if (!existsSync(BUNDLE))
      throw new Error(`${BUNDLE} is missing: run \`npm run build\` first (\`npm test\` does it in pretest)`);
    ws.write('fleet.yaml', FLEET);
  });
  afterAll(() => {
    rmSync(ws.dir, { recursive: true, force: true });
    rmSync(DATA_HOME, { recursive: true, force: true });
  });
  return { ws, inWs: (...args: string[]) => runCli(args, { cwd: ws.dir }) };
}
