import { useMemo, useState } from 'react';
import { ApiClient } from './api/api-client';
import { type ApiConnection, forgetConnection, loadConnection } from './api/connection';
import { FlowsApi } from './api/flows-api';
import { ConnectPage } from './connect/connect-page';
import { FlowEditorPage } from './flow-editor/flow-editor-page';
import { FlowListPage } from './flow-list/flow-list-page';
import { navigate, useRoute } from './router';

export function App() {
  const [connection, setConnection] = useState<ApiConnection | null>(loadConnection);
  const route = useRoute();
  const flowsApi = useMemo(() => (connection ? new FlowsApi(new ApiClient(connection)) : null), [connection]);

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
        <FlowEditorPage key={route.flowId} flowsApi={flowsApi} flowId={route.flowId} />
      ) : (
        <FlowListPage flowsApi={flowsApi} />
      )}
    </div>
  );
}
