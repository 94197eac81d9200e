/**
 * Property-based tests of the placement engine: generated tasks, pipelines, targets and options,
 * written as users write them and parsed by the real schemas, checked against DESIGN.md's semantics
 * and against an eligibility oracle written here, independently of the engine's own checks.
 */
import fc from 'fast-check';
import semver from 'semver';
import { describe, expect, it, vi } from 'vitest';
import { compare, place, type PlacementRun } from '../../../shared/engine/place.js';
import {
  compareResult,
  pipelineResult,
  placementResult,
  type PipelineResult,
  type PlacementResult,
  type TargetScore,
} from '../../../shared/schema/result.js';
import {
  placementOptions,
  target,
  targetsFile,
  type PlacementOptions,
  type Target,
} from '../../../shared/schema/targets.js';
import { pipelineFile, taskFile, type TaskOrPipelineFile } from '../../../shared/schema/task.js';

/** Parses a raw task or pipeline file with the real schemas. */
function parseWorkloadFile(raw: { task: unknown } | { pipeline: unknown }): TaskOrPipelineFile {
  return 'task' in raw ? taskFile.parse(raw) : pipelineFile.parse(raw);
}
import {
  hasHardGpu,
  optionsArb,
  pipelineArb,
  repeatedToolArb,
  toolRequirementArb,
  toolVersionArb,
  STRATEGY_VALUES,
  targetListArb,
  targetsFileArb,
  taskArb,
  tighten,
  tighteningArb,
  workloadFileArb,
  type RawCapabilities,
  type RawOptions,
  type RawRequirements,
  type RawTarget,
  type RawTargetsFile,
  type RawTask,
} from './arbitraries.js';

// ---------------------------------------------------------------------------------------------
// Inputs, as users write them, parsed by the real schemas.

interface Inputs {
  file: TaskOrPipelineFile;
  targets: Target[];
  options: PlacementOptions;
}

function parseTask(raw: RawTask): TaskOrPipelineFile {
  return taskFile.parse({ task: raw });
}

function parseTargetsFile(raw: RawTargetsFile): { targets: Target[]; options: PlacementOptions } {
  const parsed = targetsFile.parse(raw);
  return { targets: parsed.targets, options: parsed.placement };
}

function inputsOf(task: RawTask, targets: RawTargetsFile): Inputs {
  return { file: parseTask(task), ...parseTargetsFile(targets) };
}

function withOptions(raw: RawTargetsFile, overrides: RawOptions): RawTargetsFile {
  return { ...raw, placement: { ...raw.placement, ...overrides } };
}

const run: PlacementRun = { requestId: 'req-prop' };

/** A clock that advances by a different step on every run, so `decisionMs` really varies. */
function varyingClock(): () => number {
  let t = Math.random() * 1000;
  const step = 0.001 + Math.random();
  return () => (t += step);
}

/** JSON of a result without its timings. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (key === 'decisionMs' ? undefined : v));
}

function placeTask(inputs: Inputs): PlacementResult {
  return place(inputs.file, inputs.targets, inputs.options, run) as PlacementResult;
}

const PROPERTY_RUNS = 300;

// ---------------------------------------------------------------------------------------------
// The oracle: DESIGN.md's hard requirements and modes, straight from the raw inputs.

const VENDOR: Record<string, string> = { cuda: 'nvidia', rocm: 'amd', metal: 'apple' };
const OS: Record<string, string> = { darwin: 'macos', win32: 'windows' };
const ARCH: Record<string, string> = { amd64: 'x64', x86_64: 'x64', aarch64: 'arm64' };
const canon = (aliases: Record<string, string>, word: string) => aliases[word] ?? word;

/** The tool name and range of a spec: `docker`, `docker>=24`, `node@^20`, `python3 ~3.11`, `python3 3.11`. */
function splitToolSpec(spec: string): { name: string; range: string | null } {
  const m = /^([A-Za-z0-9][A-Za-z0-9._+-]*?)(?:\s*@\s*|\s+|(?=[<>=^~]))(.+)$/.exec(spec);
  return m ? { name: m[1]!, range: m[2]!.trim() } : { name: spec, range: null };
}

