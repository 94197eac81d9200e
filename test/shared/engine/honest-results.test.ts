// Issue 12: a result says what it could not check, an unknown is not a mismatch to relax away, and
// the engine's words and reasons are the ones a reader expects.
import { describe, expect, it } from 'vitest';
import { matchText, num, valueText } from '../../../shared/engine/format.js';
import { compare, place } from '../../../shared/engine/place.js';
import { uncheckedOf } from '../../../shared/engine/warnings.js';
import {
  pipelineResult,
  placementResult,
  type PipelineResult,
  type PlacementResult,
} from '../../../shared/schema/result.js';
import { fleet, optionsOf, pipelineOf, run, targetsOf, taskOf } from '../inputs.js';

const unchecked = { 'gpu-box': 'probe failed: timed out after 10 s' };

function placeTask(task: Record<string, unknown>, options = {}, targets = fleet(), extra = {}): PlacementResult {
  return place(taskOf(task), targets, optionsOf(options), { ...run, ...extra }) as PlacementResult;
}

describe('warnings: a decision resting on capabilities that could not be checked says so', () => {
  it('names the chosen target whose probe failed', () => {
    const r = placeTask({ requirements: { gpu: true } }, {}, fleet(), { unchecked });
    expect(r.selectedTarget).toBe('gpu-box');
    expect(r.warnings).toEqual([
      'gpu-box: probe failed: timed out after 10 s; placed on the capabilities written in the file, which could not be checked',
    ]);
  });

  it('says nothing when the chosen target was checked, or when the caller knows of no failure', () => {
    expect(placeTask({ requirements: { cpu: 2 } }, {}, fleet(), { unchecked }).warnings).toEqual([]);
    expect(placeTask({ requirements: { gpu: true } }).warnings).toEqual([]);
  });

  it('when nothing is placed, names each target ruled out on capabilities that could not be checked', () => {
    const r = placeTask({ requirements: { cpu: 1000 } }, {}, fleet(), { unchecked });
    expect(r.success).toBe(false);
    expect(r.warnings).toEqual([
      'gpu-box: probe failed: timed out after 10 s; ruled out on the capabilities written in the file, which could not be checked',
    ]);
    // A target the mode excluded was not judged on its capabilities at all.
    const local = placeTask({ requirements: { cpu: 1000 } }, { mode: 'local-only' }, fleet(), { unchecked });
    expect(local.warnings).toEqual([]);
  });

  it('a pipeline: each node carries its own, and the pipeline their union', () => {
    const r = place(
      pipelineOf([
        { id: 'decode', requirements: { cpu: 2 } },
        { id: 'train', requirements: { gpu: true } },
        { id: 'eval', requirements: { gpu: true } },
      ]),
      fleet(),
      optionsOf(),
      { ...run, unchecked },
    ) as PipelineResult;
    expect(r.nodes.map((n) => n.result.warnings.length)).toEqual([0, 1, 1]);
    expect(r.warnings).toEqual([r.nodes[1]!.result.warnings[0]]);
    pipelineResult.parse(r);
  });

  it('compare gives each strategy its own', () => {
    const all = compare(taskOf({ requirements: { gpu: true } }), fleet(), optionsOf(), { ...run, unchecked });
    expect(all.strategies['performance']!.warnings).toHaveLength(
      (all.strategies['performance'] as PlacementResult).selectedTarget === 'gpu-box' ? 1 : 0,
    );
    expect(all.strategies['auto']!.warnings).toHaveLength(1);
  });

  it('a result stored before warnings existed still parses, with none', () => {
    const { warnings: _w, ...old } = placeTask({});
    expect(placementResult.parse(old).warnings).toEqual([]);
  });

  it("discovery's failures become the engine's reasons, id prefix dropped, said to be a failed probe", () => {
    expect(
      uncheckedOf(
        new Map([
          ['gpu-box', 'gpu-box: timed out after 10 s'],
          ['b', 'probe failed: connection refused'],
          ['__proto__', 'x'],
        ]),
      ),
    ).toEqual(
      Object.fromEntries([
        ['gpu-box', 'probe failed: timed out after 10 s'],
        ['b', 'probe failed: connection refused'],
        ['__proto__', 'probe failed: x'],
      ]),
    );
  });
});

