// Issue 15, point 5 ("seed gaps"): a task that rules out whole kinds of target (`targetTypes`,
// `allowCloud: false`); custom capabilities compared as numbers (`custom: {cudaCompute: ">=8.0"}`,
// from a label, GPU Feature Discovery's labels or the GPU table); and the options that bound a
// decision, `maxCandidates` and `deadlineMs`, each saying what it did when it bites. The deadline is
// tested with a clock that advances per call: nothing here sleeps or times real work.
import { describe, expect, it } from 'vitest';
import { compare, place } from '../../../shared/engine/place.js';
import type { PipelineResult, PlacementResult, TargetScore } from '../../../shared/schema/result.js';
import type { PlacementOptionsInput, Target, TargetInput } from '../../../shared/schema/targets.js';
import { optionsOf, pipelineOf, run, targetsOf, taskOf } from '../inputs.js';

const source = (node: string) => ({
  kind: 'kubernetes' as const,
  context: 'prod',
  node,
  importedAt: '2026-01-05T10:00:00Z',
});
const linux = { cpu: 8, memoryGb: 32, os: 'linux', arch: 'x64', network: true };

/** One of each kind of target, with GPUs the GPU table knows (T4: 7.5, A10G: 8.6, A100: 8.0). */
function kinds(): Target[] {
  return targetsOf(
    { id: 'laptop', type: 'local', capabilities: { ...linux, gpus: [] } },
    {
      id: 'gpu-box',
      type: 'ssh',
      host: '10.0.0.5',
      capabilities: { ...linux, gpus: [{ vendor: 'nvidia', model: 'T4' }] },
    },
    {
      id: 'aws-g5',
      type: 'cloud',
      provider: 'aws',
      hourlyRate: 1.006,
      capabilities: { ...linux, gpus: [{ vendor: 'nvidia', model: 'A10G' }] },
    },
    {
      id: 'k8s-a100',
      type: 'kubernetes',
      source: source('k8s-a100'),
      labels: { 'nvidia.com/cuda.compute.major': '8', 'nvidia.com/cuda.compute.minor': '0' },
      capabilities: { ...linux, gpus: [{ vendor: 'nvidia', model: 'NVIDIA-A100-SXM4-40GB' }] },
    },
  );
}

function placed(task: Record<string, unknown>, targets: Target[], options: PlacementOptionsInput = {}, extra = {}) {
  return place(taskOf(task), targets, optionsOf(options), { ...run, ...extra }) as PlacementResult;
}

const scoreOf = (r: PlacementResult, id: string): TargetScore => r.scores.find((s) => s.targetId === id)!;

/** A result's JSON with its timing left out: the one part that may vary. */
const stable = (r: unknown) => JSON.stringify(r, (k, v: unknown) => (k === 'decisionMs' ? undefined : v));