function quantityMet(need: number | undefined, have: number | undefined): boolean {
  return need === undefined || (have !== undefined && have >= need);
}

/** The hard GPU requirement of raw requirements, normalised, or null when there is none. */
function hardGpu(req: RawRequirements): { type?: string; minVram?: number; count: number } | null {
  if (!hasHardGpu(req)) return null;
  const block = req.gpu === true ? {} : (req.gpu as Exclude<RawRequirements['gpu'], boolean | undefined>);
  return {
    ...(block.type !== undefined ? { type: canon(VENDOR, block.type) } : {}),
    ...(block.minVram !== undefined ? { minVram: block.minVram } : {}),
    count: block.count ?? 1,
  };
}

function gpuMet(req: RawRequirements, caps: RawCapabilities): boolean {
  const need = hardGpu(req);
  if (need === null) return true;
  if (caps.gpus === undefined) return false;
  let ofVendor = 0;
  let withVram = 0;
  for (const g of caps.gpus) {
    if (need.type !== undefined && canon(VENDOR, g.vendor) !== need.type) continue;
    const n = g.count ?? 1;
    ofVendor += n;
    // Unknown VRAM never satisfies a VRAM requirement.
    if (need.minVram !== undefined && g.vramGb !== undefined && g.vramGb !== null && g.vramGb >= need.minVram)
      withVram += n;
  }
  return ofVendor >= need.count && (need.minVram === undefined || withVram >= need.count);
}

/** `tools.<name>|<need>` for each tool spec the target misses, `need` as the engine shows it (`docker>=24`). */
function toolMisses(req: RawRequirements, caps: RawCapabilities): string[] {
  const misses: string[] = [];
  for (const spec of req.tools ?? []) {
    const { name, range } = splitToolSpec(spec);
    const miss = `tools.${name}|${spec.trim()}`;
    if (caps.tools === undefined) {
      misses.push(miss);
      continue;
    }
    const versions: Record<string, string | null> = Array.isArray(caps.tools)
      ? Object.fromEntries(caps.tools.map((t) => [t, null]))
      : caps.tools;
    if (!Object.prototype.hasOwnProperty.call(versions, name)) misses.push(miss);
    else if (range !== null) {
      const version = versions[name];
      const coerced = version === null || version === undefined ? null : semver.coerce(version);
      if (coerced === null || !semver.satisfies(coerced, range, { loose: true })) misses.push(miss);
    }
  }
  return misses;
}

function estimatedCost(raw: RawTarget, req: RawRequirements): number {
  return ((raw.hourlyRate ?? 0) * (req.maxRuntimeMinutes ?? 60)) / 60;
}

/**
 * What a raw target misses under raw requirements and a mode, one entry per failed requirement:
 * `mode`, `cpu`, `gpu` (any of the gpu checks), `tools.<name>|<need>`, `custom.<key>`, …
 * In airgapped mode a task that needs the network misses `network` everywhere, whatever the target has.
 */
