import { useDeferredValue, useEffect, useMemo } from 'react';
import { compare } from '../../../shared/engine/place';
import type { CompareResult } from '../../../shared/schema/result';
import type { PlacementOptions, Target } from '../../../shared/schema/targets';
import type { TaskOrPipelineFile } from '../../../shared/schema/task';

declare global {
  interface Window {
    /** How long the last live re-rank (every strategy over every target) took to compute, in ms. */
    __peLastRankMs?: number;
  }
}

export interface LiveComparison {
  result: CompareResult | null;
  /** Compute time of `result`, in ms. */
  ms: number;
  /** The inputs have moved on and a newer ranking is on its way. */
  stale: boolean;
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
): LiveComparison {
  // Deferring from nothing only delays the first ranking: the first one is computed at once.
  const deferredFile = useDeferredValue(file) ?? file;
  const deferredOptions = useDeferredValue(options) ?? options;
  const computed = useMemo(() => {
    if (deferredFile === null || targets === null || deferredOptions === null) return { result: null, ms: 0 };
    const t0 = performance.now();
    const result = compare(deferredFile, targets, deferredOptions, { requestId: 'what-if' });
    return { result, ms: performance.now() - t0 };
  }, [deferredFile, targets, deferredOptions]);

  useEffect(() => {
    if (computed.result === null) return;
    window.__peLastRankMs = computed.ms;
    document.body.dataset['rankedAt'] = String(performance.now());
  }, [computed]);

  return { ...computed, stale: deferredFile !== file || deferredOptions !== options };
}
