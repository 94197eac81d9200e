// The disk failing under the data directory: read-only, full, or removed while the app runs. A
// placement still answers, and says that its history record was not written, why and how to mend
// it; nothing earlier is lost or torn; the next placement is recorded once the disk is back.
//
// Where this machine lets the tests mount (root, Linux), the disk really fails: a read-only bind
// mount over the data directory, a small tmpfs filled up. Elsewhere the same errors are injected at
// the fs layer (node:fs/promises), and each test's name says which ran.
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../electron/api/handlers.js';
import { createMetrics } from '../../../electron/api/metrics.js';
import { InputError } from '../../../electron/config/load.js';
import { recordPlacement } from '../../../electron/cli/record-placement.js';
import { appendHistory, HISTORY_FILE, readHistory } from '../../../electron/history/history-log.js';
import { createLogger, LOG_FILE } from '../../../electron/logging/logger.js';
import { startBrowserServer } from '../../../electron/server/http-server.js';
import { place } from '../../../shared/engine/place.js';
import { checkTaskFile } from '../../../shared/files/parse.js';
import type { PlacementResult } from '../../../shared/schema/result.js';
import { placementOptions, target } from '../../../shared/schema/targets.js';
import { sh, unmount } from '../../mounts.js';

/** The fault the fs layer injects, when one is set: only for paths under `dir`. */
const fault = vi.hoisted(() => ({
  dir: null as string | null,
  kind: null as 'read-only' | 'full' | 'fsync' | null,
  /** `full`: how many more bytes the disk takes before it refuses. */
  room: 0,
}));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const under = (path: unknown) =>
    fault.dir !== null && (String(path) === fault.dir || String(path).startsWith(`${fault.dir}/`));
  /** An error as Node's fs raises it (code, errno, syscall, path). */
  const sysError = (code: 'EROFS' | 'ENOSPC' | 'EIO', syscall: string, path?: string) => {
    const words = { EROFS: 'read-only file system', ENOSPC: 'no space left on device', EIO: 'i/o error' }[code];
    const errno = { EROFS: -30, ENOSPC: -28, EIO: -5 }[code];
    return Object.assign(new Error(`${code}: ${words}, ${syscall}${path === undefined ? '' : ` '${path}'`}`), {
      code,
      errno,
      syscall,
      ...(path !== undefined && { path }),
    });
  };
  /** A handle on a disk that fills up: it takes `room` more bytes, then refuses (a short write first). */
  const failing = (handle: FileHandle): FileHandle =>
    new Proxy(handle, {
      get(target, prop) {
        if (prop === 'write' && fault.kind === 'full')
          return async (data: Buffer | string, offset = 0, length?: number) => {
            const bytes =
              typeof data === 'string'
                ? Buffer.from(data)
                : data.subarray(offset, offset + (length ?? data.length - offset));
            if (fault.room <= 0) throw sysError('ENOSPC', 'write');
            const n = Math.min(fault.room, bytes.length);
            fault.room -= n;
            const { bytesWritten } = await target.write(bytes, 0, n);
            return { bytesWritten, buffer: data };
          };
        if (prop === 'sync' && fault.kind === 'fsync') return async () => Promise.reject(sysError('EIO', 'fsync'));
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  const open: typeof fs.open = async (path, flags, mode) => {
    const writes = /[wa+]/.test(String(flags ?? 'r'));
    if (fault.kind === 'read-only' && writes && under(path)) throw sysError('EROFS', 'open', String(path));
    const handle = await fs.open(path, flags, mode);
    return under(path) ? failing(handle) : handle;
  };
  const mkdir = (async (path: string, options?: Parameters<typeof fs.mkdir>[1]) => {
    if (fault.kind === 'read-only' && under(path) && !existsSync(path)) throw sysError('EROFS', 'mkdir', path);
    return fs.mkdir(path, options);
  }) as typeof fs.mkdir;
  return { ...fs, open, mkdir, default: { ...fs, open, mkdir } };
});

/** Our own scratch root, removed after the mounts under it are gone. */
const scratch = mkdtempSync(join(tmpdir(), 'pe-disk-failure-'));
const mounted: string[] = [];

function mount(...args: string[]): void {
  const dir = args.at(-1)!;
  if (!sh('mount', ...args)) throw new Error(`mount ${args.join(' ')} failed`);
  mounted.push(dir);
}

function unmountOurs(dir: string): void {
  const i = mounted.lastIndexOf(dir);
  if (i < 0) return;
  unmount(dir);
  mounted.splice(i, 1);
}

/** Whether this machine lets us mount a tmpfs and make a bind mount read-only (tried, then undone). */
function canMount(): boolean {
  if (process.platform !== 'linux') return false;
  const probe = mkdtempSync(join(scratch, 'probe-'));
  try {
    mount('-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe);
    mount('--bind', probe, probe);
    mount('-o', 'remount,ro,bind', probe);
    return true;
  } catch {
    return false;
  } finally {
    while (mounted.includes(probe)) unmountOurs(probe);
  }
}

const REAL = canMount();

afterAll(() => {
  // Never leave a mount behind, whatever failed: innermost first.
  for (const dir of [...mounted].reverse()) unmountOurs(dir);
  rmSync(scratch, { recursive: true, force: true });
});

afterEach(() => {
  fault.dir = null;
  fault.kind = null;
  fault.room = 0;
});

/** A data directory on a disk the test can break and mend, really or by injection. */
function disk(size = '256k') {
  const dir = join(mkdtempSync(join(scratch, 'case-')), 'data');
  mkdirSync(dir);
  if (REAL) mount('-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir);
  const filler = join(dir, 'filler');
  let broken: 'read-only' | 'full' | null = null;
  const disk = {
    dir,
    /** The data directory becomes read-only (a read-only bind mount over it). */
    readOnly(): void {
      broken = 'read-only';
      if (!REAL) Object.assign(fault, { dir, kind: 'read-only' });
      else {
        mount('--bind', dir, dir);
        mount('-o', 'remount,ro,bind', dir);
      }
    },
    /** The disk fills up, leaving `room` bytes (injected) or the slack of its files' last pages (tmpfs). */
    fill(room = 100): void {
      broken = 'full';
      if (!REAL) {
        Object.assign(fault, { dir, kind: 'full', room });
        return;
      }
      const fd = openSync(filler, 'w');
      const chunk = Buffer.alloc(16_384, 0x78);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
      } finally {
        closeSync(fd);
      }
    },
    /** The disk is back: writable, with room. */
    mend(): void {
      if (!REAL) Object.assign(fault, { dir: null, kind: null });
      else if (broken === 'read-only') unmountOurs(dir);
      else if (broken === 'full') unlinkSync(filler);
      broken = null;
    },
    /** Mended, and its tmpfs unmounted. */
    dispose(): void {
      disk.mend();
      unmountOurs(dir);
    },
  };
  return disk;
}

const HOW = REAL ? 'real mount' : 'injected error';
/** tmpfs fills by pages: a file's last page has room for a write cut short. */
const PAGE = REAL ? Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' })) : 4096;

const targets = [
  target.parse({ id: 'small', type: 'ssh', host: '10.0.0.1', capabilities: { cpu: 2, memoryGb: 4 } }),
  target.parse({ id: 'big', type: 'cloud', provider: 'aws', hourlyRate: 1, capabilities: { cpu: 32, memoryGb: 128 } }),
];
const options = placementOptions.parse({ discoveryEnabled: false });
const task = (name: string) => ({ task: { task: { name, requirements: { cpu: 1 } } } });

/** The app as browser mode runs it: the handler table (with its logger) behind the HTTP server. */
async function openApp(dataDir: string) {
  const metrics = createMetrics();
  const handlers = await createHandlers({
    dataDir,
    targets,
    options,
    metrics,
    emit: () => undefined,
    log: createLogger(dataDir),
  });
  const server = await startBrowserServer(handlers, metrics);
  async function call(method: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }
  return {
    /** Places a task; the answer must be a placement (200), whatever the disk did. */
    async place(name: string): Promise<PlacementResult> {
      const { status, body } = await call('placement.place', task(name));
      expect(status, JSON.stringify(body)).toBe(200);
      const result = body as PlacementResult;
      expect(result.success).toBe(true);
      expect(result.selectedTarget).toBe('small');
      return result;
    },
    async list(): Promise<{ total: number; warnings: string[]; entries: { taskName: string }[] }> {
      const { status, body } = await call('history.list', {});
      expect(status).toBe(200);
      return body as { total: number; warnings: string[]; entries: { taskName: string }[] };
    },
    async close(): Promise<void> {
      handlers.close();
      await server.close();
    },
  };
}

const historyWarnings = (r: PlacementResult) => r.warnings.filter((w) => w.startsWith('History not written'));

/** The log read back whole: every line verified, none skipped. */
async function expectWholeLog(dir: string, records: number): Promise<void> {
  const read = await readHistory(dir);
  expect(read.warnings).toEqual([]);
  expect(read.records).toHaveLength(records);
}

describe(`placement on a failing disk (${HOW})`, () => {
  it(`read-only data directory (${HOW}): answered with a warning saying why and how to fix it; earlier entries kept; recorded again once writable`, async () => {
    const d = disk();
    const app = await openApp(d.dir);
    try {
      await app.place('before-1');
      await app.place('before-2');
      d.readOnly();
      const refused = await app.place('while-read-only');
      expect(historyWarnings(refused)).toEqual([
        `History not written: ${d.dir}: read-only file system; this placement is not recorded (earlier ones are kept). To record again, make it writable, or use another data directory (--data-dir).`,
      ]);
      // The app keeps working, and says so again for each placement it cannot record.
      expect(historyWarnings(await app.place('while-read-only-2'))).toHaveLength(1);
      expect((await app.list()).total).toBe(2);
      await expectWholeLog(d.dir, 4);

      d.mend();
      const after = await app.place('after');
      expect(after.warnings).toEqual([]);
      const list = await app.list();
      expect(list.warnings).toEqual([]);
      expect(list.entries.map((e) => e.taskName)).toEqual(['after', 'before-2', 'before-1']);
      await expectWholeLog(d.dir, 6);
    } finally {
      await app.close();
      d.dispose();
    }
  });

  it(`full disk (${HOW}): a record cut short is taken back, the answer says to free space, and the next placement after that is recorded`, async () => {
    const d = disk();
    const app = await openApp(d.dir);
    try {
      const placed: string[] = [];
      const placeOne = async () => placed.unshift((await app.place(`before-${placed.length + 1}`)).taskName);
      await placeOne();
      await placeOne();
      // Room for part of the next record only, so that its write is cut short: on tmpfs, the log's
      // last page must have room left, less than a placement takes.
      const size = () => statSync(join(d.dir, HISTORY_FILE)).size;
      const perPlacement = size() / 2;
      const slack = () => (PAGE - (size() % PAGE)) % PAGE;
      while (REAL && placed.length < 20 && (slack() === 0 || slack() >= perPlacement)) await placeOne();
      if (REAL) expect(slack()).toBeGreaterThan(0);
      const before = readFileSync(join(d.dir, HISTORY_FILE));
      d.fill();
      const refused = await app.place('while-full');
      expect(historyWarnings(refused)).toEqual([
        `History not written: ${d.dir}: no space left on the device; this placement is not recorded (earlier ones are kept). To record again, free some space on it, or use another data directory (--data-dir).`,
      ]);
      expect(readFileSync(join(d.dir, HISTORY_FILE))).toEqual(before);
      // Still full: the next write is refused outright; still answered.
      expect(historyWarnings(await app.place('while-full-2'))).toHaveLength(1);
      await expectWholeLog(d.dir, 2 * placed.length);

      d.mend();
      const after = await app.place('after');
      expect(after.warnings).toEqual([]);
      const list = await app.list();
      expect(list.warnings).toEqual([]);
      expect(list.entries.map((e) => e.taskName)).toEqual(['after', ...placed]);
      await expectWholeLog(d.dir, 2 * placed.length + 2);
    } finally {
      await app.close();
      d.dispose();
    }
  });

  it('data directory removed while the app runs: answered with a warning; not silently recreated; recorded again once it is back', async () => {
    const dir = join(mkdtempSync(join(scratch, 'removed-')), 'data');
    const app = await openApp(dir);
    try {
      await app.place('before');
      rmSync(dir, { recursive: true, force: true });
      const refused = await app.place('while-removed');
      expect(historyWarnings(refused)).toEqual([
        `History not written: ${dir}: the directory no longer exists: removed, or its disk is gone; this placement is not recorded. To record again, create it again (or mount its disk again), or use another data directory (--data-dir).`,
      ]);
      // Not made again behind the user's back: on a disk that went away that would be the wrong disk.
      expect(existsSync(dir)).toBe(false);
      expect(historyWarnings(await app.place('while-removed-2'))).toHaveLength(1);

      mkdirSync(dir);
      expect((await app.place('after')).warnings).toEqual([]);
      expect((await app.list()).entries.map((e) => e.taskName)).toEqual(['after']);
      await expectWholeLog(dir, 2);
    } finally {
      await app.close();
    }
  });
});

describe('appending to the history on a failing disk (injected error)', () => {
  const started = (requestId: string) => ({
    event: 'PlacementStarted' as const,
    requestId,
    at: '2026-11-23T00:00:00.000Z',
    taskName: 'x'.repeat(200),
  });

  it('a write cut short by a full disk (ENOSPC after 50 bytes) is refused and taken back: no torn line', async () => {
    const dir = mkdtempSync(join(scratch, 'append-'));
    await appendHistory(dir, [started('a')]);
    const before = readFileSync(join(dir, HISTORY_FILE));
    Object.assign(fault, { dir, kind: 'full', room: 50 });
    await expect(appendHistory(dir, [started('b'), started('c')])).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(fault.room, 'the disk took part of the write').toBe(0);
    expect(readFileSync(join(dir, HISTORY_FILE))).toEqual(before);
    fault.kind = null;
    await appendHistory(dir, [started('d')]);
    const read = await readHistory(dir);
    expect(read.warnings).toEqual([]);
    expect(read.records.map((r) => r.requestId)).toEqual(['a', 'd']);
  });

  it('a record whose flush fails (EIO on fsync) is taken back too: recorded and flushed, or not at all', async () => {
    const dir = mkdtempSync(join(scratch, 'append-'));
    await appendHistory(dir, [started('a')]);
    Object.assign(fault, { dir, kind: 'fsync' });
    await expect(appendHistory(dir, [started('b')])).rejects.toMatchObject({ code: 'EIO' });
    fault.kind = null;
    const read = await readHistory(dir);
    expect(read.warnings).toEqual([]);
    expect(read.records.map((r) => r.requestId)).toEqual(['a']);
  });
});

describe('the CLI’s place on a failing disk (in-process; the built CLI runs the same code once rebuilt)', () => {
  const checked = checkTaskFile(task('cli-task').task);
  if (!checked.ok) throw new Error('the CLI test’s task does not parse');
  const file = checked.value;
  const record = (dir: string) => {
    const result = place(file, targets, options, { requestId: 'cli-1', clock: () => 0 });
    return recordPlacement(
      dir,
      { file, targets, options, discovered: new Map(), discoveryFailures: [], unchecked: {} },
      result,
    );
  };
  const refusal = async (dir: string) => {
    const err = (await record(dir).then(
      () => null,
      (e: unknown) => e,
    )) as InputError | null;
    expect(err).toBeInstanceOf(InputError);
    return err!.lines;
  };

  it(`a full disk, the write cut short (${HOW}): one line saying to free space; no torn line left`, async () => {
    const d = disk('64k');
    try {
      await record(d.dir);
      const before = readFileSync(join(d.dir, HISTORY_FILE));
      d.fill();
      expect(await refusal(d.dir)).toEqual([
        `${d.dir}: cannot record the placement in the history (no space left on the device); free some space on it, or choose another --data-dir, or --no-history`,
      ]);
      expect(readFileSync(join(d.dir, HISTORY_FILE))).toEqual(before);
      d.mend();
      await record(d.dir);
      await expectWholeLog(d.dir, 4);
    } finally {
      d.dispose();
    }
  });

  it(`a read-only data directory (${HOW}): one line saying to make it writable`, async () => {
    const d = disk('64k');
    try {
      d.readOnly();
      expect(await refusal(d.dir)).toEqual([
        `${d.dir}: cannot record the placement in the history (read-only file system); make it writable, or choose another --data-dir, or --no-history`,
      ]);
    } finally {
      d.dispose();
    }
  });

  it('a disk failing outright (EIO, injected): one line, not an internal error', async () => {
    const dir = mkdtempSync(join(scratch, 'cli-'));
    Object.assign(fault, { dir, kind: 'fsync' });
    expect(await refusal(dir)).toEqual([
      `${dir}: cannot record the placement in the history (input/output error: the disk may be failing); check the disk, or choose another --data-dir, or --no-history`,
    ]);
    fault.kind = null;
    await expectWholeLog(dir, 0);
  });
});

describe('the log file on a full device (/dev/full, real ENOSPC)', () => {
  it('log calls do not throw: the app keeps working', () => {
    const dir = mkdtempSync(join(scratch, 'log-'));
    execFileSync('ln', ['-s', '/dev/full', join(dir, LOG_FILE)]);
    expect(statSync(join(dir, LOG_FILE)).isCharacterDevice()).toBe(true);
    const log = createLogger(dir);
    expect(() => log.info({ n: 1 }, 'placement')).not.toThrow();
    expect(() => log.error({ n: 2 }, 'handler failed')).not.toThrow();
  });
});
