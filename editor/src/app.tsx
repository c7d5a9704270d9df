import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { type AccountSummary, loadAccountSummary } from './api/account-api';
import { ApiClient } from './api/api-client';
import { type ApiConnection, forgetConnection, loadConnection } from './api/connection';
import { FlowsApi } from './api/flows-api';
import { ConnectPage } from './connect/connect-page';
import { FlowListPage } from './flow-list/flow-list-page';
import { navigate, useRoute } from './router';

// The canvas (React Flow, the block catalogue, the simulator) loads only when a flow is opened.
const FlowEditorPage = lazy(() => import('./flow-editor/flow-editor-page').then((module) => ({ default: module.FlowEditorPage })));

export function App() {
  const [connection, setConnection] = useState<ApiConnection | null>(loadConnection);
  const route = useRoute();
  const client = useMemo(() => (connection ? new ApiClient(connection) : null), [connection]);
  const flowsApi = useMemo(() => (client ? new FlowsApi(client) : null), [client]);
  const [account, setAccount] = useState<AccountSummary | null>(null);
  useEffect(() => {
    if (!client) return;
    loadAccountSummary(client).then(setAccount, () => setAccount(null));
  }, [client]);

  if (!flowsApi || route.page === 'connect') {
    return (
      <ConnectPage
        current={connection}
        onConnected={(next) => {
          setConnection(next);
          if (route.page === 'connect') navigate({ page: 'list' });
        }}
      />
    );
  }
  return (
    <div className="app">
      {route.page === 'list' && (
        <header className="app-header">
          <span className="brand">dmflow</span>
          {account && (
            <span className="account-name" data-testid="account-name">
              {account.name}
              {account.instagramUsernames.length > 0 && ` · Instagram ${account.instagramUsernames.map((name) => `@${name}`).join(', ')}`}
            </span>
          )}
          <span className="toolbar-spacer" />
          <button type="button" className="link-button" onClick={() => navigate({ page: 'connect' })}>
            Instagram accounts
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => {
              forgetConnection();
              setConnection(null);
            }}
          >
            Disconnect
          </button>
        </header>
      )}
      {route.page === 'flow' ? (
        <Suspense fallback={<main className="list-page">Loading the editor…</main>}>
          <FlowEditorPage key={route.flowId} flowsApi={flowsApi} flowId={route.flowId} />
        </Suspense>
      ) : (
        <FlowListPage flowsApi={flowsApi} />
      )}
    </div>
  );
}
