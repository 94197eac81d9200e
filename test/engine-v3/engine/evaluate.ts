import type { Mismatch, TargetScore } from '../../../shared/schema/result.js';
import type { Requirements } from '../../../shared/schema/requirements.js';
import type { Mode, Target } from '../../../shared/schema/targets.js';
import { checkInto, type CheckOutcome } from './checks.js';
import { compileRequirements, compileSelectors, selectorMatches, type CompiledRequirements } from './compile.js';
import type { Estimate } from '../../../shared/schema/estimate.js';
import { estimateCost } from './cost.js';
import { compileEstimate, timingOn, type CompiledEstimate, type Timing } from './estimate.js';
import { preferenceScore } from './preferences.js';

/** What a task asks of its target: the common part of a task and a pipeline node. */
export interface Demands {
  requirements: Requirements;
  preferences: Requirements;
  affinity?: string[] | undefined;
  antiAffinity?: string[] | undefined;
  estimate?: Estimate | undefined;
}

/** One target checked against a task's hard requirements, with its soft signals. */
export interface EvaluatedTarget extends CheckOutcome {
  target: Target;
  index: number;
  /** USD for the run; NaN when an estimate is unknown on a target that charges by the hour. */
  cost: number;
  /** Estimated minutes (null: no estimate, or unknown), and the arithmetic or why it is unknown. */
  minutes: number | null;
  estimate: string | null;
  eligible: boolean;
  /** Preferences met, in [0, 1]; null when the task states none. */
  preferences: number | null;
  /** 1 when the target matches an affinity selector; null when the task lists none. */
  affinity: number | null;
  /** 1 when the target matches an anti-affinity selector. */
  antiAffinity: number;
}

/** The strategy-independent part of a placement, shared by every strategy in `compare`. */
export interface Evaluation {
  demands: Demands;
  compiled: CompiledRequirements;
  /** The task's estimate, its reference resolved; null without one. */
  estimate: CompiledEstimate | null;
  mode: Mode;
  targets: EvaluatedTarget[];
  /** True when the mode forbids the network access the task requires. */
  networkForbidden: boolean;
  /** The ineligible targets' scores, built by the first strategy that decides and shared by the rest. */
  ineligibleScores?: readonly TargetScore[];
}

function modeMismatch(mode: Mode, target: Target): Mismatch | null {
  if (mode === 'burst' || target.type === 'local') return null;
  return {
    key: 'mode',
    need: mode,
    have: target.type,
    message: `mode: ${mode} allows only local targets, this one is ${target.type}`,
  };
}

/** Checks every target against the hard requirements and the mode, and measures the soft signals. */
export function evaluate(demands: Demands, targets: readonly Target[], mode: Mode): Evaluation {
  const compiled = compileRequirements(demands.requirements, targets.length);
  const hasPreferences = Object.keys(demands.preferences).length > 0;
  const prefs = hasPreferences ? compileRequirements(demands.preferences, targets.length) : null;
  const affinity = compileSelectors(demands.affinity);
  const anti = compileSelectors(demands.antiAffinity);
  const networkForbidden = mode === 'airgapped' && demands.requirements.network === true;
  const estimate = compileEstimate(demands.estimate, demands.requirements);
  const plain: Timing = { cost: 0, minutes: null, estimate: null, estimated: false };
  const evaluated = new Array<EvaluatedTarget>(targets.length);
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i]!;
    // Without an estimate only the cost differs per target: one scratch timing, read and never kept.
    let timing: Timing;
    if (estimate === null) {
      plain.cost = estimateCost(target.hourlyRate, demands.requirements);
      timing = plain;
    } else timing = timingOn(target, demands.requirements, estimate);
    const entry: EvaluatedTarget = {
      target,
      index: i,
      cost: timing.cost,
      minutes: timing.minutes,
      estimate: timing.estimate,
      matches: [],
      mismatches: [],
      eligible: false,
      preferences: prefs === null ? null : preferenceScore(prefs, target, timing),
      affinity: affinity.length === 0 ? null : selectorMatches(affinity, target.id, target.labels) ? 1 : 0,
      antiAffinity: selectorMatches(anti, target.id, target.labels) ? 1 : 0,
    };
    checkInto(entry, compiled, target, timing);
    const modeMiss = modeMismatch(mode, target);
    if (modeMiss) entry.mismatches.unshift(modeMiss);
    if (networkForbidden) {
      entry.matches = entry.matches.filter((m) => m.key !== 'network');
      entry.mismatches = entry.mismatches.filter((m) => m.key !== 'network');
      entry.mismatches.push({
        key: 'network',
        need: true,
        have: false,
        message: 'network: the task requires network access, which airgapped mode forbids',
      });
    }
    entry.eligible = entry.mismatches.length === 0;
    evaluated[i] = entry;
  }
  return { demands, compiled, estimate, mode, targets: evaluated, networkForbidden };
}
