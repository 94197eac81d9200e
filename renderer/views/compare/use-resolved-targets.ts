import { useEffect, useRef, useState } from 'react';
import type { ApiOutput } from '../../../shared/api/contract';
import { toolsNamed, type TaskOrPipelineFile } from '../../../shared/schema/task';
import { useApi } from '../../api/context';
import { useTargetOrder } from '../../format/target-colour';
import { useFreshnessStore } from './freshness-store';

export type ResolvedTargets = ApiOutput<'targets.resolve'>;

export interface ResolvedState {
  data: ResolvedTargets | null;
  error: string | null;
  loading: boolean;
  refresh(): void;
}

/**
 * The configured targets with their capabilities filled in (`targets.resolve`), for the engine to
 * rank in the renderer. Asked again only when the task names other tools (they must be looked for),
 * capabilities change or an imported source is read again; a number edit never waits on the main process.
 * The answer never waits on a probe: a probe's outcome arrives as `capabilities.changed`, which asks again.
 */
export function useResolvedTargets(file: TaskOrPipelineFile | null): ResolvedState {
  const api = useApi();
  const latest = useRef(file);
  latest.current = file;
  const tools = file ? [...new Set(toolsNamed(file))].sort().join(',') : '';
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<Omit<ResolvedState, 'refresh'>>({ data: null, error: null, loading: true });

  useEffect(() => api.on('capabilities.changed', () => setNonce((n) => n + 1)), [api]);
  // An imported source read again may have added, changed or removed nodes.
  useEffect(
    () => api.on('targets.changed', (e) => (e as { ok?: unknown }).ok === true && setNonce((n) => n + 1)),
    [api],
  );

  useEffect(() => {
    let cancelled = false;
    setState((s) => ({ ...s, loading: true }));
    api.client['targets.resolve'](latest.current ? { task: latest.current } : {}).then(
      (data) => {
        if (cancelled) return;
        useFreshnessStore.getState().set(data.freshness ?? {});
        useTargetOrder.getState().setOrder(data.targets.map((t) => t.id));
        setState({ data, error: null, loading: false });
      },
      (err: Error) => !cancelled && setState((s) => ({ ...s, error: err.message, loading: false })),
    );
    return () => {
      cancelled = true;
    };
  }, [api, tools, nonce]);

  return { ...state, refresh: () => setNonce((n) => n + 1) };
}
