/**
 * Property-based tests of the placement engine: generated tasks, pipelines, targets and options,
 * written as users write them and parsed by the real schemas, checked against DESIGN.md's semantics
 * and against an eligibility oracle written here, independently of the engine's own checks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, place } from '../../../shared/engine/place.js';
import { placementOptions, target } from '../../../shared/schema/targets.js';
import { type TaskOrPipelineFile } from '../../../shared/schema/task.js';
import {
  optionsArb,
  STRATEGY_VALUES,
  targetListArb,
  targetsFileArb,
  taskArb,
  tighten,
  tighteningArb,
  workloadFileArb,
  type RawRequirements,
  type RawTarget,
  type RawTargetsFile,
} from './arbitraries.js';
import {
  parseWorkloadFile,
  parseTargetsFile,
  inputsOf,
  run,
  varyingClock,
  stableJson,
  placeTask,
  PROPERTY_RUNS,
  oracleMisses,
  modeOf,
  eligibleIds,
  scoreOf,
} from './oracle.js';

describe('placement properties', () => {
  it('1. is deterministic: same inputs, same JSON apart from decisionMs (place and compare, re-parsed too)', () => {
    fc.assert(
      fc.property(workloadFileArb, targetsFileArb, (rawFile, rawTargets) => {
        const parseFile = (): TaskOrPipelineFile => parseWorkloadFile(rawFile);
        const file = parseFile();
        const { targets, options } = parseTargetsFile(rawTargets);
        const before = JSON.stringify({ file, targets, options });

        const a = place(file, targets, options, { ...run, clock: varyingClock() });
        const b = place(file, targets, options, { ...run, clock: varyingClock() });
        expect(stableJson(b)).toBe(stableJson(a));

        // Independent of a re-parse of the same raw inputs (fresh objects, fresh caches of nothing).
        const again = parseTargetsFile(structuredClone(rawTargets));
        const c = place(parseFile(), again.targets, again.options, { ...run, clock: varyingClock() });
        expect(stableJson(c)).toBe(stableJson(a));

        const ca = compare(file, targets, options, { ...run, clock: varyingClock() });
        const cb = compare(parseFile(), again.targets, again.options, { ...run, clock: varyingClock() });
        expect(stableJson(cb)).toBe(stableJson(ca));

        // Placing never mutates its inputs.
        expect(JSON.stringify({ file, targets, options })).toBe(before);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('2. eligibility equals an independent oracle, and a winner meets every hard requirement', () => {
    let withWinner = 0;
    let mixed = 0;
    fc.assert(
      fc.property(taskArb, targetsFileArb, (rawTask, rawTargets) => {
        const r = placeTask(inputsOf(rawTask, rawTargets));
        const req = rawTask.requirements ?? {};
        const mode = modeOf(rawTargets);
        const expected = rawTargets.targets
          .filter((t) => oracleMisses(req, t, mode).length === 0)
          .map((t) => t.id)
          .sort();
        expect(eligibleIds(r)).toEqual(expected);
        for (const t of rawTargets.targets) {
          const misses = oracleMisses(req, t, mode);
          expect({ id: t.id, eligible: scoreOf(r, t.id).eligible, misses }).toEqual({
            id: t.id,
            eligible: misses.length === 0,
            misses,
          });
        }
        if (r.selectedTarget !== null) {
          withWinner++;
          const raw = rawTargets.targets.find((t) => t.id === r.selectedTarget)!;
          expect(oracleMisses(req, raw, mode)).toEqual([]);
        }
        if (expected.length > 0 && expected.length < rawTargets.targets.length) mixed++;
      }),
      { numRuns: 500 },
    );
    // The property is not vacuous: many runs place something, many have both kinds of target.
    expect(withWinner).toBeGreaterThan(50);
    // About 70 of 500 runs mix eligible and ineligible targets (50 at the rare low): 25 keeps it non-vacuous, not flaky.
    expect(mixed).toBeGreaterThan(25);
  });

  it('2b. the oracle agrees on hand-picked boundary cases', () => {
    const tgt: RawTarget = {
      id: 'box',
      type: 'cloud',
      provider: 'aws',
      hourlyRate: 2,
      labels: { tier: 1 },
      capabilities: {
        cpu: 4,
        gpus: [
          { vendor: 'cuda', vramGb: 24, count: 2 },
          { vendor: 'nvidia', vramGb: null },
          { vendor: 'amd', vramGb: 64 },
        ],
        tools: { docker: '27.1.1', 'nvidia-smi': '550.54', python3: null },
        maxRuntimeMinutes: 120,
      },
    };
    const cases: [RawRequirements, boolean][] = [
      [{ cpu: 4 }, true],
      [{ cpu: 4.5 }, false],
      [{ gpu: { type: 'nvidia', minVram: 24, count: 2 } }, true],
      [{ gpu: { type: 'nvidia', minVram: 24, count: 3 } }, false], // the third NVIDIA GPU's VRAM is unknown
      [{ gpu: { type: 'nvidia', minVram: 0, count: 3 } }, false],
      [{ gpu: { type: 'nvidia', count: 3 } }, true],
      [{ gpu: { type: 'rocm', minVram: 64 } }, true],
      [{ gpu: { type: 'metal' } }, false],
      [{ gpu: { required: false, type: 'metal' } }, true],
      [{ tools: ['docker>=27', 'nvidia-smi@^550', 'python3'] }, true],
      [{ tools: ['python3 >=3'] }, false], // version unknown
      [{ tools: ['docker <27'] }, false],
      [{ maxRuntimeMinutes: 120, maxCost: 4 }, true],
      [{ maxRuntimeMinutes: 121 }, false],
      [{ maxCost: 1.99 }, false],
      [{ custom: { tier: '1' } }, true],
      [{ custom: { tier: 2 } }, false],
      [{ os: 'linux' }, false], // unknown OS never satisfies
      [{ network: false }, true],
      [{ network: true }, false],
    ];
    for (const [req, eligible] of cases) {
      expect({ req, eligible: oracleMisses(req, tgt, 'burst').length === 0 }).toEqual({ req, eligible });
      const r = placeTask(inputsOf({ name: 't', requirements: req }, { targets: [tgt] }));
      expect({ req, eligible: r.scores[0]!.eligible }).toEqual({ req, eligible });
    }
  });

  it('2c. the oracle agrees on the modes: local-only and airgapped allow only local; airgapped forbids network', () => {
    const fleet: RawTarget[] = [
      { id: 'laptop', type: 'local', capabilities: { network: true } },
      { id: 'gpu-box', type: 'ssh', host: 'gpu-box.lan', capabilities: { network: true } },
      { id: 'aws-g5', type: 'cloud', provider: 'aws', hourlyRate: 1, capabilities: { network: true } },
    ];
    const cases: [string, RawRequirements, string[]][] = [
      ['burst', { network: true }, ['aws-g5', 'gpu-box', 'laptop']],
      ['local-only', { network: true }, ['laptop']],
      ['local-only', {}, ['laptop']],
      ['airgapped', {}, ['laptop']],
      ['airgapped', { network: false }, ['laptop']],
      ['airgapped', { network: true }, []],
    ];
    for (const [mode, req, eligible] of cases) {
      const raw = { placement: { mode }, targets: fleet };
      const oracle = fleet.filter((t) => oracleMisses(req, t, mode).length === 0).map((t) => t.id);
      expect({ mode, req, eligible: oracle.sort() }).toEqual({ mode, req, eligible });
      expect({ mode, req, eligible: eligibleIds(placeTask(inputsOf({ name: 't', requirements: req }, raw))) }).toEqual({
        mode,
        req,
        eligible,
      });
    }
  });

  it('3. adding or tightening a hard requirement never makes a target eligible (monotonicity)', () => {
    let shrank = 0;
    fc.assert(
      fc.property(taskArb, targetsFileArb, tighteningArb, (rawTask, rawTargets, t) => {
        const req = rawTask.requirements ?? {};
        // The intended exception (see the example below): a runtime can lower the estimated cost.
        fc.pre(!(t.key === 'maxRuntimeMinutes' && req.maxRuntimeMinutes === undefined && req.maxCost !== undefined));
        const before = eligibleIds(placeTask(inputsOf(rawTask, rawTargets)));
        const tighter = { ...rawTask, requirements: tighten(req, t) };
        const after = eligibleIds(placeTask(inputsOf(tighter, rawTargets)));
        for (const id of after) expect(before).toContain(id);
        if (after.length < before.length) shrank++;
      }),
      { numRuns: 500 },
    );
    expect(shrank).toBeGreaterThan(20);
  });

  it('3b. (documented exception) adding maxRuntimeMinutes to a task with maxCost can admit a target', () => {
    // Cost = hourlyRate × maxRuntimeMinutes/60, and 1 h without a runtime: a 30-minute bound halves it.
    const targets: RawTargetsFile = {
      targets: [{ id: 'gpu', type: 'cloud', provider: 'aws', hourlyRate: 2, capabilities: { cpu: 8 } }],
    };
    const without = placeTask(inputsOf({ name: 't', requirements: { maxCost: 1 } }, targets));
    const withRuntime = placeTask(
      inputsOf({ name: 't', requirements: { maxCost: 1, maxRuntimeMinutes: 30 } }, targets),
    );
    expect(without.scores[0]).toMatchObject({ eligible: false, estimatedCost: 2 });
    expect(withRuntime.scores[0]).toMatchObject({ eligible: true, estimatedCost: 1 });
  });

  it('4. the winner scores the maximum; eligible scores lie in (0, 1]; ineligible ones are 0 with mismatches', () => {
    fc.assert(
      fc.property(taskArb, targetsFileArb, (rawTask, rawTargets) => {
        const r = placeTask(inputsOf(rawTask, rawTargets));
        expect(r.scores).toHaveLength(rawTargets.targets.length);
        for (const s of r.scores) {
          if (s.eligible) {
            expect(s.score).toBeGreaterThan(0);
            expect(s.score).toBeLessThanOrEqual(1);
            expect(s.mismatches).toEqual([]);
          } else {
            expect(s.score).toBe(0);
            expect(s.mismatches.length).toBeGreaterThanOrEqual(1);
          }
        }
        if (r.selectedTarget !== null) {
          const best = Math.max(...r.scores.map((s) => s.score));
          expect(scoreOf(r, r.selectedTarget).score).toBe(best);
          expect(scoreOf(r, r.selectedTarget).eligible).toBe(true);
          expect(r.success).toBe(true);
        } else expect(r.success).toBe(false);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it("5. compare's result for each strategy equals place with that strategy (tasks and pipelines)", () => {
    fc.assert(
      fc.property(workloadFileArb, targetsFileArb, (rawFile, rawTargets) => {
        const file = parseWorkloadFile(rawFile);
        const { targets, options } = parseTargetsFile(rawTargets);
        const all = compare(file, targets, options, { ...run, clock: varyingClock() });
        expect(Object.keys(all.strategies)).toEqual([...STRATEGY_VALUES]);
        for (const strategy of STRATEGY_VALUES) {
          const alone = place(file, targets, { ...options, strategy }, { ...run, clock: varyingClock() });
          expect(stableJson(all.strategies[strategy])).toBe(stableJson(alone));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('parses what the generators produce (sanity: every generated input is valid user input)', () => {
    fc.assert(
      fc.property(targetListArb, optionsArb, (list, opts) => {
        for (const t of list) target.parse(t);
        placementOptions.parse(opts);
      }),
      { numRuns: 100 },
    );
  });
});
