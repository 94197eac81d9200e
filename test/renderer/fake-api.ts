// An AppApi for component tests: its methods are the given handlers (any other method rejects,
// naming it), every call is recorded, and events can be emitted as the main process would.
import { vi } from 'vitest';
import type { ApiClient, ApiEventName } from '../../shared/api/contract';
import type { AppApi, SavedFile } from '../../renderer/api/client';

export type Handler = (input: never) => Promise<unknown>;

export interface FakeApi {
  api: AppApi;
  /** Each call as `[method, input]`, in order. */
  calls: [string, unknown][];
  emit(event: ApiEventName, payload: unknown): void;
}

export function fakeApi(
  handlers: Record<string, Handler>,
  save: (file: SavedFile) => Promise<boolean> = async () => true,
): FakeApi {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const calls: [string, unknown][] = [];
  const client = new Proxy({} as ApiClient, {
    get: (_t, method: string) => (input: never) => {
      calls.push([method, input]);
      return handlers[method]?.(input) ?? Promise.reject(new Error(`no fake for ${method}`));
    },
  });
  const api: AppApi = {
    client,
    transport: 'http',
    on(event, cb) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(cb);
      return () => set.delete(cb);
    },
    save: vi.fn(save),
  };
  const emit = (event: ApiEventName, payload: unknown) => listeners.get(event)?.forEach((cb) => cb(payload));
  return { api, calls, emit };
}
