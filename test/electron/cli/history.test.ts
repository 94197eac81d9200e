// `place` records into the history; `history` lists it; `replay` re-runs it. Through the built CLI.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksumOf } from '../../../electron/history/history-log.js';
import { cliWorkspace, json, linesOf } from './cli-harness.js';

const { ws, inWs } = cliWorkspace();

interface Listed {
  entries: { requestId: string; taskName: string; outcome: string; selectedTarget: string | null }[];
  warnings: string[];
}

async function placeTwice(dir: string) {
  ws.write('task.yaml', 'task: {name: hist, requirements: {cpu: 1}}\n');
  for (let i = 0; i < 2; i++)
    expect((await inWs('place', '--task', 'task.yaml', '--targets', 'fleet.yaml', '--data-dir', dir)).code).toBe(0);
  return json(await inWs('history', '--json', '--data-dir', dir)) as Listed;
}

describe('history and replay', () => {
  it('place records each placement; history lists them newest first', async () => {
    const dir = ws.path('h1');
    const listed = await placeTwice(dir);
    expect(listed.entries).toHaveLength(2);
    expect(
      listed.entries.every((e) => e.taskName === 'hist' && e.outcome === 'placed' && e.selectedTarget === 'local'),
    ).toBe(true);
    const human = await inWs('history', '--data-dir', dir);
    expect(linesOf(human.stdout)[0]).toMatch(/^WHEN \(UTC\)\s+ID\s+TASK\s+STRATEGY\s+OUTCOME\s+TARGET$/);
    expect(linesOf(human.stdout)[1]).toContain(listed.entries[0]!.requestId);
  });

  it('a data directory the disk refuses is one clear line and exit 2, not an internal error', async () => {
    ws.write('task.yaml', 'task: {name: hist, requirements: {cpu: 1}}\n');
    ws.write('a-file', 'not a directory\n');
    const r = await inWs('place', '--task', 'task.yaml', '--targets', 'fleet.yaml', '--data-dir', ws.path('a-file/d'));
    expect(r.code).toBe(2);
    expect(linesOf(r.stderr)).toEqual([
      `${ws.path('a-file/d')}: cannot record the placement in the history (part of the path is a file, not a directory); choose another --data-dir, or --no-history`,
    ]);
  });

  it('history takes the History filters, and says when none matches', async () => {
    const dir = ws.path('h-filters');
    await placeTwice(dir);
    ws.write('huge.yaml', 'task: {name: huge, requirements: {cpu: 100000}}\n');
    expect((await inWs('place', '--task', 'huge.yaml', '--targets', 'fleet.yaml', '--data-dir', dir)).code).toBe(1);
    const list = async (...args: string[]) =>
      (json(await inWs('history', '--json', '--data-dir', dir, ...args)) as Listed).entries;
    expect((await list('--outcome', 'failed')).map((e) => e.taskName)).toEqual(['huge']);
    expect(await list('--task-name', 'hist', '--outcome', 'placed')).toHaveLength(2);
    expect(await list('--target', 'local', '--limit', '1')).toHaveLength(1);
    const limited = json(await inWs('history', '--json', '--limit', '1', '--data-dir', dir)) as { total: number };
    expect(limited.total).toBe(3);
    expect(linesOf((await inWs('history', '--limit', '2', '--data-dir', dir)).stdout).at(-1)).toBe(
      'The newest 2 of 3 placements; --limit N shows more.',
    );
    expect(await list('--until', '2000-01-01')).toEqual([]);
    expect((await inWs('history', '--until', '2000-01-01', '--data-dir', dir)).stdout).toBe(
      'No placement matches the filters.\n',
    );
    const bad = await inWs('history', '--strategy', 'fastest', '--data-dir', dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--strategy: expected one of auto \| local-first/);
  });

  it('--no-history records nothing; compare records nothing', async () => {
    const dir = ws.path('h2');
    ws.write('task2.yaml', 'task: {name: quiet}\n');
    await inWs('place', '--task', 'task2.yaml', '--targets', 'fleet.yaml', '--no-history', '--data-dir', dir);
    await inWs('compare', '--task', 'task2.yaml', '--targets', 'fleet.yaml', '--data-dir', dir);
    expect((json(await inWs('history', '--json', '--data-dir', dir)) as Listed).entries).toEqual([]);
    expect((await inWs('history', '--data-dir', dir)).stdout).toBe('No placements recorded yet.\n');
  });

  it('place writes one log line per placement, as the app does; --no-history too, saying so; compare none', async () => {
    const dir = ws.path('h-log');
    ws.write('logged.yaml', 'task: {name: logged, requirements: {cpu: 1}}\n');
    const placed = await inWs('place', '--task', 'logged.yaml', '--targets', 'fleet.yaml', '--json', '--data-dir', dir);
    await inWs('place', '--task', 'logged.yaml', '--targets', 'fleet.yaml', '--no-history', '--data-dir', dir);
    await inWs('compare', '--task', 'logged.yaml', '--targets', 'fleet.yaml', '--data-dir', dir);
    const log = readFileSync(join(dir, 'placement-explorer.log'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatchObject({
      level: 'info',
      requestId: (JSON.parse(placed.stdout) as { requestId: string }).requestId,
      task: 'logged',
      success: true,
      msg: 'placement',
    });
    expect(log[0]!['history']).toBeUndefined();
    expect(log[1]).toMatchObject({ task: 'logged', history: false, msg: 'placement' });
  });

  it('replay reproduces a stored decision exactly, and shows it on today’s capabilities', async () => {
    const dir = ws.path('h3');
    const { entries } = await placeTwice(dir);
    const r = await inWs('replay', entries[1]!.requestId.slice(0, 8), '--data-dir', dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Replayed on the stored inputs: reproduced exactly.');
    expect(r.stdout).toMatch(/^Today: → local/m);
    const j = json(await inWs('replay', entries[1]!.requestId, '--json', '--data-dir', dir)) as {
      reproduced: boolean;
      differences: string[];
    };
    expect(j).toMatchObject({ reproduced: true, differences: [] });
  });

  it('says how a tampered record differs, and exits 1', async () => {
    const dir = ws.path('h4');
    const { entries } = await placeTwice(dir);
    const path = join(dir, 'history.jsonl');
    // Rewrite the newest result with another winner, re-signed so that only the decision is wrong.
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const last = JSON.parse(lines.at(-1)!) as Record<string, unknown> & { result: { selectedTarget: string } };
    const { checksum: _drop, ...rest } = last;
    rest['result'] = { ...last.result, selectedTarget: 'box' };
    lines[lines.length - 1] = JSON.stringify({ ...rest, checksum: checksumOf(rest as never) });
    writeFileSync(path, `${lines.join('\n')}\n`);
    const r = await inWs('replay', entries[0]!.requestId, '--data-dir', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Replayed on the stored inputs: DIFFERS');
    expect(r.stdout).toContain('selectedTarget: "box" → "local"');
  });

  it('a torn line is reported, not hidden, and nothing else is lost', async () => {
    const dir = ws.path('h5');
    await placeTwice(dir);
    appendFileSync(join(dir, 'history.jsonl'), '{"event":"PlacementSta');
    const r = await inWs('history', '--data-dir', dir);
    expect(r.stderr).toBe('warning: history.jsonl line 5: torn (an append cut short); skipped\n');
    expect(linesOf(r.stdout)).toHaveLength(3);
    expect((await inWs('place', '--task', 'task.yaml', '--targets', 'fleet.yaml', '--data-dir', dir)).code).toBe(0);
    expect((json(await inWs('history', '--json', '--data-dir', dir)) as Listed).entries).toHaveLength(3);
  });

  it('replay of an unknown id is a usage error', async () => {
    const r = await inWs('replay', 'nope', '--data-dir', ws.path('h6'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('replay: no placement with id "nope" in the history\n');
  });
});
