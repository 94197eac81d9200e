import { describe, expect, it } from 'vitest';
import { compare, place } from '../../../shared/engine/place.js';
import type { PlacementEvent } from '../../../shared/engine/events.js';
import type { PipelineResult, PlacementResult } from '../../../shared/schema/result.js';
import { fleet, optionsOf, pipelineOf, run, taskOf, targetsOf } from '../inputs.js';

function placeTask(task: Record<string, unknown>, options: Parameters<typeof optionsOf>[0] = {}, targets = fleet()) {
  return place(taskOf(task), targets, optionsOf(options), run) as PlacementResult;
}

const eligibleIds = (r: PlacementResult) => r.scores.filter((s) => s.eligible).map((s) => s.targetId);

describe('eligibility', () => {
  it('an ineligible target scores 0 and lists each failed requirement', () => {
    const r = placeTask({ requirements: { gpu: true, memoryGb: 20 } });
    const local = r.scores.find((s) => s.targetId === 'local')!;
    expect(local).toMatchObject({ eligible: false, score: 0 });
    expect(local.mismatches.map((m) => m.key)).toEqual(['memoryGb', 'gpu']);
  });
  it('eligible targets come first by score, then ineligible ones in file order', () => {
    const r = placeTask({ requirements: { gpu: true } });
    expect(r.scores.map((s) => s.targetId)).toEqual(['gpu-box', 'aws-g5', 'local', 'gcp-cpu']);
  });
});

describe('modes', () => {
  it('local-only allows only the local target', () => {
    const r = placeTask({ requirements: { cpu: 2 } }, { mode: 'local-only', strategy: 'cloud-first' });
    expect(r.selectedTarget).toBe('local');
    expect(r.reason).toBe('ModeRestricted');
    expect(r.scores.find((s) => s.targetId === 'aws-g5')!.mismatches[0]!.key).toBe('mode');
  });
  it('airgapped allows only local and fails any task that requires network', () => {
    expect(placeTask({ requirements: { cpu: 2 } }, { mode: 'airgapped' }).selectedTarget).toBe('local');
    const r = placeTask({ requirements: { network: true } }, { mode: 'airgapped' });
    expect(r.success).toBe(false);
    expect(r.failureMessage).toBe("Task 't' requires network access, which airgapped mode forbids");
    expect(r.scores.every((s) => !s.eligible)).toBe(true);
  });
  it('burst allows every target', () => {
    expect(eligibleIds(placeTask({}, { mode: 'burst' }))).toHaveLength(4);
  });
  it('local-only with no local target fails, saying why', () => {
    const r = placeTask(
      {},
      { mode: 'local-only' },
      fleet().filter((t) => t.type !== 'local'),
    );
    expect(r.failureMessage).toContain('mode local-only allows only local targets');
  });
});

