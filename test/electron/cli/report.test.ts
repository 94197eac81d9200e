// `report` through the built CLI, on history that `place` recorded: every format, the filters, the
// usage errors, and a hostile task name that stays inert.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { reportData } from '../../../shared/report/index.js';
import { expectInert, textOf } from '../../shared/report/html-checks.js';
import { writeGeneratedHistory } from '../history/generated.js';
import { cliWorkspace, expectBadInput, json } from './cli-harness.js';

const { ws, inWs } = cliWorkspace();
const HOSTILE = '=HYPERLINK("http://x") <script>alert(1)</script> | [a](javascript:x)';

/** A data directory with three placements: two placed on local, one that fails (a GPU in local-only mode). */
async function recorded(dir: string): Promise<void> {
  ws.write('ok.yaml', 'task: {name: ok-task, requirements: {cpu: 1}}\n');
  ws.write('hostile.json', JSON.stringify({ task: { name: HOSTILE, requirements: { gpu: true } } }));
  const place = (...args: string[]) => inWs('place', '--targets', 'fleet.yaml', '--data-dir', dir, ...args);
  expect((await place('--task', 'ok.yaml')).code).toBe(0);
  expect((await place('--task', 'ok.yaml')).code).toBe(0);
  expect((await place('--task', 'hostile.json', '--mode', 'local-only')).code).toBe(1);
}

