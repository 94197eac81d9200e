// End-to-end tests of the built CLI's placements: every case runs `node bin/placement-explorer.cjs …` as a
// real process on real files, and checks exit codes, stdout and stderr against the CLI contract in DESIGN.md.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { compareResult, pipelineResult, placementResult } from '../../../shared/schema/result.js';
import {
  cliWorkspace,
  EXAMPLE_INPUTS,
  EXAMPLES,
  expectNoStackTrace,
  json,
  linesOf,
  ROOT,
  runCli,
  STRATEGIES,
} from './cli-harness.js';

const { ws, inWs } = cliWorkspace();

describe.concurrent('happy paths on the examples', () => {
  it('place prints a ranked table with the winner marked', async () => {
    const r = await runCli(['place', ...EXAMPLE_INPUTS]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const head = /^Task 'build-ml-model' → (\S+) +\(auto, burst mode; reason: \w+\)$/.exec(lines[0]!);
    expect(head, lines[0]).not.toBeNull();
    const winner = head![1]!;
    const headerAt = lines.findIndex((l) => /^#\s+TARGET\s+TYPE\s+ELIGIBLE\s+SCORE\s+COST\s+WHY NOT$/.test(l));
    expect(headerAt, r.stdout).toBeGreaterThan(0);
    const rows = lines.slice(headerAt + 1, lines.indexOf('', headerAt));
    expect(rows).toHaveLength(6); // one row per target in examples/targets.yaml
    // The winner ranks first and is the only row marked with *.
    expect(rows[0]).toMatch(new RegExp(`^1 +${winner} \\* +\\w+ +yes +\\d\\.\\d{3} +\\$\\d+\\.\\d{2}`));
    expect(rows.filter((row) => row.includes(' * '))).toHaveLength(1);
    // Eligible rows are numbered 1..n, by score descending; ineligible ones get '-' and say why not.
    const eligible = rows.filter((row) => /^\d/.test(row));
    expect(eligible.map((row) => Number(row.split(/\s+/)[0]))).toEqual(eligible.map((_, i) => i + 1));
    const scores = rows.map((row) => Number(/ (?:yes|no) +(\d\.\d{3}) /.exec(row)![1]));
    expect(scores.slice(0, eligible.length)).toEqual([...scores.slice(0, eligible.length)].sort((a, b) => b - a));
    for (const row of rows.slice(eligible.length)) expect(row).toMatch(/^- .* no +0\.000 +\$\d+\.\d{2} +\S.*:/);
    expect(r.stdout).toContain('shared-ci');
    expect(r.stdout).toContain('maxRuntimeMinutes: needs 120 min, target allows 90 min');
  });

  it('place --json validates against placementResult and is ranked by score', async () => {
    const r = await runCli(['place', ...EXAMPLE_INPUTS, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const result = placementResult.parse(json(r));
    expect(result).toMatchObject({ success: true, strategy: 'auto', mode: 'burst', failureMessage: null });
    expect(result.taskName).toBe('build-ml-model');
    const eligible = result.scores.filter((s) => s.eligible);
    expect(eligible.length).toBeGreaterThan(0);
    const scores = eligible.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Eligible targets first; the winner is the top one; ineligible ones score 0 and say why.
    expect(result.scores.slice(0, eligible.length)).toEqual(eligible);
    expect(result.selectedTarget).toBe(eligible[0]!.targetId);
    for (const s of result.scores.filter((x) => !x.eligible)) {
      expect(s.score).toBe(0);
      expect(s.mismatches.length).toBeGreaterThan(0);
    }
    expect(result.scores.map((s) => s.targetId).sort()).toEqual(
      ['aws-g5-xlarge', 'aws-p4d-24xlarge', 'gcp-e2-standard-8', 'gpu-box', 'local', 'shared-ci'].sort(),
    );
  });

  it('place on the example pipeline: --json validates against pipelineResult', async () => {
    const r = await runCli([
      'place',
      '--task',
      'examples/pipeline.yaml',
      '--targets',
      'examples/targets.yaml',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const result = pipelineResult.parse(json(r));
    expect(result).toMatchObject({ pipeline: 'transcribe', success: true, failureMessage: null });
    expect(result.nodes.map((n) => n.id)).toEqual(['decode', 'whisper', 'summarise']);
    for (const node of result.nodes) expect(node.result.success).toBe(true);
    // The GPU node lands on a target with a big enough NVIDIA GPU.
    expect(['gpu-box', 'shared-ci', 'aws-g5-xlarge', 'aws-p4d-24xlarge']).toContain(
      result.nodes[1]!.result.selectedTarget,
    );
    const human = await runCli(['place', '--task', 'examples/pipeline.yaml', '--targets', 'examples/targets.yaml']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^Pipeline 'transcribe': every node placed/);
    expect(human.stdout.match(/^── Node '\w+' → \S+/gm)).toHaveLength(3);
  });

  it('compare --json gives every strategy, each a valid placement result', async () => {
    const r = await runCli(['compare', ...EXAMPLE_INPUTS, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const data = json(r) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(['strategies']);
    const result = compareResult.parse(data);
    expect(Object.keys(result.strategies).sort()).toEqual([...STRATEGIES].sort());
    for (const [name, res] of Object.entries(result.strategies)) {
      const placed = placementResult.parse(res);
      expect(placed.strategy).toBe(name);
      expect(placed.success).toBe(true);
    }
    const human = await runCli(['compare', ...EXAMPLE_INPUTS]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(
      /^TARGET\s+TYPE\s+COST\s+auto\s+local-first\s+cloud-first\s+cost-optimized\s+performance\s+WHY NOT$/m,
    );
    expect(human.stdout).toContain('Winners (*):');
  });

  it('validate passes every example file', async () => {
    const files = readdirSync(EXAMPLES)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => `examples/${f}`);
    expect(files.length).toBeGreaterThanOrEqual(3);
    const r = await runCli(['validate', ...files]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(linesOf(r.stdout)).toEqual(
      files.map((f) => `${f}: valid ${f.endsWith('targets.yaml') ? 'targets' : 'task'} file`),
    );
  });

  it('schema task prints a JSON Schema that rejects unknown keys', async () => {
    const r = await runCli(['schema', 'task']);
    expect(r.code).toBe(0);
    const schema = json(r) as Record<string, unknown>;
    expect(schema['$schema']).toMatch(/json-schema\.org/);
    const objects = objectSchemas(schema);
    const requirements = objects.find((o) => 'memoryGb' in o.properties && 'gpu' in o.properties);
    expect(requirements, 'the requirements object').toBeDefined();
    expect(requirements!.additionalProperties).toBe(false);
    const task = objects.find((o) => 'requirements' in o.properties && 'name' in o.properties);
    expect(task!.additionalProperties).toBe(false);
  });

  it('schema targets prints a JSON Schema that rejects unknown keys and option-like hosts', async () => {
    const r = await runCli(['schema', 'targets']);
    expect(r.code).toBe(0);
    const schema = json(r) as Record<string, unknown>;
    expect(schema['$schema']).toMatch(/json-schema\.org/);
    expect(schema['additionalProperties']).toBe(false);
    const objects = objectSchemas(schema);
    const placement = objects.find((o) => 'strategy' in o.properties && 'tieBreaker' in o.properties);
    expect(placement!.additionalProperties).toBe(false);
    expect((placement!.properties['strategy'] as { enum: string[] }).enum).toEqual(STRATEGIES);
    const ssh = objects.find((o) => 'host' in o.properties);
    expect(ssh!.additionalProperties).toBe(false);
    const hostPattern = new RegExp((ssh!.properties['host'] as { pattern: string }).pattern);
    expect(hostPattern.test('10.0.0.5')).toBe(true);
    expect(hostPattern.test('-oProxyCommand=evil')).toBe(false);
  });

  it('--version prints the package version and exits 0', async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await runCli([flag]);
      expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    }
  });

  it('schema with an unknown kind is a usage error', async () => {
    const r = await runCli(['schema', 'history']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/task, targets/);
    expectNoStackTrace(r.stderr);
  });
});

interface ObjectSchema {
  properties: Record<string, unknown>;
  additionalProperties?: unknown;
}

/** Every object schema (one with `properties`) anywhere in a JSON Schema. */
function objectSchemas(node: unknown, out: ObjectSchema[] = []): ObjectSchema[] {
  if (Array.isArray(node)) for (const n of node) objectSchemas(n, out);
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o['properties'] && typeof o['properties'] === 'object') out.push(o as unknown as ObjectSchema);
    for (const v of Object.values(o)) objectSchemas(v, out);
  }
  return out;
}

describe.concurrent('exit 1: no valid target', () => {
  it('a GPU nobody has: exit 1, and the failure names the missing capability', async () => {
    const task = ws.write('vram500.yaml', 'task:\n  name: huge\n  requirements:\n    gpu: {minVram: 500}\n');
    const [human, machine] = await Promise.all([
      runCli(['place', '--task', ws.path(task), ...EXAMPLE_INPUTS.slice(2)]),
      runCli(['place', '--task', ws.path(task), ...EXAMPLE_INPUTS.slice(2), '--json']),
    ]);
    expect(human.code).toBe(1);
    expect(human.stderr).toBe('');
    expect(human.stdout).toMatch(/^Task 'huge' → not placed .*reason: NoValidTarget/);
    expect(human.stdout).toContain("✗ Task 'huge' requires capabilities not available: gpu");
    expect(human.stdout).not.toMatch(/ \* /);
    expect(machine.code).toBe(1);
    const result = placementResult.parse(json(machine));
    expect(result).toMatchObject({ success: false, selectedTarget: null, reason: 'NoValidTarget' });
    expect(result.failureMessage).toContain('gpu');
    expect(result.scores.every((s) => !s.eligible && s.score === 0)).toBe(true);
    // The analysis says what would admit a target.
    expect(result.analysis.find((a) => a.key === 'gpu.minVram')?.suggestion).toMatch(/gpu\.minVram ≤ 40/);
  });

  it('cpu: 100000 with --no-discovery: exit 1, the local target’s cpu is unknown', async () => {
    const task = ws.write('cpu100k.yaml', 'task: {name: huge, requirements: {cpu: 100000}}\n');
    const r = await runCli(['place', '--task', ws.path(task), ...EXAMPLE_INPUTS.slice(2), '--no-discovery']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Task 'huge' requires capabilities not available: cpu");
    expect(r.stdout).toMatch(
      /^- +local +local +no .*unknown: local does not say how many cores it has \(needs 100000 cores\)/m,
    );
  });

  it('--no-discovery uses only the written capabilities of the local target', async () => {
    const targets = ws.write(
      'written-local.yaml',
      'targets:\n  - {id: local, type: local, capabilities: {cpu: 12345}}\n',
    );
    const task = ws.write('cpu12345.yaml', 'task: {name: t, requirements: {cpu: 12345}}\n');
    const fileOff = ws.write(
      'written-local-off.yaml',
      'placement: {discoveryEnabled: false}\ntargets:\n  - {id: local, type: local, capabilities: {cpu: 12345}}\n',
    );
    const [off, on, offInFile] = await Promise.all([
      inWs('place', '--task', task, '--targets', targets, '--no-discovery', '--json'),
      inWs('place', '--task', task, '--targets', targets, '--json'),
      inWs('place', '--task', task, '--targets', fileOff, '--json'),
    ]);
    expect(off.code).toBe(0);
    const written = placementResult.parse(json(off));
    expect(written.selectedTarget).toBe('local');
    expect(written.scores[0]!.matches).toContainEqual({ key: 'cpu', need: 12345, have: 12345 });
    expect(offInFile.code).toBe(0);
    // With discovery, the discovered value wins over the written one.
    const discovered = placementResult.parse(json(on));
    const cpu = [...discovered.scores[0]!.matches, ...discovered.scores[0]!.mismatches].find((m) => m.key === 'cpu');
    expect(cpu?.have).toBe(os.availableParallelism());
  });

  it('a pipeline with a node nothing can run: exit 1 naming the node', async () => {
    const task = ws.write(
      'pipe-fail.yaml',
      'pipeline:\n  name: tr\n  nodes:\n    - {id: decode, requirements: {cpu: 2}}\n    - {id: whisper, requirements: {gpu: {type: cuda, minVram: 500}}}\n',
    );
    const [human, machine] = await Promise.all([
      inWs('place', '--task', task, '--targets', 'fleet.yaml'),
      inWs('place', '--task', task, '--targets', 'fleet.yaml', '--json'),
    ]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain("Node 'whisper' requires capabilities not available: gpu");
    expect(machine.code).toBe(1);
    const result = pipelineResult.parse(json(machine));
    expect(result.success).toBe(false);
    expect(result.failureMessage).toBe("Node 'whisper' requires capabilities not available: gpu");
    expect(result.nodes.map((n) => [n.id, n.result.success])).toEqual([
      ['decode', true],
      ['whisper', false],
    ]);
  });

  it('compare exits 0 even when nothing fits (a what-if)', async () => {
    const task = ws.write('cmp-none.yaml', 'task: {name: none, requirements: {cpu: 100000}}\n');
    const r = await inWs('compare', '--task', task, '--targets', 'fleet.yaml', '--json');
    expect(r.code).toBe(0);
    const result = compareResult.parse(json(r));
    for (const res of Object.values(result.strategies)) expect(res.success).toBe(false);
  });
});

describe.concurrent('hostile text never drives the terminal', () => {
  // ESC, CSI (C1), BEL, CR: each can recolour, move the cursor or overwrite what the user sees.
  const HOSTILE = '\u001b[31mred\u001b[0m\u009b2J\u0007\rX';
  // Control characters other than newline and tab: C0, DEL and C1.
  // eslint-disable-next-line no-control-regex
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
  // eslint-disable-next-line no-control-regex
  const C0 = /[\u0000-\u0008\u000b-\u001f\u007f]/;

  it('place, compare and a failed placement print no control characters', async () => {
    ws.write('hostile.json', JSON.stringify({ task: { name: HOSTILE, requirements: { cpu: 1 } } }));
    ws.write(
      'hostile-fail.json',
      JSON.stringify({ task: { name: HOSTILE, requirements: { custom: { site: `\u001b]0;pwned\u0007` } } } }),
    );
    ws.write('hostile-pipe.json', JSON.stringify({ pipeline: { name: HOSTILE, nodes: [{ id: 'a' }] } }));
    const runs = await Promise.all([
      inWs('place', '--task', 'hostile.json', '--targets', 'fleet.yaml'),
      inWs('compare', '--task', 'hostile.json', '--targets', 'fleet.yaml'),
      inWs('place', '--task', 'hostile-fail.json', '--targets', 'fleet.yaml'),
      inWs('place', '--task', 'hostile-pipe.json', '--targets', 'fleet.yaml'),
      inWs('compare', '--task', 'hostile-pipe.json', '--targets', 'fleet.yaml'),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 1, 0, 0]);
    for (const r of runs) {
      expect(r.stdout).not.toMatch(CONTROL);
      expect(r.stderr).toBe('');
    }
    expect(runs[0]!.stdout).toContain("Task '?[31mred?[0m?2J??X'");
    expect(runs[2]!.stdout).toContain('custom.site');
    // --json escapes C0 control characters instead (JSON leaves C1 ones as they are).
    const machine = await inWs('place', '--task', 'hostile.json', '--targets', 'fleet.yaml', '--json');
    expect(machine.stdout).not.toMatch(C0);
    expect(placementResult.parse(json(machine)).taskName).toBe(HOSTILE);
  });

  // Keys and JSON syntax errors quote the file: stderr needs the same care as stdout.
  it('error lines about a hostile file print no control characters', async () => {
    ws.write('hostile-key.yaml', 'task:\n  name: a\n  requirements:\n    "\\e[2Jgpuu": true\n');
    ws.write('hostile-label.yaml', 'task:\n  name: a\n  requirements:\n    custom: {"\\e[2Jk": v}\n');
    ws.write('hostile-syntax.json', '{"task": \u001b[2J}');
    const runs = await Promise.all([
      inWs('validate', 'hostile-key.yaml'),
      inWs('validate', 'hostile-label.yaml'),
      inWs('validate', 'hostile-syntax.json'),
    ]);
    for (const [i, r] of runs.entries()) {
      expect(r.code).toBe(2);
      expect(linesOf(r.stderr).length, `run ${i}`).toBeGreaterThan(0);
      expect(r.stderr, `run ${i}: ${JSON.stringify(r.stderr)}`).not.toMatch(CONTROL);
    }
  });
});

/** The result without what may differ between two runs of the same inputs. */
function stripVolatile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripVolatile);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'requestId' && k !== 'decisionMs')
        .map(([k, v]) => [k, stripVolatile(v)]),
    );
  return value;
}

describe.concurrent('determinism', () => {
  for (const [name, args] of [
    ['place (task)', ['place', ...EXAMPLE_INPUTS]],
    ['place (pipeline)', ['place', '--task', 'examples/pipeline.yaml', '--targets', 'examples/targets.yaml']],
    ['compare', ['compare', ...EXAMPLE_INPUTS]],
  ] as const) {
    it(`${name} --json --no-discovery twice: identical apart from requestId and decisionMs`, async () => {
      const [a, b] = await Promise.all([
        runCli([...args, '--json', '--no-discovery']),
        runCli([...args, '--json', '--no-discovery']),
      ]);
      expect(a.code).toBe(b.code);
      const [ja, jb] = [json(a), json(b)];
      expect(JSON.stringify(stripVolatile(ja), null, 2)).toBe(JSON.stringify(stripVolatile(jb), null, 2));
      // Each run is its own request: the stripped fields did differ.
      const firstId = (text: string) => /"requestId": "([^"]+)"/.exec(text)?.[1];
      expect(firstId(a.stdout)).toBeDefined();
      expect(firstId(a.stdout)).not.toBe(firstId(b.stdout));
    });
  }

  it('the human output of place --no-discovery is byte-identical across runs', async () => {
    const [a, b] = await Promise.all([
      runCli(['place', ...EXAMPLE_INPUTS, '--no-discovery']),
      runCli(['place', ...EXAMPLE_INPUTS, '--no-discovery']),
    ]);
    expect(a.code).toBe(0);
    expect(a.stdout).not.toBe('');
    expect(a.stdout).toBe(b.stdout);
  });
});

describe.concurrent('flags', () => {
  const placeJson = async (task: string, ...flags: string[]) => {
    const r = await inWs('place', '--task', task, '--targets', 'fleet.yaml', '--json', ...flags);
    return { run: r, result: placementResult.parse(json(r)) };
  };

  it('--strategy cost-optimized picks the cheapest eligible target', async () => {
    // Only the two cloud targets are eligible: one cheap, one dear.
    ws.write('cloud-only.yaml', 'task: {name: c, requirements: {custom: {kind: cloud}}}\n');
    ws.write('any-gpu.yaml', 'task: {name: g, requirements: {gpu: true}}\n');
    const [cost, perf, costGpu] = await Promise.all([
      placeJson('cloud-only.yaml', '--strategy', 'cost-optimized'),
      placeJson('cloud-only.yaml', '--strategy', 'performance'),
      placeJson('any-gpu.yaml', '--strategy', 'cost-optimized'),
    ]);
    expect(cost.run.code).toBe(0);
    expect(cost.result).toMatchObject({ strategy: 'cost-optimized', selectedTarget: 'cheap', reason: 'CostOptimal' });
    expect(perf.result.selectedTarget).toBe('pricey'); // the flag, not the fleet, decides
    for (const { result } of [cost, costGpu]) {
      const eligible = result.scores.filter((s) => s.eligible);
      const cheapest = Math.min(...eligible.map((s) => s.estimatedCost ?? Infinity));
      expect(result.scores.find((s) => s.targetId === result.selectedTarget)!.estimatedCost).toBe(cheapest);
    }
    expect(costGpu.result.selectedTarget).toBe('box');
  });

  it('--mode local-only: only the local target can win, or the placement fails', async () => {
    ws.write('small.yaml', 'task: {name: small, requirements: {cpu: 2}}\n');
    ws.write('gpu.yaml', 'task: {name: gpu, requirements: {gpu: true}}\n');
    const [small, gpu] = await Promise.all([
      placeJson('small.yaml', '--mode', 'local-only', '--strategy', 'cloud-first'),
      placeJson('gpu.yaml', '--mode', 'local-only'),
    ]);
    expect(small.run.code).toBe(0);
    expect(small.result).toMatchObject({ mode: 'local-only', selectedTarget: 'local', reason: 'ModeRestricted' });
    for (const s of small.result.scores.filter((x) => x.targetId !== 'local')) {
      expect(s.eligible).toBe(false);
      expect(s.mismatches.map((m) => m.key)).toContain('mode');
    }
    expect(gpu.run.code).toBe(1);
    // The mode, not the task, left nothing: gpu-box would be eligible in burst mode.
    expect(gpu.result).toMatchObject({ success: false, selectedTarget: null, reason: 'ModeRestricted' });
  });

  it('--mode airgapped fails a task that needs the network', async () => {
    ws.write('net.yaml', 'task: {name: net, requirements: {network: true}}\n');
    const r = await inWs('place', '--task', 'net.yaml', '--targets', 'fleet.yaml', '--mode', 'airgapped');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Task 'net' requires network access, which airgapped mode forbids");
  });

  it('--no-fallback keeps local-first on local (and cloud-first on the cloud), saying so', async () => {
    ws.write('gpu-nf.yaml', 'task: {name: gpu, requirements: {gpu: true}}\n');
    ws.write('lab.yaml', 'task: {name: lab, requirements: {custom: {site: lab}}}\n');
    const [fallback, local, cloud] = await Promise.all([
      placeJson('gpu-nf.yaml', '--strategy', 'local-first'),
      inWs('place', '--task', 'gpu-nf.yaml', '--targets', 'fleet.yaml', '--strategy', 'local-first', '--no-fallback'),
      inWs('place', '--task', 'lab.yaml', '--targets', 'fleet.yaml', '--strategy', 'cloud-first', '--no-fallback'),
    ]);
    expect(fallback.run.code).toBe(0);
    expect(fallback.result).toMatchObject({ fallbackUsed: true, reason: 'Fallback' });
    expect(fallback.result.selectedTarget).not.toBe('local');
    expect(local.code).toBe(1);
    expect(local.stderr).toBe('');
    expect(local.stdout).toMatch(/local-first found no eligible local target and fallback is disabled/);
    expect(cloud.code).toBe(1);
    expect(cloud.stdout).toMatch(/cloud-first found no eligible cloud target and fallback is disabled/);
  });
});

describe('time and cost to result (examples/finetune-7b.yaml over examples/gpu-targets.yaml)', () => {
  const FT = ['--task', 'examples/finetune-7b.yaml', '--targets', 'examples/gpu-targets.yaml', '--no-history'];

  it('three strategies pick three targets, and compare prints EST. TIME and EST. COST', async () => {
    const r = await runCli(['compare', ...FT.slice(0, 4)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^TARGET\s+TYPE\s+EST\. TIME\s+EST\. COST\s+auto/m);
    expect(r.stdout).toMatch(/^ {2}auto +aws-g6e\.xlarge \(HighestScore\)$/m);
    expect(r.stdout).toMatch(/^ {2}cost-optimized +gpu-box \(CostOptimal\)$/m);
    expect(r.stdout).toMatch(/^ {2}performance +aws-p4d\.24xlarge \(CapabilityMatch\)$/m);
    expect(r.stdout).toMatch(/^aws-p4d\.24xlarge +cloud +5 min +\$2\.76 /m);
  });

  it('place --why-not says what would make the winner lose and a named target win, each change with its path', async () => {
    const r = await runCli(['place', ...FT, '--why-not', 'aws-p4d.24xlarge']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/trade-off: 30 min slower than aws-p4d\.24xlarge, \$1\.68 cheaper/);
    expect(r.stdout).toMatch(/^ {2}aws-g6e\.xlarge \(the winner\) would lose:$/m);
    expect(r.stdout).toMatch(
      /^ {4}- aws-g6e\.xlarge loses at \$2\.77\/h or more \(it is \$1\.86\/h\) {3}\[targets\.aws-g6e\.xlarge\.hourlyRate → 2\.77\]$/m,
    );
    expect(r.stdout).toMatch(/^ {2}aws-p4d\.24xlarge would win:$/m);
    expect(r.stdout).toMatch(/\[task\.requirements\.maxRuntimeMinutes → 6\]$/m);
    // Only the winner and the named target: not the other runner-up.
    expect(r.stdout).not.toMatch(/^ {2}gpu-box would win:$/m);
    // The result always carries it: the winner's, then the two runners-up's.
    const j = json(await runCli(['place', ...FT, '--json'])) as { whyNot: { targetId: string }[] };
    expect(j.whyNot.map((w) => w.targetId)).toEqual(['aws-g6e.xlarge', 'gpu-box', 'aws-p4d.24xlarge']);
    // The human output shows it only when asked.
    expect((await runCli(['place', ...FT])).stdout).not.toMatch(/What would change the winner/);
  });

  it('--why-not with a target that is not there is a one-line usage error', async () => {
    const r = await runCli(['place', ...FT, '--why-not', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      '--why-not: no target "nope" (the targets are laptop, gpu-box, aws-g6e.xlarge, aws-p4d.24xlarge)',
    );
  });
});