describe('strategies', () => {
  it('local-first picks local when eligible, whatever the preferences say', () => {
    const r = placeTask(
      { requirements: { cpu: 2 }, preferences: { memoryGb: 128 }, affinity: ['gpu-box'] },
      { strategy: 'local-first' },
    );
    expect(r.selectedTarget).toBe('local');
    expect(r.reason).toBe('LocalPreferred');
  });
  it('local-first falls back to the best remote when local is ineligible', () => {
    const r = placeTask({ requirements: { gpu: true } }, { strategy: 'local-first' });
    expect(r).toMatchObject({ success: true, fallbackUsed: true, reason: 'Fallback' });
    expect(r.selectedTarget).not.toBe('local');
  });
  it('cloud-first prefers cloud over ssh over local', () => {
    expect(
      placeTask({ requirements: { cpu: 2 } }, { strategy: 'cloud-first' }).scores.map((s) => s.targetType),
    ).toEqual(['cloud', 'cloud', 'ssh', 'local']);
    const noCloud = fleet().filter((t) => t.type !== 'cloud');
    expect(placeTask({}, { strategy: 'cloud-first' }, noCloud)).toMatchObject({
      selectedTarget: 'gpu-box',
      fallbackUsed: true,
    });
  });
  it('cost-optimized picks the lowest estimated cost, however much better the others fit', () => {
    const r = placeTask(
      { requirements: { cpu: 4 }, preferences: { memoryGb: 128 }, affinity: ['aws-g5'] },
      { strategy: 'cost-optimized' },
    );
    expect(r.reason).toBe('CostOptimal');
    const winner = r.scores[0]!;
    expect(winner.estimatedCost).toBe(0);
    const r2 = placeTask(
      { requirements: { gpu: true } },
      { strategy: 'cost-optimized' },
      fleet().filter((t) => t.id !== 'gpu-box'),
    );
    expect(r2.selectedTarget).toBe('aws-g5');
  });
  it('performance picks the most VRAM for GPU tasks, then the most CPU and memory', () => {
    const targets = targetsOf(
      {
        id: 'small-gpu-big-cpu',
        type: 'ssh',
        host: 'a',
        capabilities: { cpu: 128, memoryGb: 1000, gpus: [{ vendor: 'nvidia', vramGb: 16 }] },
      },
      {
        id: 'big-gpu',
        type: 'ssh',
        host: 'b',
        capabilities: { cpu: 8, memoryGb: 32, gpus: [{ vendor: 'nvidia', vramGb: 80 }] },
      },
    );
    expect(placeTask({ requirements: { gpu: true } }, { strategy: 'performance' }, targets)).toMatchObject({
      selectedTarget: 'big-gpu',
      reason: 'CapabilityMatch',
    });
    expect(placeTask({ requirements: { cpu: 1 } }, { strategy: 'performance' }, targets).selectedTarget).toBe(
      'small-gpu-big-cpu',
    );
  });
  it('auto prefers the local target when it is eligible', () => {
    expect(placeTask({ requirements: { cpu: 2 } })).toMatchObject({
      selectedTarget: 'local',
      reason: 'LocalPreferred',
    });
  });
  it('auto prefers a snug fit and a low cost among remotes', () => {
    const boxes = targetsOf(
      { id: 'huge', type: 'ssh', host: 'a', capabilities: { cpu: 64, memoryGb: 512 } },
      { id: 'snug', type: 'ssh', host: 'b', capabilities: { cpu: 8, memoryGb: 32 } },
      { id: 'snug-paid', type: 'cloud', provider: 'p', hourlyRate: 0.5, capabilities: { cpu: 8, memoryGb: 32 } },
    );
    const r = placeTask({ requirements: { cpu: 8, memoryGb: 32 } }, {}, boxes);
    expect(r.scores.map((s) => s.targetId)).toEqual(['snug', 'huge', 'snug-paid']);
    expect(r.reason).toBe('HighestScore');
  });
  it('every eligible score is in (0, 1]', () => {
    for (const strategy of ['auto', 'local-first', 'cloud-first', 'cost-optimized', 'performance'] as const) {
      for (const s of placeTask({}, { strategy }).scores) {
        expect(s.score).toBeGreaterThan(0);
        expect(s.score).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('preferences, affinity and anti-affinity are soft', () => {
  const twins = () =>
    targetsOf(
      { id: 'a', type: 'ssh', host: 'a', labels: { zone: 'x' }, capabilities: { cpu: 8, memoryGb: 16 } },
      { id: 'b', type: 'ssh', host: 'b', labels: { zone: 'y' }, capabilities: { cpu: 8, memoryGb: 64 } },
    );
  it('a met preference raises a score', () => {
    const r = placeTask({ preferences: { memoryGb: 64 } }, {}, twins());
    expect(r.selectedTarget).toBe('b');
    expect(r.scores[1]!.breakdown!.preferences).toBeLessThan(0);
    expect(r.scores[0]!.breakdown!.preferences).toBe(0);
  });
  it('affinity by id or label raises, anti-affinity lowers, neither excludes', () => {
    expect(placeTask({ affinity: ['zone=y'] }, {}, twins()).selectedTarget).toBe('b');
    expect(placeTask({ affinity: ['b'] }, {}, twins()).selectedTarget).toBe('b');
    const r = placeTask({ antiAffinity: ['a'] }, {}, twins());
    expect(r.selectedTarget).toBe('b');
    expect(r.scores.every((s) => s.eligible)).toBe(true);
    expect(r.scores.find((s) => s.targetId === 'a')!.breakdown!.antiAffinity).toBeLessThan(0);
  });
  it('a gpu block with required: false is a preference, not a requirement', () => {
    const r = placeTask({ requirements: { gpu: { required: false, type: 'nvidia' } } }, { strategy: 'performance' });
    expect(r.scores.every((s) => s.eligible)).toBe(true);
  });
  it('the breakdown adds up to the score', () => {
    for (const s of placeTask({ preferences: { memoryGb: 64 }, affinity: ['gpu-box'], antiAffinity: ['aws-g5'] })
      .scores) {
      const b = s.breakdown!;
      expect(b.base + b.preferences + b.affinity + b.antiAffinity).toBeCloseTo(s.score, 12);
    }
  });
});

describe('fallback', () => {
  it('with fallbackEnabled false, local-first never leaves local and fails saying so', () => {
    const r = placeTask({ requirements: { gpu: true } }, { strategy: 'local-first', fallbackEnabled: false });
    expect(r).toMatchObject({ success: false, selectedTarget: null, reason: 'NoValidTarget', fallbackUsed: false });
    expect(r.failureMessage).toContain('fallback is disabled');
  });
  it('with fallbackEnabled false, cloud-first never leaves the cloud', () => {
    const r = placeTask(
      {},
      { strategy: 'cloud-first', fallbackEnabled: false },
      fleet().filter((t) => t.type !== 'cloud'),
    );
    expect(r.success).toBe(false);
    expect(r.failureMessage).toContain('no eligible cloud target');
  });
  it('strategies without a preferred kind are unaffected', () => {
    expect(placeTask({ requirements: { gpu: true } }, { strategy: 'auto', fallbackEnabled: false }).success).toBe(true);
  });
});

describe('tie-breakers', () => {
  const triplets = () =>
    targetsOf(
      { id: 'c', type: 'cloud', provider: 'p', hourlyRate: 1, capabilities: { cpu: 4 } },
      { id: 'a', type: 'cloud', provider: 'p', hourlyRate: 1, capabilities: { cpu: 4 } },
      { id: 'b', type: 'cloud', provider: 'p', hourlyRate: 1, capabilities: { cpu: 4 } },
    );
  it('first: the order in the targets file', () => {
    const r = placeTask({}, { tieBreaker: 'first' }, triplets());
    expect(r.scores.map((s) => s.targetId)).toEqual(['c', 'a', 'b']);
    expect(r.explanation).toContain('tied with a, broken by the order in the targets file');
  });
  it('id: the target id', () => {
    expect(placeTask({}, { tieBreaker: 'id' }, triplets()).scores.map((s) => s.targetId)).toEqual(['a', 'b', 'c']);
  });
  it('cheapest: the lower cost among equal scores', () => {
    // performance ignores cost, so two equal machines at different prices tie on score.
    const targets = targetsOf(
      { id: 'dear', type: 'cloud', provider: 'p', hourlyRate: 3, capabilities: { cpu: 4, memoryGb: 8 } },
      { id: 'cheap', type: 'cloud', provider: 'p', hourlyRate: 1, capabilities: { cpu: 4, memoryGb: 8 } },
    );
    expect(placeTask({}, { strategy: 'performance', tieBreaker: 'cheapest' }, targets).selectedTarget).toBe('cheap');
    expect(placeTask({}, { strategy: 'performance', tieBreaker: 'first' }, targets).selectedTarget).toBe('dear');
  });
});

describe('reasons', () => {
  it('OnlyOption when a single target is eligible', () => {
    expect(placeTask({ requirements: { cpu: 32 } }).reason).toBe('OnlyOption');
  });
  it('HighestScore, NoValidTarget', () => {
    expect(placeTask({ requirements: { gpu: true } }).reason).toBe('HighestScore');
    const r = placeTask({ requirements: { cpu: 1000 } });
    expect(r).toMatchObject({ reason: 'NoValidTarget', success: false, selectedTarget: null });
    expect(r.failureMessage).toBe("Task 't' requires capabilities not available: cpu");
  });
  it('a failure names every requirement no target meets, and says when they are met only apart', () => {
    expect(placeTask({ requirements: { cpu: 1000, gpu: { minVram: 100 } } }).failureMessage).toBe(
      "Task 't' requires capabilities not available: cpu, gpu",
    );
    expect(placeTask({ requirements: { cpu: 30, maxCost: 0.5, gpu: { type: 'amd' } } }).failureMessage).toContain(
      'requires capabilities not available: gpu',
    );
    expect(placeTask({ requirements: { cpu: 30, tools: ['docker>=27'] } }).failureMessage).toContain(
      'never all together',
    );
  });
});

describe('analysis', () => {
  it('says how many targets each requirement eliminates and the smallest relaxation admitting one more', () => {
    const r = placeTask({ requirements: { gpu: { minVram: 32 } } }, {}, fleet());
    const entry = r.analysis.find((a) => a.key === 'gpu.minVram')!;
    expect(entry).toEqual({
      key: 'gpu.minVram',
      eliminated: 2,
      suggestion: 'gpu.minVram ≤ 24 admits gpu-box',
      relaxTo: 24,
      admits: 'gpu-box',
    });
    expect(r.analysis.find((a) => a.key === 'gpu')).toMatchObject({
      eliminated: 2,
      suggestion: 'no GPU requirement admits local',
    });
  });
  it('picks the closest target for quantities, and the cheapest for maxCost', () => {
    const r = placeTask({ requirements: { memoryGb: 200, maxCost: 0.1 } }, {}, fleet());
    expect(r.analysis.find((a) => a.key === 'memoryGb')).toMatchObject({
      eliminated: 4,
      suggestion: 'memoryGb ≤ 128 admits gpu-box',
    });
    const r2 = placeTask({ requirements: { memoryGb: 20 } });
    expect(r2.analysis[0]).toMatchObject({
      key: 'memoryGb',
      eliminated: 2,
      suggestion: 'memoryGb ≤ 16 admits local',
      relaxTo: 16,
    });
    const r3 = placeTask({ requirements: { maxCost: 0.1 } });
    expect(r3.analysis[0]).toMatchObject({
      key: 'maxCost',
      eliminated: 2,
      relaxTo: 0.268,
      admits: 'gcp-cpu',
      suggestion: 'maxCost ≥ $0.27 admits gcp-cpu',
    });
  });
  it('counts a target once per requirement, even when it misses two specs of one tool', () => {
    const r = placeTask({ requirements: { tools: ['docker>=30', 'docker<2'] } });
    expect(r.analysis.find((a) => a.key === 'tools.docker')!.eliminated).toBe(4);
  });
  it('says when relaxing one requirement alone admits nothing', () => {
    const r = placeTask({ requirements: { memoryGb: 200, cpu: 64 } });
    expect(r.analysis.find((a) => a.key === 'cpu')!.suggestion).toBe('relaxing cpu alone admits no target');
  });
  it('covers the mode and non-numeric requirements', () => {
    const r = placeTask({ requirements: { os: 'windows' } }, { mode: 'local-only' });
    expect(r.analysis.find((a) => a.key === 'os')).toMatchObject({
      eliminated: 4,
      suggestion: 'os: linux admits local',
    });
    const r0 = placeTask({ requirements: { os: 'windows', cpu: 64 } });
    expect(r0.analysis.find((a) => a.key === 'os')).toMatchObject({ suggestion: 'relaxing os alone admits no target' });
    const r2 = placeTask({ requirements: { tools: ['docker>=27'] } });
    expect(r2.analysis[0]).toMatchObject({
      key: 'tools.docker',
      suggestion: 'any docker version (it has 26.1.4) admits gpu-box',
    });
    const r3 = placeTask({ requirements: { gpu: true } }, { mode: 'local-only' });
    expect(r3.analysis.find((a) => a.key === 'mode')).toMatchObject({ eliminated: 3, admits: 'gpu-box' });
    expect(r3.analysis.find((a) => a.key === 'gpu')).toMatchObject({
      eliminated: 2,
      suggestion: 'no GPU requirement admits local',
    });
    const r4 = placeTask({}, { mode: 'local-only' });
    expect(r4.analysis).toEqual([
      { key: 'mode', eliminated: 3, suggestion: 'mode burst admits gpu-box', relaxTo: 'burst', admits: 'gpu-box' },
    ]);
  });
});

describe('events', () => {
  it('hands Started then Completed to the listener', () => {
    const events: PlacementEvent[] = [];
    place(taskOf({}), fleet(), optionsOf(), { ...run, onEvent: (e) => events.push(e) });
    expect(events.map((e) => e.type)).toEqual(['PlacementStarted', 'PlacementCompleted']);
    expect(events[0]).toEqual({ type: 'PlacementStarted', requestId: 'req-1', taskName: 't', strategy: 'auto' });
  });
  it('hands Started then Failed when nothing fits', () => {
    const events: PlacementEvent[] = [];
    place(taskOf({ requirements: { cpu: 999 } }), fleet(), optionsOf(), { ...run, onEvent: (e) => events.push(e) });
    expect(events.map((e) => e.type)).toEqual(['PlacementStarted', 'PlacementFailed']);
  });
  it('times the decision with the injected clock only', () => {
    let t = 0;
    const r = place(taskOf({}), fleet(), optionsOf(), { ...run, clock: () => (t += 1.5) });
    expect(r.decisionMs).toBe(1.5);
    expect(place(taskOf({}), fleet(), optionsOf(), run).decisionMs).toBe(0);
  });
});

describe('pipelines', () => {
  it('places each node and succeeds only when every node is placed', () => {
    const r = place(
      pipelineOf([
        { id: 'decode', requirements: { cpu: 2 } },
        { id: 'train', requirements: { gpu: true } },
      ]),
      fleet(),
      optionsOf(),
      run,
    ) as PipelineResult;
    expect(r.success).toBe(true);
    expect(r.nodes.map((n) => [n.id, n.result.selectedTarget])).toEqual([
      ['decode', 'local'],
      ['train', 'gpu-box'],
    ]);
    expect(r.nodes[1]!.result.requestId).toBe('req-1/train');
  });
  it('names the failing node', () => {
    const r = place(
      pipelineOf([
        { id: 'decode', requirements: { cpu: 2 } },
        { id: 'whisper', requirements: { gpu: { type: 'cuda', minVram: 8 } } },
      ]),
      fleet().filter((t) => t.type === 'local'),
      optionsOf(),
      run,
    ) as PipelineResult;
    expect(r.success).toBe(false);
    expect(r.failureMessage).toBe("Node 'whisper' requires capabilities not available: gpu");
  });
});

describe('compare', () => {
  it('gives every strategy its own result on the same inputs, equal to placing with it', () => {
    const file = taskOf({ requirements: { gpu: true } });
    const all = compare(file, fleet(), optionsOf(), run);
    expect(Object.keys(all.strategies)).toEqual([
      'auto',
      'local-first',
      'cloud-first',
      'cost-optimized',
      'performance',
    ]);
    for (const [name, result] of Object.entries(all.strategies)) {
      const alone = place(file, fleet(), optionsOf({ strategy: name as 'auto' }), run);
      expect(result).toEqual(alone);
    }
  });
});
