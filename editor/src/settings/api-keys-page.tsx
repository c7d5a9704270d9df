import { type FormEvent, useCallback, useState } from 'react';
import { apiErrorMessage } from '../api/api-errors';
import type { ApiKeyScope, CreatedApiKey, SettingsApi } from '../api/people-api';
import { useLoaded } from './use-loaded';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const SCOPES: Array<{ value: ApiKeyScope; label: string }> = [
  { value: 'full', label: 'Full access (/v1 and /api-webhook)' },
  { value: 'api-webhook', label: 'Send messages only (/api-webhook)' },
  { value: 'read-only', label: 'Read-only (/v1 reads)' },
];

/** Admins: API keys for machines (Zapier, a CRM); a new key is shown once. */
export function ApiKeysPage({ settingsApi }: { settingsApi: SettingsApi }) {
  const keys = useLoaded(
    useCallback(() => settingsApi.apiKeys(), [settingsApi]),
    'the API keys',
  );
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiKeyScope>('full');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  const act = async (work: () => Promise<unknown>) => {
    keys.setError(null);
    try {
      await work();
    } catch (caught) {
      keys.setError(apiErrorMessage(caught, 'Something went wrong.'));
    }
    await keys.reload();
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    await act(async () => {
      setCreated(await settingsApi.createApiKey(name.trim() || 'API key', scope));
      setName('');
    });
  };

  return (
    <main className="list-page settings-page">
      <h1>API keys</h1>
      <p className="muted">For machines calling /v1 and /api-webhook. People sign in instead.</p>
      {keys.error && (
        <p className="problem" role="alert">
          {keys.error}
        </p>
      )}
      {keys.value && (
        <form className="inline-form" onSubmit={(event) => void create(event)}>
          <label htmlFor="key-name">Name</label>
          <input id="key-name" value={name} placeholder="Zapier" onChange={(event) => setName(event.target.value)} />
          <label htmlFor="key-scope">Access</label>
          <select id="key-scope" value={scope} onChange={(event) => setScope(event.target.value as ApiKeyScope)}>
            {SCOPES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          <button type="submit">Create key</button>
        </form>
      )}
      {created && (
        <div className="field one-time-secret">
          <label htmlFor="new-key">New key “{created.name}”: copy it now, it is not shown again</label>
          <input id="new-key" readOnly value={created.key} onFocus={(event) => event.target.select()} />
        </div>
      )}
      {keys.value && (
        <table className="settings-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Access</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.value.map((key) => (
              <tr key={key.id} data-testid={`api-key-${key.name}`}>
                <td>{key.name}</td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>{key.scope}</td>
                <td>{dateFormat.format(new Date(key.created_at))}</td>
                <td>{key.last_used_at ? dateFormat.format(new Date(key.last_used_at)) : 'never'}</td>
                <td>
                  {key.revoked_at ? (
                    'revoked'
                  ) : (
                    <button type="button" className="link-button danger" onClick={() => void act(() => settingsApi.revokeApiKey(key.id))}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
