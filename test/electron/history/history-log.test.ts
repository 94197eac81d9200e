import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { appendHistory, checksumOf, HISTORY_FILE, readHistory } from '../../../electron/history/history-log.js';
import { toEntries } from '../../../electron/history/entries.js';
import { tempDir } from '../../temp-dir.js';

let appender: string;

beforeAll(async () => {
  // The appender runs as a real separate process: bundle it once to plain JavaScript.
  appender = join(tempDir('pe-appender-'), 'appender.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'appender.ts')],
    outfile: appender,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
  });
});

const started = (requestId: string) => ({
  event: 'PlacementStarted' as const,
  requestId,
  at: '2026-11-23T00:00:00.000Z',
});

/** Starts an appender; resolves with the ids it reported written, once it exits or is killed. */
function runAppender(dataDir: string, name: string, count?: number, killAfterMs?: number): Promise<string[]> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [appender, dataDir, name, ...(count === undefined ? [] : [String(count)])]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    // A line counts only when whole: the kill may cut the last one short.
    child.on('close', () => resolve(out.split('\n').filter((l) => /^\w+-\d+$/.test(l) && out.includes(`${l}\n`))));
  });
}

describe('history log', () => {
  it('appends checksummed records and reads them back in order', async () => {
    const dir = tempDir('pe-history-');
    await appendHistory(dir, [started('a'), started('b')]);
    await appendHistory(dir, [started('c')]);
    const { records, warnings } = await readHistory(dir);
    expect(records.map((r) => r.requestId)).toEqual(['a', 'b', 'c']);
    expect(records[0]!.checksum).toBe(checksumOf(started('a')));
    expect(warnings).toEqual([]);
  });

  it('a missing log is an empty history', async () => {
    expect(await readHistory(tempDir('pe-history-'))).toEqual({ records: [], warnings: [] });
  });

  it('skips and reports corrupt lines in the middle, keeping everything around them', async () => {
    const dir = tempDir('pe-history-');
    await appendHistory(dir, [started('a'), started('b'), started('c')]);
    const path = join(dir, HISTORY_FILE);
    const lines = readFileSync(path, 'utf8').split('\n');
    lines[1] = lines[1]!.replace('"b"', '"B"'); // edited: the checksum no longer matches
    writeFileSync(path, `${lines[0]}\n{not json\n${lines.slice(1).join('\n')}`);
    const { records, warnings } = await readHistory(dir);
    expect(records.map((r) => r.requestId)).toEqual(['a', 'c']);
    expect(warnings).toEqual([
      `${HISTORY_FILE} line 2: not JSON; skipped`,
      `${HISTORY_FILE} line 3: checksum does not match (corrupt or edited); skipped`,
    ]);
  });

  it('skips a torn last line, and the next append ends it so that nothing after is lost', async () => {
    const dir = tempDir('pe-history-');
    await appendHistory(dir, [started('a')]);
    appendFileSync(join(dir, HISTORY_FILE), '{"event":"PlacementStarted","requ');
    expect((await readHistory(dir)).warnings).toEqual([`${HISTORY_FILE} line 2: torn (an append cut short); skipped`]);
    await appendHistory(dir, [started('b')]);
    const { records, warnings } = await readHistory(dir);
    expect(records.map((r) => r.requestId)).toEqual(['a', 'b']);
    expect(warnings).toEqual([`${HISTORY_FILE} line 2: not JSON; skipped`]);
  });

  it('after kill -9 mid-append, every record the writer was told was written is there', async () => {
    const dir = tempDir('pe-history-');
    const acknowledged = await runAppender(dir, 'w', undefined, 700);
    expect(acknowledged.length).toBeGreaterThan(5);
    const { records, warnings } = await readHistory(dir);
    const ids = new Set(records.map((r) => r.requestId));
    for (const id of acknowledged) expect(ids.has(id), id).toBe(true);
    expect(warnings.length).toBeLessThanOrEqual(1);
    for (const w of warnings) expect(w).toMatch(/torn/);
    // The next writer repairs the tail and carries on.
    await appendHistory(dir, [started('after')]);
    expect((await readHistory(dir)).records.at(-1)!.requestId).toBe('after');
  });

  it('two writers never interleave parts of lines', async () => {
    const dir = tempDir('pe-history-');
    const [a, b] = await Promise.all([runAppender(dir, 'a', 150), runAppender(dir, 'b', 150)]);
    const { records, warnings } = await readHistory(dir);
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(600);
    expect(a).toHaveLength(150);
    expect(b).toHaveLength(150);
    // Each placement's two records arrive whole and in order.
    const events = new Map<string, string[]>();
    for (const r of records) events.set(r.requestId, [...(events.get(r.requestId) ?? []), r.event]);
    expect(events.size).toBe(300);
    for (const list of events.values()) expect(list).toEqual(['PlacementStarted', 'PlacementFailed']);
    expect(toEntries(records)).toHaveLength(300);
  });
});
