import { useDeferredValue, useEffect, useMemo } from 'react';
import type { TargetFreshness } from '../../../shared/api/contract';
import { compare } from '../../../shared/engine/place';
import type { Unchecked } from '../../../shared/engine/warnings';
import type { CompareResult } from '../../../shared/schema/result';
import type { PlacementOptions, Target } from '../../../shared/schema/targets';
import type { TaskOrPipelineFile } from '../../../shared/schema/task';

declare global {
  interface Window {
    /** How long the last live re-rank (every strategy over every target) took to compute, in ms. */
    __peLastRankMs?: number;
  }
}

const NONE_UNCHECKED: Unchecked = {};

export interface LiveComparison {
  result: CompareResult | null;
  /** Compute time of `result`, in ms. */
  ms: number;
  /** The inputs have moved on and a newer ranking is on its way. */
  stale: boolean;
}

/**
 * The engine's `unchecked` from `targets.resolve`'s freshness, as the main process makes it for a
 * placement recorded for real: each target whose last probe failed with no good discovery to fall
 * back on was ranked on its written capabilities (`probe failed: timed out after 10 s`).
 */
export function uncheckedOfFreshness(freshness: Readonly<Record<string, TargetFreshness>> | undefined): Unchecked {
  // fromEntries defines own properties: a target called `__proto__` is an ordinary id.
  return Object.fromEntries(
    Object.entries(freshness ?? {})
      .filter(([, f]) => f.state === 'probe-failed' && (f.lastGoodAgeMs ?? null) === null)
      .map(([id, f]) => {
        const why = f.reason ?? 'no reason given';
        return [id, why.startsWith('probe failed') ? why : `probe failed: ${why}`];
      }),
  );
}

/**
 * Every strategy's result for the task, computed here with the pure engine on each edit (no round
 * trip). The inputs are deferred, so typing stays responsive while a large fleet re-ranks, and the
 * result is memoised on them.
 *
 * Measuring hook (read by `npm run bench`, bench/renderer.ts): after each re-rank is committed,
 * `window.__peLastRankMs` holds its compute time and `document.body.dataset.rankedAt` the
 * `performance.now()` of the commit that shows it. The bench times an edit until `rankedAt` changes
 * and then one more animation frame, so what it measures is the re-rank plus the repaint.
 */
export function useLiveCompare(
  file: TaskOrPipelineFile | null,
  targets: readonly Target[] | null,
  options: PlacementOptions | null,
  unchecked: Unchecked = NONE_UNCHECKED,
): LiveComparison {
  // Deferring from nothing only delays the first ranking: the first one is computed at once.
  const deferredFile = useDeferredValue(file) ?? file;
  const deferredOptions = useDeferredValue(options) ?? options;
  const computed = useMemo(() => {
    if (deferredFile === null || targets === null || deferredOptions === null) return { result: null, ms: 0 };
    const t0 = performance.now();
    // The live cards warn as the recorded placement will when a winner's capabilities were not checked.
    const result = compare(deferredFile, targets, deferredOptions, { requestId: 'what-if', unchecked });
    return { result, ms: performance.now() - t0 };
  }, [deferredFile, targets, deferredOptions, unchecked]);

  useEffect(() => {
    if (computed.result === null) return;
    window.__peLastRankMs = computed.ms;
    document.body.dataset['rankedAt'] = String(performance.now());
  }, [computed]);

  return { ...computed, stale: deferredFile !== file || deferredOptions !== options };
}
