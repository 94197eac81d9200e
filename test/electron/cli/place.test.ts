import { beforeAll, describe, expect, it } from 'vitest';
import { compareResult, pipelineResult, placementResult } from '../../../shared/schema/result.js';
import { assertBuilt, cli, put, scratchDir } from './exec-cli.js';

const EXAMPLES = ['--task', 'examples/task.yaml', '--targets', 'examples/targets.yaml'];
let dir: string;
let targets: string;

beforeAll(() => {
  assertBuilt();
  dir = scratchDir();
  targets = put(
    dir,
    'targets.yaml',
    `placement: {strategy: auto}
targets:
  - {id: local, type: local, capabilities: {cpu: 8, memoryGb: 16, gpus: [], os: linux, network: true}}
  - {id: box, type: ssh, host: box.example, capabilities: {cpu: 32, memoryGb: 128, gpus: [{vendor: nvidia, vramGb: 24}], os: linux, network: true}}
  - {id: cheap, type: cloud, provider: aws, hourlyRate: 0.2, capabilities: {cpu: 8, memoryGb: 32, gpus: [], os: linux, network: true}}
  - {id: dear, type: cloud, provider: aws, hourlyRate: 3, capabilities: {cpu: 8, memoryGb: 64, gpus: [{vendor: nvidia, vramGb: 80}], os: linux, network: true}}
`,
  );
});

