import type { AccountSummary } from '../api/account-api';
import { roleAtLeast, type SessionView } from '../api/people-api';
import { navigate, type Route, routePath } from '../router';

interface AppHeaderProps {
  session: SessionView;
  route: Route;
  /** The workspace and its Instagram accounts, named so nobody edits the wrong one. */
  account: AccountSummary | null;
  onSwitchWorkspace: (workspaceId: string) => void;
  onSignOut: (everywhere: boolean) => void;
}

/** Brand, the workspace switcher, the pages this role may open, and signing out. */
export function AppHeader({ session, route, account, onSwitchWorkspace, onSignOut }: AppHeaderProps) {
  const role = session.workspace?.role;
  const links: Array<{ route: Route; label: string; show: boolean }> = [
    { route: { page: 'list' }, label: 'Flows', show: true },
    { route: { page: 'connect' }, label: 'Instagram accounts', show: true },
    { route: { page: 'members' }, label: 'Members', show: roleAtLeast(role, 'owner') },
    { route: { page: 'api-keys' }, label: 'API keys', show: roleAtLeast(role, 'admin') },
    { route: { page: 'ai' }, label: 'AI', show: roleAtLeast(role, 'admin') },
  ];
  return (
    <header className="app-header">
      <nav className="app-nav" aria-label="Main">
        <span className="brand">dmflow</span>
        {links
          .filter((link) => link.show)
          .map((link) => (
            <a
              key={link.label}
              href={routePath(link.route)}
              aria-current={route.page === link.route.page ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                navigate(link.route);
              }}
            >
              {link.label}
            </a>
          ))}
      </nav>
      {account && (
        <span className="account-name" data-testid="account-name">
          {account.name}
          {account.instagramUsernames.length > 0 && ` · Instagram ${account.instagramUsernames.map((name) => `@${name}`).join(', ')}`}
        </span>
      )}
      <div className="app-account">
        {session.workspaces.length > 0 && (
          <label className="workspace-switcher">
            <span className="visually-hidden">Workspace</span>
            <select value={session.workspace?.id ?? ''} onChange={(event) => onSwitchWorkspace(event.target.value)} aria-label="Workspace">
              {session.workspaces.map((workspace) => (
                <option key={workspace.id} value={workspace.id}>
                  {workspace.name} ({workspace.role})
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="muted" data-testid="signed-in-as">
          {session.user.email}
        </span>
        <button type="button" className="link-button" onClick={() => onSignOut(false)}>
          Sign out
        </button>
        <button type="button" className="link-button" onClick={() => onSignOut(true)}>
          Sign out everywhere
        </button>
      </div>
    </header>
  );
}
