import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { type AccountSummary, loadAccountSummary } from './api/account-api';
import { ContactsApi } from './api/contacts-api';
import { FlowsApi } from './api/flows-api';
import { InstagramAccountsApi } from './api/instagram-accounts-api';
import { ApiClientContext } from './api/use-instagram-api';
import { roleAtLeast, SettingsApi } from './api/people-api';
import { RunsApi } from './api/runs-api';
import { WebhooksApi } from './api/webhooks-api';
import { FlowListPage } from './flow-list/flow-list-page';
import { navigate, useRoute } from './router';
import { AppHeader } from './session/app-header';
import { AcceptInvitePage, OwnerSetupPage, SignInPage } from './session/sign-in-pages';
import { useSession } from './session/use-session';
import { ApiKeysPage } from './settings/api-keys-page';
import { BroadcastsApi } from './api/broadcasts-api';
import { AiApi } from './api/ai-api';
import { MembersPage } from './settings/members-page';

// The canvas (React Flow, the block catalogue, the simulator) loads only when a flow is opened; the business pages
// only when visited: the flow list's first load carries neither.
const FlowEditorPage = lazy(() => import('./flow-editor/flow-editor-page').then((module) => ({ default: module.FlowEditorPage })));
const ContactsPage = lazy(() => import('./contacts/contacts-page').then((module) => ({ default: module.ContactsPage })));
const ContactPage = lazy(() => import('./contacts/contact-page').then((module) => ({ default: module.ContactPage })));
const RunsPage = lazy(() => import('./runs/runs-page').then((module) => ({ default: module.RunsPage })));
// The connect page reads Instagram's error texts from @dmflow/shared, whose barrel carries the block catalogue.
const InstagramConnections = lazy(() =>
  import('./connect/instagram-connections').then((module) => ({ default: module.InstagramConnections })),
);
const InboxPage = lazy(() => import('./inbox/inbox-page').then((module) => ({ default: module.InboxPage })));
const BroadcastsPage = lazy(() => import('./broadcasts/broadcasts-page').then((module) => ({ default: module.BroadcastsPage })));
const AiProviderPage = lazy(() => import('./settings/ai-provider-page').then((module) => ({ default: module.AiProviderPage })));
const WebhooksPage = lazy(() => import('./webhooks/webhooks-page').then((module) => ({ default: module.WebhooksPage })));

export function App() {
  const { state, client, sessionApi, adopt, signOut, switchWorkspace } = useSession();
  const route = useRoute();
  const flowsApi = useMemo(() => new FlowsApi(client), [client]);
  const settingsApi = useMemo(() => new SettingsApi(client), [client]);
  const aiApi = useMemo(() => new AiApi(client), [client]);
  const instagramApi = useMemo(() => new InstagramAccountsApi(client), [client]);
  const broadcastsApi = useMemo(() => new BroadcastsApi(client), [client]);
  const contactsApi = useMemo(() => new ContactsApi(client), [client]);
  const runsApi = useMemo(() => new RunsApi(client), [client]);
  const webhooksApi = useMemo(() => new WebhooksApi(client), [client]);
  const signedIn = state.status === 'signed-in' ? state.session.workspace?.id : undefined;
  const [account, setAccount] = useState<AccountSummary | null>(null);
  useEffect(() => {
    if (!signedIn) return;
    loadAccountSummary(client).then(setAccount, () => setAccount(null));
  }, [client, signedIn, route.page]);

  if (state.status === 'loading') return <main className="connect-page">Loading…</main>;
  if (state.status === 'unreachable') {
    return (
      <main className="connect-page">
        <p className="problem" role="alert">
          {state.message}
        </p>
      </main>
    );
  }
  if (route.page === 'invite') {
    const joined = (session: Parameters<typeof adopt>[0]) => {
      adopt(session);
      navigate({ page: 'list' });
    };
    return <AcceptInvitePage key={route.token} sessionApi={sessionApi} token={route.token} onSignedIn={joined} />;
  }
  if (state.status === 'setup') return <OwnerSetupPage sessionApi={sessionApi} onSignedIn={adopt} />;
  if (state.status === 'signed-out') return <SignInPage sessionApi={sessionApi} onSignedIn={adopt} />;

  const { session } = state;
  if (!session.workspace) {
    return (
      <main className="connect-page">
        <div className="card connect-card">
          <h1>No workspace</h1>
          <p>You are not a member of any workspace. Ask an owner for an invite link.</p>
          <button type="button" onClick={() => void signOut(false)}>
            Sign out
          </button>
        </div>
      </main>
    );
  }
  // Everything below belongs to one workspace: switching remounts it so nothing of the previous one stays on screen.
  const workspaceKey = session.workspace.id;
  return (
    <ApiClientContext.Provider value={client}>
      <div className="app">
        {route.page !== 'flow' && (
          <AppHeader
            session={session}
            route={route}
            account={account}
            onSwitchWorkspace={(id) => void switchWorkspace(id).then(() => navigate({ page: 'list' }))}
            onSignOut={(everywhere) => void signOut(everywhere)}
          />
        )}
        {route.page === 'flow' && (
          <Suspense fallback={<main className="list-page">Loading the editor…</main>}>
            <FlowEditorPage key={`${workspaceKey}:${route.flowId}`} flowsApi={flowsApi} flowId={route.flowId} />
          </Suspense>
        )}
        {route.page === 'list' && <FlowListPage key={workspaceKey} flowsApi={flowsApi} />}
        <Suspense fallback={<main className="list-page">Loading…</main>}>
          {route.page === 'contacts' && <ContactsPage key={workspaceKey} contactsApi={contactsApi} />}
          {route.page === 'contact' && (
            <ContactPage
              key={`${workspaceKey}:${route.contactId}`}
              contactId={route.contactId}
              contactsApi={contactsApi}
              runsApi={runsApi}
              flowsApi={flowsApi}
            />
          )}
          {route.page === 'runs' && <RunsPage key={workspaceKey} runsApi={runsApi} flowsApi={flowsApi} />}
          {route.page === 'webhooks' && <WebhooksPage key={workspaceKey} webhooksApi={webhooksApi} />}
          {route.page === 'ai' && <AiProviderPage key={workspaceKey} aiApi={aiApi} />}
          {route.page === 'inbox' && (
            <InboxPage
              key={workspaceKey}
              client={client}
              canReply={roleAtLeast(session.workspace.role, 'editor')}
              currentUserId={session.user.id}
            />
          )}
          {route.page === 'broadcasts' && <BroadcastsPage key={workspaceKey} broadcastsApi={broadcastsApi} instagramApi={instagramApi} />}
          {route.page === 'connect' && (
            <main key={workspaceKey} className="list-page">
              <h1>Connect Instagram</h1>
              <InstagramConnections api={instagramApi} flowsApi={flowsApi} />
            </main>
          )}
        </Suspense>
        {route.page === 'members' && <MembersPage key={workspaceKey} settingsApi={settingsApi} currentUserId={session.user.id} />}
        {route.page === 'api-keys' && <ApiKeysPage key={workspaceKey} settingsApi={settingsApi} />}
      </div>
    </ApiClientContext.Provider>
  );
}
