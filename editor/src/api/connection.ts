export interface ApiConnection {
  /** Empty = the editor's own origin (the server serves the editor). */
  baseUrl: string;
  apiKey: string;
}

const STORAGE_KEY = 'dmflow.connection';

export function loadConnection(): ApiConnection | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<ApiConnection> | null;
    if (stored && typeof stored.apiKey === 'string' && stored.apiKey)
      return { baseUrl: typeof stored.baseUrl === 'string' ? stored.baseUrl : '', apiKey: stored.apiKey };
  } catch {
    // A corrupt entry is treated as no connection: the user connects again.
  }
  return null;
}

export function saveConnection(connection: ApiConnection): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(connection));
}

export function forgetConnection(): void {
  localStorage.removeItem(STORAGE_KEY);
}