function oracleMisses(req: RawRequirements, raw: RawTarget, mode: string): string[] {
  const caps = raw.capabilities ?? {};
  const misses: string[] = [];
  const networkForbidden = mode === 'airgapped' && req.network === true;
  if (mode !== 'burst' && raw.type !== 'local') misses.push('mode');
  if (!quantityMet(req.cpu, caps.cpu)) misses.push('cpu');
  if (!quantityMet(req.memoryGb, caps.memoryGb)) misses.push('memoryGb');
  if (!quantityMet(req.diskGb, caps.diskGb)) misses.push('diskGb');
  if (!gpuMet(req, caps)) misses.push('gpu');
  misses.push(...toolMisses(req, caps));
  if (req.os !== undefined && (caps.os === undefined || canon(OS, caps.os) !== canon(OS, req.os))) misses.push('os');
  if (req.arch !== undefined && (caps.arch === undefined || canon(ARCH, caps.arch) !== canon(ARCH, req.arch)))
    misses.push('arch');
  if (networkForbidden || (req.network === true && caps.network !== true)) misses.push('network');
  if (
    req.maxRuntimeMinutes !== undefined &&
    caps.maxRuntimeMinutes !== undefined &&
    caps.maxRuntimeMinutes < req.maxRuntimeMinutes
  )
    misses.push('maxRuntimeMinutes');
  if (req.maxCost !== undefined && !(estimatedCost(raw, req) <= req.maxCost)) misses.push('maxCost');
  for (const [k, v] of Object.entries(req.custom ?? {})) {
    const labels = raw.labels ?? {};
    if (!Object.prototype.hasOwnProperty.call(labels, k) || String(labels[k]) !== String(v)) misses.push(`custom.${k}`);
  }
  return misses.sort();
}

/** Every hard requirement of raw requirements, in the oracle's terms (`tools.<name>|<need>`, `gpu`, `custom.<key>`). */
function requirementsChecked(req: RawRequirements): string[] {
  const keys: string[] = [];
  for (const k of ['cpu', 'memoryGb', 'diskGb', 'os', 'arch', 'maxRuntimeMinutes', 'maxCost'] as const)
    if (req[k] !== undefined) keys.push(k);
  if (hardGpu(req) !== null) keys.push('gpu');
  if (req.network === true) keys.push('network');
  for (const spec of req.tools ?? []) {
    const { name } = splitToolSpec(spec);
    keys.push(`tools.${name}|${spec.trim()}`);
  }
  for (const k of Object.keys(req.custom ?? {})) keys.push(`custom.${k}`);
  return keys.sort();
}

/** What the engine reports as checked for one target (matches and mismatches), the mode aside. */
function engineReported(s: TargetScore): string[] {
  return [...s.matches, ...s.mismatches]
    .filter((m) => m.key !== 'mode')
    .map((m) => (m.key.startsWith('gpu') ? 'gpu' : m.key.startsWith('tools.') ? `${m.key}|${String(m.need)}` : m.key))
    .sort();
}

/** The engine's mismatches in the oracle's terms. */
function engineMisses(s: TargetScore): string[] {
  return s.mismatches
    .map((m) => (m.key.startsWith('gpu') ? 'gpu' : m.key.startsWith('tools.') ? `${m.key}|${String(m.need)}` : m.key))
    .sort();
}

function modeOf(raw: RawTargetsFile): string {
  return raw.placement?.mode ?? 'burst';
}

// ---------------------------------------------------------------------------------------------
// Helpers over results.

const eligibleIds = (r: PlacementResult) =>
  r.scores
    .filter((s) => s.eligible)
    .map((s) => s.targetId)
    .sort();