describe('unknown is not a mismatch to be relaxed away', () => {
  const written = () =>
    targetsOf(
      { id: 'local', type: 'local', capabilities: { cpu: 8, memoryGb: 16, tools: { git: '2.39.5' } } },
      { id: 'gpu-box', type: 'ssh', host: '10.0.0.5', capabilities: { cpu: 32, memoryGb: 128 } },
    );

  it('a target that does not say whether it has a tool is marked unknown, not "missing"', () => {
    const r = placeTask({ requirements: { tools: ['python3'] } }, {}, written());
    const box = r.scores.find((s) => s.targetId === 'gpu-box')!;
    expect(box.mismatches).toEqual([
      {
        key: 'tools.python3',
        need: 'python3',
        have: null,
        message: 'unknown: gpu-box does not say whether it has python3',
        unknown: true,
      },
    ]);
    // local says which tools it has: python3 is not one of them, a plain mismatch.
    expect(r.scores.find((s) => s.targetId === 'local')!.mismatches[0]!.unknown).toBeUndefined();
  });

  it('the analysis first says to complete the target when only unknowns eliminate', () => {
    const r = placeTask(
      { requirements: { tools: ['python3'] } },
      {},
      targetsOf({ id: 'gpu-box', type: 'ssh', host: '10.0.0.5', capabilities: { cpu: 32 } }),
    );
    expect(r.analysis).toEqual([
      {
        key: 'tools.python3',
        eliminated: 1,
        suggestion:
          'complete the target: write tools for gpu-box in the targets file, or probe it (weakening the task instead: no python3 requirement admits gpu-box)',
        relaxTo: null,
        admits: null,
      },
    ]);
    const cloud = placeTask(
      { requirements: { os: 'linux' } },
      {},
      targetsOf(
        { id: 'a', type: 'cloud', provider: 'aws', hourlyRate: 1, capabilities: {} },
        { id: 'b', type: 'cloud', provider: 'aws', hourlyRate: 1, capabilities: {} },
      ),
    );
    expect(cloud.analysis[0]!.suggestion).toBe(
      'complete the target: write os for a (and 1 more) in the targets file (weakening the task instead: no os requirement admits a)',
    );
  });

  it('a requirement some target really misses keeps the relaxation', () => {
    const r = placeTask({ requirements: { tools: ['python3'] } }, {}, written());
    expect(r.analysis[0]).toMatchObject({ key: 'tools.python3', eliminated: 2, admits: 'local' });
    expect(r.analysis[0]!.suggestion).toBe('no python3 requirement admits local');
  });

  it('a runtime limit the target does not state is not listed under what it meets', () => {
    const r = placeTask({ requirements: { maxRuntimeMinutes: 180 } }, {}, written());
    for (const s of r.scores) {
      expect(s.eligible).toBe(true);
      expect(s.matches.map((m) => m.key)).not.toContain('maxRuntimeMinutes');
    }
  });
});

describe('words and numbers', () => {
  it('never print float noise', () => {
    expect(num(1.006 * 3)).toBe('3.02');
    expect(valueText('maxCost', 1.006 * 3)).toBe('$3.02');
    expect(matchText({ key: 'maxCost', need: 10, have: 1.006 * 3 })).toBe('maxCost: needs at most $10.00, has $3.02');
    expect(matchText({ key: 'memoryGb', need: 16, have: 31.2 })).toBe('memoryGb: needs 16 GB, has 31.2 GB');
    expect(matchText({ key: 'cpu', need: 1, have: 1 })).toBe('cpu: needs 1 core, has 1 core');
    expect(matchText({ key: 'maxRuntimeMinutes', need: 180, have: 1440 })).toBe(
      'maxRuntimeMinutes: needs 180 min, has 1440 min',
    );
  });

  it('a tool present with an unknown version reads "installed, version unknown", never "has true"', () => {
    expect(matchText({ key: 'tools.python3', need: 'python3', have: true })).toBe(
      'tools.python3: needs python3, installed, version unknown',
    );
    expect(matchText({ key: 'tools.python3', need: 'python3', have: '3.11.7' })).toBe(
      'tools.python3: needs python3, has 3.11.7',
    );
    expect(matchText({ key: 'network', need: true, have: true })).toBe(
      'network: needs network access, has network access',
    );
  });

  it('no message of a placement prints float noise', () => {
    const targets = targetsOf(
      { id: 'a', type: 'cloud', provider: 'aws', hourlyRate: 1.006, capabilities: { memoryGb: 15.300000000000001 } },
      { id: 'b', type: 'cloud', provider: 'aws', hourlyRate: 0.1 + 0.2, capabilities: { memoryGb: 0.1 + 0.2 } },
    );
    const r = placeTask({ requirements: { memoryGb: 16.1, maxCost: 0.3, maxRuntimeMinutes: 181 } }, {}, targets);
    const words = [
      r.explanation,
      r.failureMessage ?? '',
      ...r.scores.flatMap((s) => s.mismatches.map((m) => m.message)),
      ...r.analysis.map((a) => a.suggestion ?? ''),
    ];
    for (const w of words) expect(w).not.toMatch(/\d\.\d{5,}/);
  });
});

describe('reasons: the mode, not the task, left nothing', () => {
  it('ModeRestricted when the mode excluded every otherwise-eligible target', () => {
    const r = placeTask({ requirements: { gpu: true } }, { mode: 'local-only' });
    expect(r).toMatchObject({ success: false, selectedTarget: null, reason: 'ModeRestricted' });
    expect(r.failureMessage).toBe(
      "Task 't' requires capabilities not available: gpu; mode local-only allows only local targets, which excludes gpu-box, aws-g5 (eligible otherwise)",
    );
  });

  it('ModeRestricted when there is no local target at all in local-only mode', () => {
    const r = placeTask(
      {},
      { mode: 'local-only' },
      fleet().filter((t) => t.type !== 'local'),
    );
    expect(r.reason).toBe('ModeRestricted');
  });

  it('airgapped mode forbidding the network the task needs is the mode too', () => {
    expect(placeTask({ requirements: { network: true } }, { mode: 'airgapped' }).reason).toBe('ModeRestricted');
  });

  it('NoValidTarget when no target would be eligible even in burst mode', () => {
    expect(placeTask({ requirements: { cpu: 1000 } }, { mode: 'local-only' }).reason).toBe('NoValidTarget');
  });
});

describe('uncheckedOf', () => {
  it('leaves out a target whose last good discovery is still used', () => {
    const failures = new Map([['gpu-box', 'gpu-box: timed out after 10 s']]);
    expect(uncheckedOf(failures, new Set(['gpu-box']))).toEqual({});
  });
});
