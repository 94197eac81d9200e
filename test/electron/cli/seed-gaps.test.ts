// Issue 15, point 5, through the built CLI: each limit of the targets file's `placement:` block,
// when it bites, is said in the result (`candidatesEvaluated`, a warning, the targets not evaluated),
// and `schema` shows the new fields. Needs the CLI built from the sources of this change.
import { describe, expect, it } from 'vitest';
import { placementResult } from '../../../shared/schema/result.js';
import { cliWorkspace, FLEET, json } from './cli-harness.js';

const { ws, inWs } = cliWorkspace();

describe('the options that bound a decision, when they bite', () => {
  it('maxCandidates: the first N targets are evaluated, the rest listed as not evaluated, with a warning', async () => {
    ws.write('capped.yaml', FLEET.replace('discoveryEnabled: false}', 'discoveryEnabled: false, maxCandidates: 2}'));
    ws.write('task.yaml', 'task: {name: small, requirements: {cpu: 2}}\n');
    const r = await inWs('place', '--task', 'task.yaml', '--targets', 'capped.yaml', '--json', '--no-history');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = placementResult.parse(json(r));
    expect(result.candidatesEvaluated).toBe(2);
    expect(['local', 'box']).toContain(result.selectedTarget);
    expect(result.warnings).toContain(
      'evaluated the first 2 of 4 targets (placement.maxCandidates); the rest were not considered',
    );
    expect(result.scores.find((s) => s.targetId === 'pricey')!.mismatches[0]!.message).toBe(
      'not evaluated: beyond the first 2 candidates (placement.maxCandidates)',
    );
  });

  it('deadlineMs: a deadline shorter than one chunk of 1,024 targets stops after the first', async () => {
    const lines = ['placement: {discoveryEnabled: false, deadlineMs: 0.000001}', 'targets:'];
    for (let i = 0; i < 2100; i++)
      lines.push(`  - {id: n${i}, type: ssh, host: h${i}, capabilities: {cpu: 8, memoryGb: 16, os: linux}}`);
    ws.write('many.yaml', `${lines.join('\n')}\n`);
    ws.write('task.yaml', 'task: {name: small, requirements: {cpu: 2}}\n');
    const r = await inWs('place', '--task', 'task.yaml', '--targets', 'many.yaml', '--json', '--no-history');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = placementResult.parse(json(r));
    expect(result.candidatesEvaluated).toBe(1024);
    expect(result.scores).toHaveLength(2100);
    expect(result.warnings).toContain(
      'the decision deadline of 0.000001 ms passed after evaluating 1024 of 2100 targets; the rest were not considered',
    );
  });

  it('--max-candidates and --deadline-ms override the file, and a bad value is one line, exit 2', async () => {
    ws.write('task.yaml', 'task: {name: small, requirements: {cpu: 2}}\n');
    const r = await inWs(
      'compare',
      '--task',
      'task.yaml',
      '--targets',
      'fleet.yaml',
      '--json',
      '--max-candidates',
      '1',
    );
    expect(r.code).toBe(0);
    const auto = (json(r) as { strategies: Record<string, { candidatesEvaluated?: number; warnings: string[] }> })
      .strategies['auto']!;
    expect(auto.candidatesEvaluated).toBe(1);
    expect(auto.warnings).toContain(
      'evaluated the first 1 of 4 targets (placement.maxCandidates); the rest were not considered',
    );
    for (const [flag, value, expected] of [
      ['--max-candidates', '0', '--max-candidates: expected a whole number ≥ 1, got "0"'],
      ['--max-candidates', '2.5', '--max-candidates: expected a whole number ≥ 1, got "2.5"'],
      ['--deadline-ms', 'soon', '--deadline-ms: expected a number > 0 (ms), got "soon"'],
    ] as const) {
      const bad = await inWs('place', '--task', 'task.yaml', '--targets', 'fleet.yaml', '--no-history', flag, value);
      expect(bad.code).toBe(2);
      expect(bad.stderr.trim()).toBe(expected);
    }
  });

  it('schema shows the new fields of both kinds of file', async () => {
    const task = await inWs('schema', 'task');
    expect(task.stdout).toContain('"targetTypes"');
    expect(task.stdout).toContain('"allowCloud"');
    const targets = await inWs('schema', 'targets');
    expect(targets.stdout).toContain('"maxCandidates"');
    expect(targets.stdout).toContain('"deadlineMs"');
  });
});
