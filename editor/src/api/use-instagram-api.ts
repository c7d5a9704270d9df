import { createContext, useContext, useMemo } from 'react';
import type { ApiClient } from './api-client';
import { InstagramAccountsApi } from './instagram-accounts-api';

/** The signed-in session's API client, for components deep in the tree (the post picker); null outside a session. */
export const ApiClientContext = createContext<ApiClient | null>(null);

/** The Instagram endpoints over the session, or null when there is none (unit tests render without one). */
export function useInstagramApi(): InstagramAccountsApi | null {
  const client = useContext(ApiClientContext);
  return useMemo(() => (client ? new InstagramAccountsApi(client) : null), [client]);
}
