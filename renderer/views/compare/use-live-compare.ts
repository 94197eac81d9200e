import { useDeferredValue, useLayoutEffect, useMemo, useRef } from 'react';
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
/** A ranking computed in less than this (ms; half a frame, the rest left to draw it) is not deferred. */
const QUICK_MS = 8;

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
 * trip). Where the last ranking took more than half a frame the inputs are deferred, so typing
 * stays responsive while a large fleet re-ranks; the result is memoised on them.
 *
 * Measuring hook (read by `npm run bench`, bench/renderer.ts): as each re-rank is committed,
 * `window.__peLastRankMs` holds its compute time and `document.body.dataset.rankedAt` the
 * `performance.now()` of the commit that shows it. The bench times an edit until the first frame
 * painted after `rankedAt` changes, so what it measures is the re-rank plus the repaint.
 */
export function useLiveCompare(
  file: TaskOrPipelineFile | null,
  targets: readonly Target[] | null,
  options: PlacementOptions | null,
  unchecked: Unchecked = NONE_UNCHECKED,
): LiveComparison {
  // A re-rank as quick as the last one was is made with the edit: deferring it costs a second render.
  const quick = useRef(false);
  // Deferring from nothing only delays the first ranking: the first one is computed at once.
  const rankedFile = useDeferredValue(quick.current ? null : file) ?? file;
  const rankedOptions = useDeferredValue(quick.current ? null : options) ?? options;
  const computed = useMemo(() => {
    if (rankedFile === null || targets === null || rankedOptions === null) return { result: null, ms: 0 };
    const t0 = performance.now();
    // The live cards warn as the recorded placement will when a winner's capabilities were not checked.
    // The words are built for the rows someone looks at; the same targets list keeps the fleet compiled.
    const result = compare(rankedFile, targets, rankedOptions, {
      requestId: 'what-if',
      unchecked,
      explanations: 'on demand',
    });
    return { result, ms: performance.now() - t0 };
  }, [rankedFile, targets, rankedOptions, unchecked]);

  // In the commit itself (a layout effect): effects that wait for the paint would stamp it late.
  useLayoutEffect(() => {
    if (computed.result === null) return;
    quick.current = computed.ms < QUICK_MS;
    window.__peLastRankMs = computed.ms;
    document.body.dataset['rankedAt'] = String(performance.now());
  }, [computed]);

  return { ...computed, stale: rankedFile !== file || rankedOptions !== options };
}