/** Paths of values that JSON would drop or change (functions, undefined, NaN, ±Infinity, class instances). */
function notJson(value: unknown, path = '$'): string[] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return [];
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path}: ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => notJson(v, `${path}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.entries(value).flatMap(([k, v]) => notJson(v, `${path}.${k}`));
  return [`${path}: ${typeof value}`];
}

const scoreOf = (r: PlacementResult, id: string) => r.scores.find((s) => s.targetId === id)!;

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
    expect(mixed).toBeGreaterThan(50);
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

  describe('6. fallback and strategy guarantees', () => {
    const scenario = fc.tuple(taskArb, targetListArb, optionsArb);

    it('with fallbackEnabled false, local-first places only on local, cloud-first only on cloud', () => {
      let placed = 0;
      let refused = 0;
      fc.assert(
        fc.property(
          scenario,
          fc.constantFrom('local-first' as const, 'cloud-first' as const),
          ([rawTask, list, opts], strategy) => {
            const raw = withOptions({ targets: list, placement: opts }, { strategy, fallbackEnabled: false });
            const r = placeTask(inputsOf(rawTask, raw));
            const scope = strategy === 'local-first' ? 'local' : 'cloud';
            const eligibleInScope = r.scores.some((s) => s.eligible && s.targetType === scope);
            expect(r.fallbackUsed).toBe(false);
            expect(r.success).toBe(eligibleInScope);
            if (r.selectedTarget !== null) {
              placed++;
              expect(scoreOf(r, r.selectedTarget).targetType).toBe(scope);
            } else if (r.scores.some((s) => s.eligible)) {
              refused++;
              expect(r.failureMessage).toContain('fallback is disabled');
            }
          },
        ),
        { numRuns: PROPERTY_RUNS },
      );
      expect(placed).toBeGreaterThan(20);
      expect(refused).toBeGreaterThan(5);
    });

    it('with fallbackEnabled true, any eligible target is placed, and fallbackUsed says when it left the scope', () => {
      fc.assert(
        fc.property(
          scenario,
          fc.constantFrom('local-first' as const, 'cloud-first' as const),
          ([rawTask, list, opts], strategy) => {
            const raw = withOptions({ targets: list, placement: opts }, { strategy, fallbackEnabled: true });
            const r = placeTask(inputsOf(rawTask, raw));
            expect(r.success).toBe(r.scores.some((s) => s.eligible));
            if (r.selectedTarget !== null) {
              const scope = strategy === 'local-first' ? 'local' : 'cloud';
              expect(r.fallbackUsed).toBe(scoreOf(r, r.selectedTarget).targetType !== scope);
            }
          },
        ),
        { numRuns: PROPERTY_RUNS },
      );
    });

    it('cost-optimized picks the minimum estimated cost among eligible targets', () => {
      let choices = 0;
      fc.assert(
        fc.property(scenario, ([rawTask, list, opts]) => {
          const r = placeTask(
            inputsOf(rawTask, withOptions({ targets: list, placement: opts }, { strategy: 'cost-optimized' })),
          );
          const eligible = r.scores.filter((s) => s.eligible);
          expect(r.success).toBe(eligible.length > 0);
          if (r.selectedTarget === null) return;
          const costs = eligible.map((s) => s.estimatedCost!);
          expect(scoreOf(r, r.selectedTarget).estimatedCost).toBe(Math.min(...costs));
          if (new Set(costs).size > 1) choices++;
        }),
        { numRuns: PROPERTY_RUNS },
      );
      expect(choices).toBeGreaterThan(10);
    });

    it('local-first places on local whenever a local target is eligible', () => {
      let hits = 0;
      fc.assert(
        fc.property(scenario, ([rawTask, list, opts]) => {
          const r = placeTask(
            inputsOf(rawTask, withOptions({ targets: list, placement: opts }, { strategy: 'local-first' })),
          );
          if (!r.scores.some((s) => s.eligible && s.targetType === 'local')) return;
          hits++;
          expect(r.success).toBe(true);
          expect(scoreOf(r, r.selectedTarget!).targetType).toBe('local');
          expect(r.fallbackUsed).toBe(false);
        }),
        { numRuns: PROPERTY_RUNS },
      );
      expect(hits).toBeGreaterThan(20);
    });
  });

  it('7. a pipeline succeeds iff every node does; its failure names the first failing node', () => {
    let failures = 0;
    let successes = 0;
    fc.assert(
      fc.property(pipelineArb, targetsFileArb, (rawPipeline, rawTargets) => {
        const file = pipelineFile.parse({ pipeline: rawPipeline });
        const { targets, options } = parseTargetsFile(rawTargets);
        const r = place(file, targets, options, run) as PipelineResult;
        expect(r.nodes.map((n) => n.id)).toEqual(rawPipeline.nodes.map((n) => n.id));
        expect(r.success).toBe(r.nodes.every((n) => n.result.success));
        const firstFailing = r.nodes.find((n) => !n.result.success);
        if (firstFailing === undefined) {
          successes++;
          expect(r.failureMessage).toBeNull();
        } else {
          failures++;
          expect(r.failureMessage!.startsWith(`Node '${firstFailing.id}'`)).toBe(true);
        }
        // Each node is placed exactly as the same demands would be placed as a task.
        rawPipeline.nodes.forEach(({ id, ...demands }, i) => {
          const alone = place(
            taskFile.parse({ task: { name: id, ...demands } }),
            targets,
            options,
            run,
          ) as PlacementResult;
          const node = r.nodes[i]!.result;
          expect(stableJson(node.scores)).toBe(stableJson(alone.scores));
          expect([node.success, node.selectedTarget, node.reason]).toEqual([
            alone.success,
            alone.selectedTarget,
            alone.reason,
          ]);
        });
      }),
      { numRuns: 200 },
    );
    expect(failures).toBeGreaterThan(10);
    expect(successes).toBeGreaterThan(10);
  });

  it('8. scores are ordered: eligible by descending score (ties by tieBreaker), then ineligible in file order', () => {
    fc.assert(
      fc.property(taskArb, targetsFileArb, (rawTask, rawTargets) => {
        const { file, targets, options } = inputsOf(rawTask, rawTargets);
        const r = place(file, targets, options, run) as PlacementResult;
        const index = new Map(targets.map((t, i) => [t.id, i]));
        expect([...r.scores.map((s) => s.targetId)].sort()).toEqual([...index.keys()].sort());
        const firstIneligible = r.scores.findIndex((s) => !s.eligible);
        const eligible = firstIneligible === -1 ? r.scores : r.scores.slice(0, firstIneligible);
        const ineligible = firstIneligible === -1 ? [] : r.scores.slice(firstIneligible);
        expect(ineligible.every((s) => !s.eligible)).toBe(true);
        expect(ineligible.map((s) => index.get(s.targetId))).toEqual(
          ineligible.map((s) => index.get(s.targetId)!).sort((a, b) => a - b),
        );
        for (let i = 1; i < eligible.length; i++) {
          const [a, b] = [eligible[i - 1]!, eligible[i]!];
          expect(a.score).toBeGreaterThanOrEqual(b.score);
          if (a.score !== b.score) continue;
          const [ia, ib] = [index.get(a.targetId)!, index.get(b.targetId)!];
          if (options.tieBreaker === 'first') expect(ia).toBeLessThan(ib);
          else if (options.tieBreaker === 'id') expect(a.targetId < b.targetId).toBe(true);
          else
            expect(a.estimatedCost! < b.estimatedCost! || (a.estimatedCost === b.estimatedCost && ia < ib)).toBe(true);
        }
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  // 9, 9b and 10 guard the sharing of Match/Mismatch objects in checks.ts: a task may ask for one tool
  // twice (`python3` and `python3@0.x`, `docker>=20` and `docker<28`), so sharing must be per requirement,
  // not per key, or the second check reports the first one's need (and results depend on fleet size).
  it('9. each mismatch names a requirement the target really misses, and every missed one is named', () => {
    fc.assert(
      fc.property(taskArb, targetsFileArb, (rawTask, rawTargets) => {
        const r = placeTask(inputsOf(rawTask, rawTargets));
        const req = rawTask.requirements ?? {};
        for (const t of rawTargets.targets) {
          expect({ id: t.id, misses: engineMisses(scoreOf(r, t.id)) }).toEqual({
            id: t.id,
            misses: oracleMisses(req, t, modeOf(rawTargets)),
          });
        }
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('9b. every hard requirement is reported once per target, as a match or a mismatch, with its own need', () => {
    let largeFleets = 0;
    fc.assert(
      fc.property(taskArb, targetsFileArb, fc.boolean(), (rawTask, rawTargets, large) => {
        fc.pre(rawTargets.targets.length > 0);
        const { file, targets, options } = inputsOf(rawTask, rawTargets);
        // Large fleets (1000+ targets) take the engine's shared-match path: pad with copies.
        const padding = large
          ? Array.from({ length: 1000 }, (_, i) =>
              target.parse({ ...rawTargets.targets[i % rawTargets.targets.length]!, id: `pad-${i}` }),
            )
          : [];
        if (large) largeFleets++;
        const r = place(file, [...padding, ...targets], options, run) as PlacementResult;
        const expected = requirementsChecked(rawTask.requirements ?? {});
        for (const t of targets) {
          expect({ id: t.id, reported: engineReported(scoreOf(r, t.id)) }).toEqual({ id: t.id, reported: expected });
        }
      }),
      { numRuns: 150 },
    );
    expect(largeFleets).toBeGreaterThan(30);
  });

  it("10. a target's checks do not depend on the rest of the fleet (alone, in the fleet, in a fleet of 1000+)", () => {
    const checked = (s: TargetScore) =>
      stableJson({
        targetId: s.targetId,
        targetType: s.targetType,
        eligible: s.eligible,
        estimatedCost: s.estimatedCost,
        matches: s.matches,
        mismatches: s.mismatches,
      });
    // Most tasks ask for one tool twice (`git` and `git>=2`, or two ranges): two checks with one key.
    const tasks = fc.oneof(
      { arbitrary: taskArb, weight: 1 },
      {
        arbitrary: fc
          .tuple(
            taskArb,
            fc.oneof(
              repeatedToolArb,
              toolRequirementArb.filter((t) => t.range !== null).map((t) => [t.name, t.spec]),
            ),
          )
          .map(([t, tools]) => ({ ...t, requirements: { ...t.requirements, tools } })),
        weight: 2,
      },
    );
    // Fleets where the last target has every tool the task names, at one version, so both checks pass.
    const fleets = fc
      .tuple(targetsFileArb, fc.boolean(), toolVersionArb)
      .map(([file, equip, version]) => ({ file, equip: equip ? (version ?? '27.1.1') : null }));
    fc.assert(
      fc.property(tasks, fleets, (rawTask, { file: fleet, equip }) => {
        fc.pre(fleet.targets.length > 0);
        let rawTargets = fleet;
        if (equip !== null && rawTask.requirements?.tools !== undefined) {
          const last = fleet.targets[fleet.targets.length - 1]!;
          const have = Array.isArray(last.capabilities?.tools)
            ? Object.fromEntries(last.capabilities.tools.map((t) => [t, null]))
            : last.capabilities?.tools;
          const tools = {
            ...have,
            ...Object.fromEntries(rawTask.requirements.tools.map((spec) => [splitToolSpec(spec).name, equip])),
          };
          rawTargets = {
            ...fleet,
            targets: [...fleet.targets.slice(0, -1), { ...last, capabilities: { ...last.capabilities, tools } }],
          };
        }
        const { file, targets, options } = inputsOf(rawTask, rawTargets);
        const inFleet = place(file, targets, options, run) as PlacementResult;
        const padding = Array.from({ length: 1000 }, (_, i) =>
          target.parse({ ...rawTargets.targets[i % rawTargets.targets.length]!, id: `pad-${i}` }),
        );
        const inLargeFleet = place(file, [...padding, ...targets], options, run) as PlacementResult;
        for (const t of targets) {
          const alone = place(file, [t], options, run) as PlacementResult;
          expect(checked(scoreOf(inFleet, t.id))).toBe(checked(alone.scores[0]!));
          expect(checked(scoreOf(inLargeFleet, t.id))).toBe(checked(alone.scores[0]!));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('11. every result is valid against the result schemas and survives a JSON round trip', () => {
    fc.assert(
      fc.property(workloadFileArb, targetsFileArb, (rawFile, rawTargets) => {
        const file = parseWorkloadFile(rawFile);
        const { targets, options } = parseTargetsFile(rawTargets);
        const r = place(file, targets, options, run);
        if ('task' in file) placementResult.parse(r);
        else pipelineResult.parse(r);
        expect(notJson(r)).toEqual([]);
        const all = compare(file, targets, options, run);
        compareResult.parse(all);
        expect(notJson(all)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  // A regression property: a task needing tool `constructor` was once eligible on any target with a known
  // tool list (`caps.tools[name]` read Object.prototype), with a function as `have`. Counterexample:
  // [{tools: ["constructor"]}, {targets: [{id: local, type: local, capabilities: {tools: []}}]}].
  it('12. tool names and label keys that are also Object.prototype members are ordinary names', () => {
    // Tool names and label keys are user text: `constructor`, `toString`, `valueOf` pass the schemas'
    // name rules, and must be looked up as the target's own entries, never inherited ones.
    const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'docker'] as const;
    const taskWithNames = fc.record(
      {
        tools: fc.array(fc.constantFrom(...names), { minLength: 1, maxLength: 2 }),
        custom: fc.dictionary(fc.constantFrom(...names), fc.constantFrom('x', 'eu-west-1'), { maxKeys: 1 }),
      },
      { requiredKeys: ['tools'] },
    );
    fc.assert(
      fc.property(taskWithNames, targetsFileArb, (req, rawTargets) => {
        const r = placeTask(inputsOf({ name: 't', requirements: req }, rawTargets));
        for (const t of rawTargets.targets) {
          expect({ id: t.id, misses: engineMisses(scoreOf(r, t.id)) }).toEqual({
            id: t.id,
            misses: oracleMisses(req, t, modeOf(rawTargets)),
          });
        }
        placementResult.parse(r);
      }),
      { numRuns: 200 },
    );
  });

  it('14. preferences, affinity and anti-affinity never change eligibility; stricter modes only remove targets', () => {
    fc.assert(
      fc.property(taskArb, targetsFileArb, (rawTask, rawTargets) => {
        const { preferences: _p, affinity: _a, antiAffinity: _x, ...hardOnly } = rawTask;
        const checks = (r: PlacementResult) =>
          stableJson(r.scores.map((s) => [s.targetId, s.eligible, s.matches, s.mismatches]).sort());
        expect(checks(placeTask(inputsOf(rawTask, rawTargets)))).toBe(
          checks(placeTask(inputsOf(hardOnly, rawTargets))),
        );
        const [burst, localOnly, airgapped] = (['burst', 'local-only', 'airgapped'] as const).map((mode) =>
          eligibleIds(placeTask(inputsOf(rawTask, withOptions(rawTargets, { mode })))),
        );
        for (const id of localOnly!) expect(burst).toContain(id);
        for (const id of airgapped!) expect(localOnly).toContain(id);
      }),
      { numRuns: PROPERTY_RUNS },
    );
  });

  it('13. a placement does not depend on the placements made before it (no state leaks between calls)', async () => {
    await fc.assert(
      fc.asyncProperty(
        taskArb,
        targetsFileArb,
        fc.array(fc.tuple(fc.option(taskArb, { nil: undefined }), targetsFileArb), { minLength: 1, maxLength: 4 }),
        async (rawTask, rawTargets, before) => {
          // A fresh copy of the engine, with every module-level cache empty.
          vi.resetModules();
          const fresh = (await import('../../../shared/engine/place.js')).place;
          const { file, targets, options } = inputsOf(rawTask, rawTargets);
          const cold = stableJson(fresh(file, targets, options, run));
          // Earlier placements: the same task on other fleets (same specs, other versions), or other tasks.
          for (const [t, ts] of before) {
            const other = inputsOf(t ?? rawTask, ts);
            fresh(other.file, other.targets, other.options, run);
          }
          expect(stableJson(fresh(file, targets, options, run))).toBe(cold);
          // The engine every other property has warmed up agrees too.
          expect(stableJson(place(file, targets, options, run))).toBe(cold);
        },
      ),
      { numRuns: 60 },
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
