import { useEffect, useState } from 'react';
import type { ApiClient, ApiOutput } from '../../../shared/api/contract';

export type LoadSample = ApiOutput<'machine.load'>;

/** About two minutes at one sample every two seconds. */
export const MAX_POINTS = 60;

export interface MachineLoadState {
  samples: LoadSample[];
  error: string | null;
}

/**
 * Polls `machine.load` every `everyMs` while the view is mounted and the tab visible (a hidden tab
 * asks nothing: the chart would only be looked at later, and the main process has better things to
 * do). Keeps the last MAX_POINTS samples; one call at a time.
 */
// A function, not an inline test: the answer changes across the awaits below.
const hidden = () => document.visibilityState === 'hidden';

export function useMachineLoad(client: ApiClient, everyMs = 2000): MachineLoadState {
  const [state, setState] = useState<MachineLoadState>({ samples: [], error: null });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let inFlight = false;

    async function poll() {
      timer = undefined;
      if (stopped || inFlight || hidden()) return;
      inFlight = true;
      try {
        const sample = await client['machine.load']({});
        if (!stopped) setState((s) => ({ samples: [...s.samples, sample].slice(-MAX_POINTS), error: null }));
      } catch (err) {
        if (!stopped) setState((s) => ({ ...s, error: (err as Error).message }));
      } finally {
        inFlight = false;
      }
      if (!stopped && !hidden()) timer = setTimeout(poll, everyMs);
    }

    const onVisibility = () => {
      if (hidden()) {
        clearTimeout(timer);
        timer = undefined;
      } else if (timer === undefined && !inFlight) void poll();
    };
    document.addEventListener('visibilitychange', onVisibility);
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [client, everyMs]);
  return state;
}
