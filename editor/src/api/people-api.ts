import type { ApiClient } from './api-client';

export type Role = 'viewer' | 'editor' | 'admin' | 'owner';
export const ROLES: Role[] = ['viewer', 'editor', 'admin', 'owner'];

export function roleAtLeast(role: Role | null | undefined, required: Role): boolean {
  return !!role && ROLES.indexOf(role) >= ROLES.indexOf(required);
}

export interface WorkspaceView {
  id: string;
  name: string;
  plan: string;
  role: Role;
}

export interface SessionView {
  user: { id: string; email: string };
  workspace: WorkspaceView | null;
  workspaces: WorkspaceView[];
  csrf_token: string;
  expires_at: string;
}

export interface MemberView {
  user_id: string;
  email: string;
  role: Role;
  joined_at: string;
  active_sessions: number;
}

export interface InviteView {
  id: string;
  role: Role;
  created_at: string;
  expires_at: string;
}

export interface CreatedInvite extends InviteView {
  token: string;
  path: string;
}

export interface InvitePreview {
  workspace_name: string;
  role: Role;
  expires_at: string;
}

export type ApiKeyScope = 'full' | 'api-webhook' | 'read-only';

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scope: ApiKeyScope;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CreatedApiKey extends ApiKeyView {
  key: string;
}

export interface Credentials {
  email: string;
  password: string;
}

/** Sign-in and the session (/v1/auth). */
export class SessionApi {
  constructor(private readonly client: ApiClient) {}

  startState(): Promise<{ needed: boolean; signed_in: boolean }> {
    return this.client.request('GET', '/v1/auth/setup');
  }

  setup(credentials: Credentials, workspaceName: string): Promise<SessionView> {
    return this.client.request('POST', '/v1/auth/setup', { ...credentials, workspace_name: workspaceName });
  }

  signIn(credentials: Credentials): Promise<SessionView> {
    return this.client.request('POST', '/v1/auth/sign-in', credentials);
  }

  current(): Promise<SessionView> {
    return this.client.request('GET', '/v1/auth/session');
  }

  signOut(): Promise<void> {
    return this.client.request('POST', '/v1/auth/sign-out');
  }

  signOutEverywhere(): Promise<{ revoked: number }> {
    return this.client.request('POST', '/v1/auth/sign-out-everywhere');
  }

  switchWorkspace(workspaceId: string): Promise<SessionView> {
    return this.client.request('POST', '/v1/auth/switch-workspace', { workspace_id: workspaceId });
  }

  previewInvite(token: string): Promise<InvitePreview> {
    return this.client.request('GET', `/v1/auth/invites/${encodeURIComponent(token)}`);
  }

  acceptInvite(token: string, credentials: Credentials): Promise<SessionView> {
    return this.client.request('POST', `/v1/auth/invites/${encodeURIComponent(token)}/accept`, credentials);
  }
}

/** The workspace's people, invites and API keys (owners and admins). */
export class SettingsApi {
  constructor(private readonly client: ApiClient) {}

  members(): Promise<MemberView[]> {
    return this.client.request('GET', '/v1/members');
  }

  changeRole(userId: string, role: Role): Promise<void> {
    return this.client.request('PATCH', `/v1/members/${userId}`, { role });
  }

  removeMember(userId: string): Promise<void> {
    return this.client.request('DELETE', `/v1/members/${userId}`);
  }

  endSessions(userId: string): Promise<{ revoked: number }> {
    return this.client.request('DELETE', `/v1/members/${userId}/sessions`);
  }

  invites(): Promise<InviteView[]> {
    return this.client.request('GET', '/v1/invites');
  }

  createInvite(role: Role): Promise<CreatedInvite> {
    return this.client.request('POST', '/v1/invites', { role });
  }

  revokeInvite(id: string): Promise<void> {
    return this.client.request('DELETE', `/v1/invites/${id}`);
  }

  apiKeys(): Promise<ApiKeyView[]> {
    return this.client.request('GET', '/v1/api-keys');
  }

  createApiKey(name: string, scope: ApiKeyScope): Promise<CreatedApiKey> {
    return this.client.request('POST', '/v1/api-keys', { name, scope });
  }

  revokeApiKey(id: string): Promise<void> {
    return this.client.request('DELETE', `/v1/api-keys/${id}`);
  }
}
