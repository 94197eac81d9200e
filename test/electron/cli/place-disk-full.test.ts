// `place` on a full disk, through the built CLI: one clear line and exit 2, the history left whole
// (no torn line from a write the disk cut short), `--no-history` still places, and once there is
// room again the next placement is recorded. Where this machine lets the test mount (root, Linux)
// the data directory is a small tmpfs really filled up; elsewhere the log is a link to /dev/full,
// which refuses every write (ENOSPC, never in part). The test's name says which ran.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, symlinkSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sh, unmount } from '../../mounts.js';
import { cliWorkspace, expectBadInput, json } from './cli-harness.js';

const { ws, inWs } = cliWorkspace();

const dataDir = ws.path('data');
mkdirSync(dataDir);
const REAL = process.platform === 'linux' && sh('mount', '-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dataDir);
afterAll(() => {
  // Never leave the tmpfs mounted, whatever failed (before the workspace is removed).
  if (REAL) unmount(dataDir);
});

const HOW = REAL ? 'a real tmpfs filled up' : 'the log linked to /dev/full';
const history = join(dataDir, 'history.jsonl');
const place = (...extra: string[]) =>
  inWs('place', '--task', 'task.yaml', '--targets', 'fleet.yaml', '--data-dir', dataDir, ...extra);

describe('place on a full disk (the built CLI)', () => {
  it(`no space left (${HOW}): one clear line, exit 2, no torn line; --no-history places; recorded once there is room`, async () => {
    ws.write('task.yaml', 'task: {name: full, requirements: {cpu: 1}}\n');
    const filler = join(dataDir, 'filler');
    let placed = 0;
    if (REAL) {
      // tmpfs fills by pages: leave the log's last page room for part of a record, not a whole one.
      const page = Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }));
      const slack = () => (page - (statSync(history).size % page)) % page;
      do {
        expect((await place()).code).toBe(0);
        placed++;
      } while (placed < 20 && (slack() === 0 || slack() >= statSync(history).size / placed));
      expect(slack()).toBeGreaterThan(0);
      const fd = openSync(filler, 'w');
      try {
        for (;;) writeSync(fd, Buffer.alloc(4096, 0x78));
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        closeSync(fd);
      }
    } else symlinkSync('/dev/full', history);
    const before = REAL ? readFileSync(history) : null;

    const refused = await place();
    expect(expectBadInput(refused, dataDir)).toEqual([
      `${dataDir}: cannot record the placement in the history (no space left on the device); free some space on it, or choose another --data-dir, or --no-history`,
    ]);
    if (before !== null) expect(readFileSync(history)).toEqual(before);
    // What the line suggests works: the placement without its record.
    const unrecorded = await place('--no-history', '--json');
    expect(unrecorded.code).toBe(0);
    expect((json(unrecorded) as { success: boolean }).success).toBe(true);

    if (REAL) unlinkSync(filler);
    else unlinkSync(history);
    expect((await place()).code).toBe(0);
    const listed = json(await inWs('history', '--json', '--data-dir', dataDir)) as {
      entries: unknown[];
      warnings: string[];
    };
    expect(listed.warnings).toEqual([]);
    expect(listed.entries).toHaveLength(placed + 1);
  });
});