describe('requirements.targetTypes and allowCloud rule out whole kinds of target', () => {
  it('a target of a type not listed is ineligible, says so, and the analysis says what would admit it', () => {
    const r = placed({ requirements: { targetTypes: ['local', 'ssh'] } }, kinds());
    expect(r.scores.filter((s) => s.eligible).map((s) => s.targetId)).toEqual(
      expect.arrayContaining(['laptop', 'gpu-box']),
    );
    expect(scoreOf(r, 'aws-g5')).toMatchObject({ eligible: false, score: 0 });
    expect(scoreOf(r, 'aws-g5').mismatches).toEqual([
      { key: 'targetTypes', need: 'local, ssh', have: 'cloud', message: 'targetTypes: needs local or ssh, is cloud' },
    ]);
    expect(scoreOf(r, 'k8s-a100').mismatches).toEqual([
      {
        key: 'targetTypes',
        need: 'local, ssh',
        have: 'kubernetes',
        message: 'targetTypes: needs local or ssh, is kubernetes',
      },
    ]);
    expect(scoreOf(r, 'gpu-box').matches).toContainEqual({ key: 'targetTypes', need: 'local, ssh', have: 'ssh' });
    expect(r.analysis).toContainEqual({
      key: 'targetTypes',
      eliminated: 2,
      suggestion: 'adding cloud to targetTypes admits aws-g5',
      relaxTo: 'cloud',
      admits: 'aws-g5',
    });
  });

  it('a task that allows only cloud targets fails on a fleet without one, naming the requirement', () => {
    const r = placed({ requirements: { targetTypes: ['cloud'] } }, kinds().slice(0, 2));
    expect(r.success).toBe(false);
    expect(r.failureMessage).toBe("Task 't' requires capabilities not available: targetTypes");
    expect(scoreOf(r, 'laptop').mismatches[0]!.message).toBe('targetTypes: needs cloud, is local');
  });

  it('allowCloud: false rules out the cloud only; true is the default and changes nothing', () => {
    const r = placed({ requirements: { allowCloud: false } }, kinds());
    expect(scoreOf(r, 'aws-g5').mismatches).toEqual([
      { key: 'allowCloud', need: false, have: 'cloud', message: 'allowCloud: cloud targets are not allowed' },
    ]);
    expect(r.scores.filter((s) => s.eligible).map((s) => s.targetId)).toHaveLength(3);
    expect(r.analysis).toContainEqual({
      key: 'allowCloud',
      eliminated: 1,
      suggestion: 'allowCloud: true admits aws-g5',
      relaxTo: null,
      admits: 'aws-g5',
    });
    const allowed = placed({ requirements: { allowCloud: true, cpu: 2 } }, kinds());
    const plain = placed({ requirements: { cpu: 2 } }, kinds());
    expect(stable(allowed)).toBe(stable(plain));
    expect(scoreOf(allowed, 'aws-g5').eligible).toBe(true);
  });

  it('with several types, the message lists them all', () => {
    const r = placed({ requirements: { targetTypes: ['local', 'ssh', 'slurm'] } }, kinds());
    expect(scoreOf(r, 'aws-g5').mismatches[0]!.message).toBe('targetTypes: needs local, ssh or slurm, is cloud');
  });
});

