import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from '../../shared/api/contract';
import type { AppApi } from './client';

const ApiContext = createContext<AppApi | null>(null);

/** Makes the app's API (client and events) available to every view; tests pass their own. */
export function ApiProvider({ api, children }: { api: AppApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): AppApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi outside ApiProvider');
  return api;
}

export function useClient(): ApiClient {
  return useApi().client;
}