describe('place', () => {
  it('prints a ranked, explained table for the examples', async () => {
    const r = await cli('place', ...EXAMPLES);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Task 'build-ml-model' → \S+ +\(auto, burst mode; reason: \w+\)/);
    expect(r.stdout).toMatch(/#\s+TARGET\s+TYPE\s+ELIGIBLE\s+SCORE\s+COST\s+WHY NOT/);
    expect(r.stdout).toMatch(/^1 +\S+ \* /m);
    expect(r.stdout).toContain('maxRuntimeMinutes: needs 120 min, target allows 90 min');
    expect(r.stdout).toContain('What eliminates targets');
  });

  it('--json prints a result valid against the schema, ranked by score', async () => {
    const r = await cli('place', ...EXAMPLES, '--json');
    expect(r.code).toBe(0);
    const result = placementResult.parse(JSON.parse(r.stdout));
    expect(result.success).toBe(true);
    const eligible = result.scores.filter((s) => s.eligible).map((s) => s.score);
    expect(eligible).toEqual([...eligible].sort((a, b) => b - a));
    expect(result.selectedTarget).toBe(result.scores[0]!.targetId);
  });

  it('places each node of a pipeline', async () => {
    const r = await cli('place', '--task', 'examples/pipeline.yaml', '--targets', 'examples/targets.yaml', '--json');
    expect(r.code).toBe(0);
    const result = pipelineResult.parse(JSON.parse(r.stdout));
    expect(result.nodes.map((n) => n.id)).toEqual(['decode', 'whisper', 'summarise']);
    expect(result.success).toBe(true);
  });

  it('exits 1 and names what is missing when no target fits', async () => {
    const task = put(dir, 'huge.yaml', 'task: {name: huge, requirements: {gpu: {minVram: 500}}}\n');
    const r = await cli('place', '--task', task, '--targets', targets, '--no-discovery');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Task 'huge' requires capabilities not available: gpu");
    const json = await cli('place', '--task', task, '--targets', targets, '--no-discovery', '--json');
    expect(json.code).toBe(1);
    expect(placementResult.parse(JSON.parse(json.stdout))).toMatchObject({ success: false, reason: 'NoValidTarget' });
  });

  it('a failing pipeline exits 1 and names the node', async () => {
    const task = put(
      dir,
      'pipe.yaml',
      'pipeline: {name: p, nodes: [{id: a}, {id: whisper, requirements: {gpu: {type: amd}}}]}\n',
    );
    const r = await cli('place', '--task', task, '--targets', targets, '--no-discovery');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Node 'whisper' requires capabilities not available: gpu");
  });

  it('--strategy cost-optimized picks the cheapest eligible target', async () => {
    const task = put(dir, 'cpu.yaml', 'task: {name: cpu, requirements: {cpu: 8, memoryGb: 30}}\n');
    const r = await cli(
      'place',
      '--task',
      task,
      '--targets',
      targets,
      '--no-discovery',
      '--strategy',
      'cost-optimized',
      '--json',
    );
    expect(placementResult.parse(JSON.parse(r.stdout))).toMatchObject({ selectedTarget: 'box', reason: 'CostOptimal' });
  });

  it('--mode local-only keeps the task on the local target, or fails', async () => {
    const small = put(dir, 'small.yaml', 'task: {name: small, requirements: {cpu: 2}}\n');
    const r = await cli(
      'place',
      '--task',
      small,
      '--targets',
      targets,
      '--no-discovery',
      '--mode',
      'local-only',
      '--strategy',
      'cloud-first',
      '--json',
    );
    expect(placementResult.parse(JSON.parse(r.stdout))).toMatchObject({
      selectedTarget: 'local',
      reason: 'ModeRestricted',
    });
    const gpu = put(dir, 'gpu.yaml', 'task: {name: gpu, requirements: {gpu: true}}\n');
    expect(
      (await cli('place', '--task', gpu, '--targets', targets, '--no-discovery', '--mode', 'local-only')).code,
    ).toBe(1);
  });

  it('--no-fallback keeps local-first on local and says so', async () => {
    const gpu = put(dir, 'gpu2.yaml', 'task: {name: gpu, requirements: {gpu: true}}\n');
    const withFallback = await cli(
      'place',
      '--task',
      gpu,
      '--targets',
      targets,
      '--no-discovery',
      '--strategy',
      'local-first',
      '--json',
    );
    expect(placementResult.parse(JSON.parse(withFallback.stdout))).toMatchObject({
      success: true,
      fallbackUsed: true,
      reason: 'Fallback',
    });
    const r = await cli(
      'place',
      '--task',
      gpu,
      '--targets',
      targets,
      '--no-discovery',
      '--strategy',
      'local-first',
      '--no-fallback',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('fallback is disabled');
  });

  it('discovers the local target unless --no-discovery', async () => {
    const bare = put(dir, 'bare-targets.yaml', 'targets: [{id: local, type: local}]\n');
    const task = put(dir, 'one.yaml', 'task: {name: one, requirements: {cpu: 1, memoryGb: 0.1}}\n');
    expect((await cli('place', '--task', task, '--targets', bare)).code).toBe(0);
    const r = await cli('place', '--task', task, '--targets', bare, '--no-discovery');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('cpu: needs 1 cores, unknown on this target');
  });

  it('is deterministic apart from requestId and decisionMs', async () => {
    const strip = (text: string) =>
      JSON.stringify(JSON.parse(text, (k, v: unknown) => (k === 'requestId' || k === 'decisionMs' ? undefined : v)));
    const [a, b] = await Promise.all([
      cli('place', ...EXAMPLES, '--no-discovery', '--json'),
      cli('place', ...EXAMPLES, '--no-discovery', '--json'),
    ]);
    expect(strip(a.stdout)).toBe(strip(b.stdout));
    expect(JSON.parse(a.stdout).requestId).not.toBe(JSON.parse(b.stdout).requestId);
  });

  it('never lets a hostile name drive the terminal', async () => {
    const task = put(
      dir,
      'hostile.json',
      JSON.stringify({ task: { name: '\u001b[31mred\u001b[0m\u0007', requirements: { cpu: 1 } } }),
    );
    const r = await cli('place', '--task', task, '--targets', targets, '--no-discovery');
    expect(r.code).toBe(0);
    // No control character but newline survives: no ESC, no BEL.
    expect([...r.stdout].filter((c) => c !== '\n' && (c < ' ' || c === '\u007f'))).toEqual([]);
    expect(r.stdout).toContain('?[31mred?[0m?');
  });
});

describe('compare', () => {
  it('shows every strategy side by side and records nothing', async () => {
    const r = await cli('compare', ...EXAMPLES, '--json');
    expect(r.code).toBe(0);
    const result = compareResult.parse(JSON.parse(r.stdout));
    expect(Object.keys(result.strategies)).toEqual([
      'auto',
      'local-first',
      'cloud-first',
      'cost-optimized',
      'performance',
    ]);
    const human = await cli('compare', ...EXAMPLES);
    expect(human.stdout).toMatch(
      /TARGET\s+TYPE\s+COST\s+auto\s+local-first\s+cloud-first\s+cost-optimized\s+performance\s+WHY NOT/,
    );
    expect(human.stdout).toContain('Winners (*):');
  });
});