describe('custom capabilities compared as numbers', () => {
  const tiers = () =>
    targetsOf(
      ...(['1', '3', '5', 'gold', null] as const).map((tier, i): TargetInput => ({
        id: `t${i}`,
        type: 'ssh',
        host: `h${i}`,
        labels: tier === null ? { region: 'eu-west-1' } : { tier, region: 'eu-west-1' },
        capabilities: linux,
      })),
    );

  it('`>=3` compares a label as a number; a label that is not one, or none, fails and says so', () => {
    const r = placed({ requirements: { custom: { tier: '>=3', region: 'eu-west-1' } } }, tiers());
    expect(r.scores.filter((s) => s.eligible).map((s) => s.targetId)).toEqual(['t1', 't2']);
    expect(scoreOf(r, 't1').matches).toContainEqual({ key: 'custom.tier', need: '>=3', have: 3 });
    // Equality, as before, for a value that is no comparison.
    expect(scoreOf(r, 't1').matches).toContainEqual({ key: 'custom.region', need: 'eu-west-1', have: 'eu-west-1' });
    expect(scoreOf(r, 't0').mismatches).toEqual([
      { key: 'custom.tier', need: '>=3', have: 1, message: 'custom.tier: needs >= 3, has 1' },
    ]);
    expect(scoreOf(r, 't3').mismatches).toEqual([
      { key: 'custom.tier', need: '>=3', have: 'gold', message: 'custom.tier: needs >= 3, has gold (not a number)' },
    ]);
    expect(scoreOf(r, 't4').mismatches).toEqual([
      { key: 'custom.tier', need: '>=3', have: null, message: 'custom.tier: needs >= 3, has no tier label' },
    ]);
  });

  it.each([
    ['>=8.6', true],
    ['>8.6', false],
    ['> 8', true],
    ['<=8.6', true],
    ['<9', true],
    ['<8.6', false],
    ['=8.60', true],
    ['==8.6', true],
    ['!=8.6', false],
    ['!=7.5', true],
  ])('%s against a label of 8.6: met %s', (need, met) => {
    const targets = targetsOf({ id: 'a', type: 'local', labels: { level: '8.6' }, capabilities: linux });
    const r = placed({ requirements: { custom: { level: need } } }, targets);
    expect(r.success).toBe(met);
    if (met) expect(r.scores[0]!.matches).toContainEqual({ key: 'custom.level', need, have: 8.6 });
    else expect(r.scores[0]!.mismatches[0]).toMatchObject({ key: 'custom.level', need, have: 8.6 });
  });

  it('a value that is no comparison keeps equality exactly (`tier: 3` is the label "3", not 3.0)', () => {
    const targets = targetsOf(
      { id: 'a', type: 'local', labels: { tier: '3.0' }, capabilities: linux },
      { id: 'b', type: 'ssh', host: 'b', labels: { tier: '3' }, capabilities: linux },
    );
    const equal = placed({ requirements: { custom: { tier: 3 } } }, targets);
    expect(equal.scores.filter((s) => s.eligible).map((s) => s.targetId)).toEqual(['b']);
    const numeric = placed({ requirements: { custom: { tier: '=3' } } }, targets);
    expect(numeric.scores.filter((s) => s.eligible).map((s) => s.targetId)).toEqual(['a', 'b']);
  });

  it('cudaCompute comes from the GPU table when no label says it, the lowest of a target’s NVIDIA GPUs', () => {
    const targets = [
      ...kinds(),
      ...targetsOf({
        id: 'mixed',
        type: 'ssh',
        host: 'mixed',
        capabilities: {
          ...linux,
          gpus: [
            { vendor: 'nvidia', model: 'A100 80GB' },
            { vendor: 'nvidia', model: 'T4' },
          ],
        },
      }),
    ];
    const r = placed({ requirements: { custom: { cudaCompute: '>=8.0' } } }, targets);
    expect(scoreOf(r, 'gpu-box').mismatches).toEqual([
      {
        key: 'custom.cudaCompute',
        need: '>=8.0',
        have: 7.5,
        message: 'custom.cudaCompute: needs >= 8.0, has 7.5 (T4, from the GPU table)',
      },
    ]);
    expect(scoreOf(r, 'mixed').mismatches[0]!.message).toBe(
      'custom.cudaCompute: needs >= 8.0, has 7.5 (T4, from the GPU table)',
    );
    expect(scoreOf(r, 'aws-g5').matches).toContainEqual({ key: 'custom.cudaCompute', need: '>=8.0', have: 8.6 });
    expect(scoreOf(r, 'laptop').mismatches).toEqual([
      {
        key: 'custom.cudaCompute',
        need: '>=8.0',
        have: null,
        message: 'custom.cudaCompute: needs >= 8.0, has no NVIDIA GPU',
      },
    ]);
    // The smallest change that admits a GPU: the bar lowered to what it has.
    expect(r.analysis).toContainEqual({
      key: 'custom.cudaCompute',
      eliminated: 3,
      suggestion: 'custom.cudaCompute >= 7.5 admits gpu-box',
      relaxTo: '>=7.5',
      admits: 'gpu-box',
    });
  });

  it('GPU Feature Discovery’s labels and a cudaCompute label come before the table', () => {
    const targets = [
      ...kinds(),
      ...targetsOf({
        id: 'labelled',
        type: 'ssh',
        host: 'labelled',
        labels: { cudaCompute: '9.0' },
        capabilities: { ...linux, gpus: [{ vendor: 'nvidia', model: 'T4' }] },
      }),
    ];
    const r = placed({ requirements: { custom: { cudaCompute: '>8.5' } } }, targets);
    expect(scoreOf(r, 'labelled').matches).toContainEqual({ key: 'custom.cudaCompute', need: '>8.5', have: 9 });
    expect(scoreOf(r, 'k8s-a100').mismatches).toEqual([
      {
        key: 'custom.cudaCompute',
        need: '>8.5',
        have: 8,
        message: 'custom.cudaCompute: needs > 8.5, has 8.0 (from nvidia.com/cuda.compute.major/minor)',
      },
    ]);
  });

  it('a GPU the table does not know, or GPUs not stated, leave it unknown, and unknown fails', () => {
    const targets = targetsOf(
      {
        id: 'mystery',
        type: 'ssh',
        host: 'm',
        capabilities: { ...linux, gpus: [{ vendor: 'nvidia', model: 'Mystery X1', vramGb: 16 }] },
      },
      { id: 'unsaid', type: 'ssh', host: 'u', capabilities: linux },
    );
    const r = placed({ requirements: { custom: { cudaCompute: '>=7.0' } } }, targets);
    expect(r.success).toBe(false);
    expect(scoreOf(r, 'mystery').mismatches).toEqual([
      {
        key: 'custom.cudaCompute',
        need: '>=7.0',
        have: null,
        message:
          'unknown: the GPU table does not know the compute capability of mystery’s Mystery X1 (custom.cudaCompute needs >= 7.0; a cudaCompute label would say it)',
        unknown: true,
      },
    ]);
    expect(scoreOf(r, 'unsaid').mismatches).toEqual([
      {
        key: 'custom.cudaCompute',
        need: '>=7.0',
        have: null,
        message: 'unknown: unsaid does not say which GPUs it has (custom.cudaCompute needs >= 7.0)',
        unknown: true,
      },
    ]);
  });

  it('as a preference, a numeric custom value counts like an equality: met, or not', () => {
    const targets = kinds().slice(1, 3);
    const r = placed({ preferences: { custom: { cudaCompute: '>=8.0' } } }, targets, { strategy: 'performance' });
    expect(scoreOf(r, 'aws-g5').breakdown!.preferences).toBe(0);
    expect(scoreOf(r, 'gpu-box').breakdown!.preferences).toBeLessThan(0);
    expect(r.selectedTarget).toBe('aws-g5');
  });
});

