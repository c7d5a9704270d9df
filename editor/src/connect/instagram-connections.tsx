import type { FlowSummaryView, InstagramAccountView } from '@dmflow/shared';
import { useCallback, useEffect, useState } from 'react';
import { apiErrorMessage } from '../api/api-errors';
import type { InstagramAccountsApi } from '../api/instagram-accounts-api';
import type { FlowsApi } from '../api/flows-api';
import { MessengerProfileEditor } from '../messenger-profile/messenger-profile-editor';
import { AccountClockSettings } from './account-clock-settings';
import { loginOutcomeOf } from './login-outcome';

const REASONS: Record<NonNullable<InstagramAccountView['needs_reconnect_reason']>, string> = {
  token_refresh_refused: 'Instagram stopped accepting its access token.',
  connected_elsewhere: 'It was connected to another workspace by someone who logged in as this account.',
};

/** Sends the browser to Instagram's login; it comes back to /connect with the outcome. */
function useStartLogin(api: InstagramAccountsApi, setError: (message: string | null) => void) {
  const [starting, setStarting] = useState(false);
  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      const { authorize_url } = await api.startLogin();
      window.location.assign(authorize_url);
    } catch (caught) {
      setError(apiErrorMessage(caught, 'Could not start connecting Instagram.'));
      setStarting(false);
    }
  };
  return { starting, start };
}

function AccountRow({ account, onReconnect, busy }: { account: InstagramAccountView; onReconnect: () => void; busy: boolean }) {
  const needsReconnect = account.status === 'needs_reconnect';
  return (
    <li className="instagram-account">
      {account.profile_picture_url ? (
        <img className="instagram-picture" src={account.profile_picture_url} alt="" width={40} height={40} />
      ) : (
        <span className="instagram-picture" aria-hidden="true" />
      )}
      <div className="instagram-account-text">
        <strong>@{account.username}</strong>
        <span className={needsReconnect ? 'status status-warning' : 'status status-ok'}>
          {needsReconnect ? 'Needs reconnect' : 'Connected'}
        </span>
        {needsReconnect && account.needs_reconnect_reason && <span className="field-help">{REASONS[account.needs_reconnect_reason]}</span>}
      </div>
      {needsReconnect && (
        <button type="button" className="secondary" disabled={busy} onClick={onReconnect} aria-label={`Reconnect @${account.username}`}>
          Reconnect
        </button>
      )}
    </li>
  );
}

/** The workspace's Instagram accounts: "Connect Instagram" (Business Login), each account's status, Reconnect. */
export function InstagramConnections({ api, flowsApi }: { api: InstagramAccountsApi; flowsApi?: FlowsApi }) {
  const [accounts, setAccounts] = useState<InstagramAccountView[] | null>(null);
  const [flows, setFlows] = useState<FlowSummaryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome] = useState(() => loginOutcomeOf(window.location.search));
  const { starting, start } = useStartLogin(api, setError);

  const load = useCallback(
    () => api.list().then(setAccounts, (caught: unknown) => setError(apiErrorMessage(caught, 'Could not load the Instagram accounts.'))),
    [api],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    flowsApi?.listAll().then(setFlows, () => setFlows([]));
  }, [flowsApi]);
  const connected = (accounts ?? []).filter((account) => account.status === 'connected');

  return (
    <section className="card connect-card" aria-labelledby="instagram-heading">
      <h2 id="instagram-heading">Instagram accounts</h2>
      {outcome && (
        <p className={outcome.kind === 'connected' ? 'login-outcome' : 'problem'} role={outcome.kind === 'connected' ? 'status' : 'alert'}>
          {outcome.message}
        </p>
      )}
      {accounts && accounts.length === 0 && <p>No Instagram account is connected yet.</p>}
      {accounts && accounts.length > 0 && (
        <ul className="instagram-accounts">
          {accounts.map((account) => (
            <AccountRow key={account.id} account={account} busy={starting} onReconnect={() => void start()} />
          ))}
        </ul>
      )}
      {error && (
        <p className="problem" role="alert">
          {error}
        </p>
      )}
      <button type="button" disabled={starting} onClick={() => void start()}>
        {starting ? 'Opening Instagram…' : 'Connect Instagram'}
      </button>
      {connected.map((account) => (
        <AccountClockSettings key={`${account.id}-${account.time_zone}-${account.locale}`} api={api} account={account} />
      ))}
      {flows &&
        connected.map((account) => (
          <MessengerProfileEditor key={account.id} api={api} instagramAccountId={account.id} username={account.username} flows={flows} />
        ))}
      <p className="field-help">
        You log in on Instagram and choose the professional account; dmflow connects the account Instagram names. Air-gapped or scripted
        set-ups can connect an access token by hand: see <code>docs/instagram-setup.md</code>.
      </p>
    </section>
  );
}