describe('report', () => {
  const dir = ws.path('hist');

  it('JSON: the whole history, valid against the report schema', async () => {
    await recorded(dir);
    const r = await inWs('report', '--format', 'json', '--data-dir', dir);
    expect(r.code, r.stderr).toBe(0);
    const data = reportData.parse(json(r));
    expect(data.placements.map((p) => p.taskName)).toEqual([HOSTILE, 'ok-task', 'ok-task']);
    expect(data.summary).toMatchObject({ total: 3, placed: 2, failed: 1, perTarget: [{ name: 'local', count: 2 }] });
    expect(data.summary!.mostCommonUnmet).toBe('gpu');
  });

  it('CSV: a row per placement × target, the formula neutralised', async () => {
    const r = await inWs('report', '--format', 'csv', '--data-dir', dir);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(r.stdout) as string[][];
    expect(rows.length - 1).toBe(3 * 4);
    expect(rows.slice(1, 5).every((row) => row[2] === `'${HOSTILE}`)).toBe(true);
    expect(r.stdout).toContain('\r\n');
  });

  it('Markdown by default; HTML inert; both to --out files', async () => {
    const md = await inWs('report', '--data-dir', dir);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toMatch(/^# Placement history/);
    expect(md.stdout).not.toContain('<script>');
    expect(md.stdout).toContain('&lt;script>alert(1)&lt;/script> \\| \\[a\\](javascript:x)');
    const out = await inWs('report', '--format', 'html', '--out', 'r.html', '--data-dir', dir);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toBe('Report written to r.html (3 placements, html).\n');
    const html = readFileSync(ws.path('r.html'), 'utf8');
    expectInert(html);
    expect(textOf(html)).toContain(HOSTILE);
  });

  it('PDF to a file; its text names the task and the chosen target', async () => {
    const r = await inWs('report', '--format', 'pdf', '--out', 'r.pdf', '--last', '1', '--data-dir', dir);
    expect(r.code, r.stderr).toBe(0);
    const { stdout } = await promisify(execFile)('pdftotext', [ws.path('r.pdf'), '-']);
    const text = stdout.replace(/\s+/g, ' ');
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('Not placed');
    const ok = await inWs('report', '--format', 'pdf', '--out', 'ok.pdf', '--since', '2000-01-01', '--data-dir', dir);
    expect(ok.code, ok.stderr).toBe(0);
    const okText = (await promisify(execFile)('pdftotext', [ws.path('ok.pdf'), '-'])).stdout.replace(/\s+/g, ' ');
    expect(okText).toContain('ok-task');
    expect(okText).toContain('Chosen: local');
  }, 60_000);

  it('--last, --since and --id narrow the report', async () => {
    const all = reportData.parse(json(await inWs('report', '--format', 'json', '--data-dir', dir)));
    const last = reportData.parse(json(await inWs('report', '--format', 'json', '--last', '2', '--data-dir', dir)));
    expect(last.placements.map((p) => p.id)).toEqual(all.placements.slice(0, 2).map((p) => p.id));
    const future = reportData.parse(
      json(await inWs('report', '--format', 'json', '--since', '2999-01-01', '--data-dir', dir)),
    );
    expect(future.placements).toEqual([]);
    const id = all.placements[1]!.id;
    const one = reportData.parse(
      json(await inWs('report', '--format', 'json', '--id', id.slice(0, 8), '--data-dir', dir)),
    );
    expect(one.kind).toBe('placement');
    expect(one.placements.map((p) => p.id)).toEqual([id]);
  });

  it('the History filters: --until, --strategy, --outcome, --target and --task-name, as history.list takes them', async () => {
    const report = async (...args: string[]) =>
      reportData.parse(json(await inWs('report', '--format', 'json', '--data-dir', dir, ...args)));
    const all = await report();
    const failed = await report('--outcome', 'failed');
    expect(failed.placements.map((p) => p.taskName)).toEqual([HOSTILE]);
    expect(failed.filters).toEqual({ outcome: 'failed' });
    expect((await report('--task-name', 'ok-task', '--outcome', 'placed')).placements).toHaveLength(2);
    const chosen = all.placements.find((p) => p.chosenTarget !== null)!.chosenTarget!;
    expect((await report('--target', chosen)).placements.every((p) => p.chosenTarget === chosen)).toBe(true);
    expect((await report('--strategy', all.placements[0]!.strategy)).placements).toHaveLength(3);
    expect((await report('--until', '2000-01-01')).placements).toEqual([]);
    // A date alone as --until is the whole of that day (UTC): every placement made that day is in it.
    const day = all.placements[0]!.at!.slice(0, 10);
    const thatDay = all.placements.filter((p) => p.at!.startsWith(day));
    expect((await report('--since', day, '--until', day)).placements.map((p) => p.id)).toEqual(
      thatDay.map((p) => p.id),
    );
  });

  it('an empty history is a valid report saying so', async () => {
    const r = await inWs('report', '--data-dir', ws.path('empty'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('No placements match');
  });

  it('--compare: every strategy for --task over --targets, nothing recorded', async () => {
    ws.write('gpu.yaml', 'task: {name: gpu-task, requirements: {gpu: {type: nvidia, minVram: 20}}}\n');
    const before = reportData.parse(json(await inWs('report', '--format', 'json', '--data-dir', dir)));
    const r = await inWs(
      'report',
      '--compare',
      '--task',
      'gpu.yaml',
      '--targets',
      'fleet.yaml',
      '--format',
      'json',
      '--data-dir',
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const data = reportData.parse(json(r));
    expect(data.kind).toBe('comparison');
    const p = data.placements[0]!;
    expect(p).toMatchObject({ taskName: 'gpu-task', outcome: 'compared', at: null });
    expect(p.decisions.map((d) => d.strategy)).toEqual([
      'auto',
      'local-first',
      'cloud-first',
      'cost-optimized',
      'performance',
    ]);
    // Only box (24 GB) and pricey (80 GB) have a GPU with 20 GB: cost-optimized takes the free one.
    expect(p.decisions.find((d) => d.strategy === 'cost-optimized')!.selectedTarget).toBe('box');
    expect(p.decisions.find((d) => d.strategy === 'cloud-first')!.selectedTarget).toBe('pricey');
    const local = p.decisions[0]!.scores.find((s) => s.targetId === 'local')!;
    expect(local.mismatches.map((m) => m.key)).toContain('gpu');
    const after = reportData.parse(json(await inWs('report', '--format', 'json', '--data-dir', dir)));
    expect(after.placements).toHaveLength(before.placements.length);
    const csv = await inWs('report', '--compare', '--task', 'gpu.yaml', '--targets', 'fleet.yaml', '--format', 'csv');
    expect(csv.code, csv.stderr).toBe(0);
    expect(parseCsv(csv.stdout)).toHaveLength(1 + 5 * 4);
  });

  it('a PDF of more than 1,000 placements is refused before printing, saying how to narrow it', async () => {
    const big = ws.path('big');
    writeGeneratedHistory(big, 1001);
    const out = ws.path('big.pdf');
    const [line] = expectBadInput(
      await inWs('report', '--format', 'pdf', '--out', out, '--data-dir', big),
      '--format pdf',
    );
    expect(line).toBe(
      '--format pdf: a PDF covers at most 1,000 placements and this report has 1,001: narrow it (the newest N, a start date, filters) or export HTML, CSV or JSON',
    );
    expect(existsSync(out)).toBe(false);
    // HTML has no such limit.
    expect((await inWs('report', '--format', 'html', '--out', ws.path('big.html'), '--data-dir', big)).code).toBe(0);
  });

  it('bad values exit 2 with one line, no stack trace', async () => {
    expectBadInput(await inWs('report', '--format', 'docx', '--data-dir', dir), '--format');
    expectBadInput(await inWs('report', '--last', '0', '--data-dir', dir), '--last');
    expectBadInput(await inWs('report', '--last', '1.5', '--data-dir', dir), '--last');
    expectBadInput(await inWs('report', '--since', 'yesterday', '--data-dir', dir), '--since');
    expectBadInput(await inWs('report', '--since', '2025-02-30', '--data-dir', dir), '--since');
    expectBadInput(await inWs('report', '--id', 'nope', '--data-dir', dir), '--id');
    expectBadInput(await inWs('report', '--until', 'soon', '--data-dir', dir), '--until');
    expectBadInput(await inWs('report', '--strategy', 'fastest', '--data-dir', dir), '--strategy');
    expectBadInput(await inWs('report', '--outcome', 'won', '--data-dir', dir), '--outcome');
    expectBadInput(await inWs('report', '--id', 'abc', '--outcome', 'failed', '--data-dir', dir), '--id');
    expectBadInput(await inWs('report', '--format', 'pdf', '--data-dir', dir), '--out');
    expectBadInput(await inWs('report', '--compare', '--data-dir', dir), '--task');
    expectBadInput(await inWs('report', '--task', 'ok.yaml', '--data-dir', dir), '--task');
    expectBadInput(await inWs('report', '--compare', '--task', 'ok.yaml', '--last', '1'), '--compare');
    expectBadInput(await inWs('report', '--compare', '--task', 'ok.yaml', '--mode', 'sideways'), '--mode');
    expectBadInput(await inWs('report', '--compare', '--task', 'missing.yaml'), 'missing.yaml');
  });
});