/** `n` cloud targets, the cheapest last: cost-optimized prefers later ones. */
function priced(n: number): Target[] {
  const list: TargetInput[] = [];
  for (let i = 0; i < n; i++)
    list.push({
      id: `c${i}`,
      type: 'cloud',
      provider: 'aws',
      hourlyRate: Math.round((n - i) * 100) / 1000,
      capabilities: linux,
    });
  return targetsOf(...list);
}

describe('placement.maxCandidates evaluates the first N targets and says so', () => {
  it('targets beyond the first N are listed as not evaluated, the winner is among the first N, and a warning says it', () => {
    const targets = priced(5);
    const r = placed({ requirements: { cpu: 2 } }, targets, { strategy: 'cost-optimized', maxCandidates: 2 });
    expect(r.selectedTarget).toBe('c1');
    expect(r.scores.map((s) => s.targetId)).toEqual(['c1', 'c0', 'c2', 'c3', 'c4']);
    for (const id of ['c2', 'c3', 'c4'])
      expect(scoreOf(r, id)).toEqual({
        targetId: id,
        targetType: 'cloud',
        score: 0,
        eligible: false,
        estimatedCost: null,
        estimatedMinutes: null,
        estimate: null,
        matches: [],
        mismatches: [
          {
            key: 'maxCandidates',
            need: 2,
            have: null,
            message: 'not evaluated: beyond the first 2 candidates (placement.maxCandidates)',
          },
        ],
        breakdown: null,
      });
    expect(r.warnings).toEqual([
      'evaluated the first 2 of 5 targets (placement.maxCandidates); the rest were not considered',
    ]);
    expect(r.candidatesEvaluated).toBe(2);
    expect(r.explanation).toContain('only the first 2 of 5 targets were evaluated (placement.maxCandidates)');
  });

  it('on demand, compare and a pipeline say the same', () => {
    const targets = priced(5);
    const options = optionsOf({ maxCandidates: 3 });
    const task = taskOf({ requirements: { cpu: 2 } });
    const all = place(task, targets, options, run) as PlacementResult;
    const onDemand = place(task, targets, options, { ...run, explanations: 'on demand' });
    expect(stable(onDemand)).toBe(stable(all));
    expect(all.candidatesEvaluated).toBe(3);
    const compared = compare(task, targets, options, run);
    for (const result of Object.values(compared.strategies)) {
      expect((result as PlacementResult).candidatesEvaluated).toBe(3);
      expect((result as PlacementResult).scores).toHaveLength(5);
    }
    const pipeline = place(pipelineOf([{ id: 'a' }, { id: 'b', requirements: { cpu: 64 } }]), targets, options, run);
    const nodes = (pipeline as PipelineResult).nodes;
    expect(nodes.map((n) => n.result.candidatesEvaluated)).toEqual([3, 3]);
    expect(nodes[1]!.result.failureMessage).toBe(
      "Node 'b' requires capabilities not available: cpu; only the first 3 of 5 targets were evaluated (placement.maxCandidates)",
    );
  });

  it('a limit that does not bite changes nothing, byte for byte', () => {
    const targets = priced(5);
    const task = { requirements: { cpu: 2 } };
    const limited = placed(task, targets, { maxCandidates: 5 });
    expect(stable(limited)).toBe(stable(placed(task, targets)));
    expect('candidatesEvaluated' in limited).toBe(false);
    expect(limited.scores).toHaveLength(5);
  });
});

