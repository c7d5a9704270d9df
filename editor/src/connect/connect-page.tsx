import { type FormEvent, useMemo, useState } from 'react';
import { ApiClient } from '../api/api-client';
import { apiErrorMessage, isApiError } from '../api/api-errors';
import { type ApiConnection, saveConnection } from '../api/connection';
import { InstagramAccountsApi } from '../api/instagram-accounts-api';
import { InstagramConnections } from './instagram-connections';

/**
 * Asks for the API URL and key, checks them against /v1/whoami, and keeps them in this browser; once connected, it
 * also lists the workspace's Instagram accounts with "Connect Instagram".
 */
export function ConnectPage({ current, onConnected }: { current: ApiConnection | null; onConnected: (connection: ApiConnection) => void }) {
  const [baseUrl, setBaseUrl] = useState(current?.baseUrl ?? '');
  const [apiKey, setApiKey] = useState(current?.apiKey ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const instagramApi = useMemo(() => (current ? new InstagramAccountsApi(new ApiClient(current)) : null), [current]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const connection = { baseUrl: baseUrl.trim(), apiKey: apiKey.trim() };
    setBusy(true);
    setError(null);
    try {
      await new ApiClient(connection).request('GET', '/v1/whoami');
      saveConnection(connection);
      onConnected(connection);
    } catch (caught) {
      setError(
        isApiError(caught) && caught.status === 401 ? 'This API key was not accepted.' : apiErrorMessage(caught, 'Could not connect.'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="connect-page">
      <div className="connect-stack">
        <form className="card connect-card" onSubmit={(event) => void submit(event)}>
          <h1>Connect to dmflow</h1>
          <p>Use an API key of your workspace. It is kept in this browser only.</p>
          <div className="field">
            <label htmlFor="api-url">API URL</label>
            <input
              id="api-url"
              type="url"
              placeholder={window.location.origin}
              value={baseUrl}
              onChange={(event) => setBaseUrl(event.target.value)}
            />
            <p className="field-help">Leave empty when the editor is served by the dmflow server.</p>
          </div>
          <div className="field">
            <label htmlFor="api-key">API key</label>
            <input
              id="api-key"
              type="password"
              autoComplete="off"
              required
              value={apiKey}
              onChange={(event) => setApiKey(event.target.value)}
            />
          </div>
          {error && (
            <p className="problem" role="alert">
              {error}
            </p>
          )}
          <button type="submit" disabled={busy || !apiKey.trim()}>
            {busy ? 'Connecting…' : 'Connect'}
          </button>
        </form>
        {instagramApi && <InstagramConnections api={instagramApi} />}
      </div>
    </main>
  );
}
