import { roleAtLeast, type SessionView } from '../api/people-api';
import { navigate, type Route } from '../router';

interface AppHeaderProps {
  session: SessionView;
  route: Route;
  onSwitchWorkspace: (workspaceId: string) => void;
  onSignOut: (everywhere: boolean) => void;
}

/** Brand, the workspace switcher, the pages this role may open, and signing out. */
export function AppHeader({ session, route, onSwitchWorkspace, onSignOut }: AppHeaderProps) {
  const role = session.workspace?.role;
  const links: Array<{ route: Route; label: string; show: boolean }> = [
    { route: { page: 'list' }, label: 'Flows', show: true },
    { route: { page: 'members' }, label: 'Members', show: roleAtLeast(role, 'owner') },
    { route: { page: 'api-keys' }, label: 'API keys', show: roleAtLeast(role, 'admin') },
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
              href={link.route.page === 'list' ? '/' : `/settings/${link.route.page}`}
              aria-current={route.page === link.route.page ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                navigate(link.route);
              }}
            >
              {link.label}
            </a>
          ))}
        {/* Connect Instagram (editor/src/connect/) is added to this bar by the Instagram OAuth work. */}
      </nav>
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