describe('placement.deadlineMs: when the deadline passes, the decision is among the targets evaluated so far', () => {
  // 3,000 targets: three chunks of 1,024 (the last one short); the clock is read between chunks.
  const targets = priced(3000);
  const task = { requirements: { cpu: 2 } };
  /** A clock that advances 1 ms each time it is read. */
  const ticking = () => {
    let now = 0;
    return () => ++now;
  };

  it('stops after the chunk during which the deadline passed, and says how far it got', () => {
    const r = placed(task, targets, { strategy: 'cost-optimized', deadlineMs: 1.5 }, { clock: ticking() });
    // Read at the start (1), after the first chunk (2: 1 ms, within) and the second (3: 2 ms, past).
    expect(r.candidatesEvaluated).toBe(2048);
    expect(r.selectedTarget).toBe('c2047');
    expect(r.scores).toHaveLength(3000);
    expect(scoreOf(r, 'c2048')).toMatchObject({
      eligible: false,
      score: 0,
      mismatches: [
        { key: 'deadlineMs', need: 1.5, have: null, message: 'not evaluated: the decision deadline of 1.5 ms passed' },
      ],
    });
    expect(r.warnings).toEqual([
      'the decision deadline of 1.5 ms passed after evaluating 2048 of 3000 targets; the rest were not considered',
    ]);
  });

  it('a deadline that does not pass changes nothing, and neither does one without a clock', () => {
    const plain = placed(task, targets);
    expect(stable(placed(task, targets, { deadlineMs: 1e9 }, { clock: ticking() }))).toBe(stable(plain));
    expect(stable(placed(task, targets, { deadlineMs: 0.001 }))).toBe(stable(plain));
  });

  it('replayed where the record says it passed, the decision is the same, byte for byte, without a clock', () => {
    const options = { strategy: 'cost-optimized' as const, deadlineMs: 1.5 };
    const timed = placed(task, targets, options, { clock: ticking() });
    const replayed = placed(task, targets, options, { deadlinePassed: { task: 2048 } });
    expect(stable(replayed)).toBe(stable(timed));
    // The same candidates as maxCandidates would give, in the deadline's words.
    const capped = placed(task, targets, { strategy: 'cost-optimized', maxCandidates: 2048 });
    expect(capped.selectedTarget).toBe(timed.selectedTarget);
    expect(capped.scores.slice(0, 2048)).toEqual(timed.scores.slice(0, 2048));
  });

  it('with maxCandidates too, each target left out says which limit left it out', () => {
    const r = placed(
      task,
      targets,
      { strategy: 'cost-optimized', maxCandidates: 2500, deadlineMs: 1.5 },
      { clock: ticking() },
    );
    expect(r.candidatesEvaluated).toBe(2048);
    expect(scoreOf(r, 'c2499').mismatches[0]!.key).toBe('deadlineMs');
    expect(scoreOf(r, 'c2500').mismatches[0]!.key).toBe('maxCandidates');
    expect(r.warnings).toEqual([
      'the decision deadline of 1.5 ms passed after evaluating 2048 of 3000 targets; the rest were not considered',
      'targets beyond the first 2500 were not candidates (placement.maxCandidates)',
    ]);
  });
});
