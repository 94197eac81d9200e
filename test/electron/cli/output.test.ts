/**
 * The CLI's answer on stdout, written straight to the descriptor (electron/cli/output.ts), through a
 * real pipe to the real built CLI: a reader that stops early ends the command quietly, and a reader
 * slower than the command still gets every byte of a large answer.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFleet } from '../../../bench/fleet.js';
import { BIN, DATA_HOME, expectNoStackTrace, ROOT, workspace } from './cli-harness.js';
import { rmSync } from 'node:fs';

const ws = workspace('pe-cli-output-');
afterAll(() => rmSync(ws.dir, { recursive: true, force: true }));

// 2,000 targets: `compare --json` writes several MB, far more than a pipe holds (64 KB).
const fleet = ws.write(
  'fleet.json',
  JSON.stringify({ placement: { discoveryEnabled: false }, targets: makeFleet(2000) }),
);
const args = ['compare', '--task', 'examples/task.yaml', '--targets', ws.path(fleet), '--json'];

const env = { ...process.env, XDG_DATA_HOME: DATA_HOME, NO_COLOR: '1' };

function start() {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The CLI with `fd` as its stdout, as it is: Node makes a child's descriptors 0 to 2 blocking, so the
 * descriptor goes in as the fourth and a shell moves it onto stdout (dup2 keeps O_NONBLOCK).
 */
function startOnto(fd: number) {
  return spawn('sh', ['-c', 'exec "$0" "$@" >&3 3>&-', process.execPath, BIN, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe', fd],
  });
}

/** The CLI with `args` and the given descriptor as its stdout. */
function startWith(argv: readonly string[], stdout: number) {
  return spawn(process.execPath, [BIN, ...argv], { cwd: ROOT, env, stdio: ['ignore', stdout, 'pipe'] });
}

function exited(child: ReturnType<typeof spawn>): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('the answer on stdout', () => {
  it('ends quietly, with success, when its reader stops early (`| head`)', async () => {
    const child = start();
    const done = exited(child);
    // The first chunk read, the reader goes away: the next write meets a closed pipe (EPIPE).
    await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
    child.stdout!.destroy();
    const { code, stderr } = await done;
    expect(stderr).toBe('');
    expectNoStackTrace(stderr);
    expect(code).toBe(0);
  }, 30_000);

  it('arrives whole through a pipe whose reader is slower than the command', async () => {
    const child = start();
    const done = exited(child);
    const chunks: Buffer[] = [];
    child.stdout!.on('data', (d: Buffer) => chunks.push(d));
    // The reader pauses while the command has written far more than the pipe holds.
    child.stdout!.pause();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.stdout!.resume();
    const { code, stderr } = await done;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.length).toBeGreaterThan(1_000_000);
    const result = JSON.parse(text) as { strategies: Record<string, { scores: unknown[] }> };
    expect(result.strategies['auto']!.scores).toHaveLength(2000);
  }, 30_000);

  it('says in one line that a full disk refused it, written straight or streamed (a report), exit 2', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const fleetFile = ws.path(fleet);
      for (const argv of [
        ['place', '--task', 'examples/task.yaml', '--targets', fleetFile, '--no-history', '--json'],
        ['report', '--compare', '--task', 'examples/task.yaml', '--targets', fleetFile, '--format', 'csv'],
      ]) {
        const { code, stderr } = await exited(startWith(argv, full));
        expectNoStackTrace(stderr);
        expect(stderr, argv[0]).toBe(
          'placement-explorer: cannot write to standard output: no space left on the device (ENOSPC)\n',
        );
        expect(code, argv[0]).toBe(2);
      }
    } finally {
      closeSync(full);
    }
  }, 30_000);

  it('arrives whole through a pipe left non-blocking (a write that would block is tried again)', async () => {
    // A FIFO read by `cat` (whose own output we read late), written by the CLI through a descriptor
    // opened O_NONBLOCK: once the FIFO is full, the CLI's writes fail with EAGAIN until cat drains it.
    const fifo = ws.path('answer.fifo');
    execFileSync('mkfifo', [fifo]);
    const cat = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    const drained = new Promise((resolve) => cat.on('close', resolve));
    let fd = -1;
    for (let tries = 0; fd < 0 && tries < 200; tries++) {
      try {
        fd = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 10)); // cat has not opened it yet (ENXIO)
      }
    }
    expect(fd).toBeGreaterThanOrEqual(0);
    const child = startOnto(fd);
    closeSync(fd);
    const done = exited(child);
    const chunks: Buffer[] = [];
    cat.stdout.on('data', (d: Buffer) => chunks.push(d));
    cat.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    cat.stdout.resume();
    const { code, stderr } = await done;
    await drained;
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      strategies: Record<string, { scores: unknown[] }>;
    };
    expect(result.strategies['auto']!.scores).toHaveLength(2000);
  }, 30_000);
});
