import { TEST_PASSWORD } from './cli';
import { runOperator } from './operator-cli';
import { readJson, type Json } from './http';
import { setupOwnerOf } from './workspace-owners';

export const SESSION_COOKIE = 'dmflow_session';

/** A browser-like caller: the session cookie on every request, and the session's CSRF token on writes. */
export interface PersonSession {
  userId: string;
  email: string;
  workspaceId: string | null;
  csrfToken: string;
  /** `dmflow_session=<token>`. */
  cookie: string;
  /** fetch with the cookie; writes carry X-CSRF-Token unless `csrf: false`. */
  call(path: string, init?: RequestInit & { csrf?: boolean; json?: unknown }): Promise<Response>;
}

export function sessionCookieOf(response: Response): string | null {
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith(`${SESSION_COOKIE}=`));
  return cookie ? cookie.split(';')[0] : null;
}

function personSession(baseUrl: string, cookie: string, view: Json): PersonSession {
  return {
    userId: view.user.id,
    email: view.user.email,
    workspaceId: view.workspace?.id ?? null,
    csrfToken: view.csrf_token,
    cookie,
    call: (path, { csrf = true, json, ...init } = {}) => {
      const method = (init.method ?? 'GET').toUpperCase();
      const headers: Record<string, string> = { cookie, ...((init.headers as Record<string, string>) ?? {}) };
      if (csrf && method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = view.csrf_token;
      if (json !== undefined) headers['content-type'] = 'application/json';
      return fetch(`${baseUrl}${path}`, { ...init, method, headers, body: json === undefined ? init.body : JSON.stringify(json) });
    },
  };
}

/** Signs in (or sets up, or accepts an invite) through a credential-less POST and keeps the session it starts. */
export async function startSession(baseUrl: string, path: string, body: unknown): Promise<PersonSession> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const view = await readJson(response);
  const cookie = sessionCookieOf(response);
  if (!response.ok || !cookie) throw new Error(`${path} answered ${response.status}: ${JSON.stringify(view)}`);
  return personSession(baseUrl, cookie, view);
}

export function signIn(baseUrl: string, email: string, password: string): Promise<PersonSession> {
  return startSession(baseUrl, '/v1/auth/sign-in', { email, password });
}

export function setupOwner(baseUrl: string, email: string, password: string, workspaceName = 'My shop'): Promise<PersonSession> {
  return startSession(baseUrl, '/v1/auth/setup', { email, password, workspace_name: workspaceName });
}

let people = 0;

/**
 * The session of a workspace's set-up owner (see `createTenant({ owner: true })`), by server and workspace: handed out
 * once as that workspace's first 'owner' person, and the inviter of its other roles.
 */
const ownerSessions = new Map<string, { session: Promise<PersonSession>; handedOut: boolean }>();

function setupOwnerSession(baseUrl: string, workspaceId: string, email: string) {
  const key = `${baseUrl} ${workspaceId}`;
  let entry = ownerSessions.get(key);
  if (!entry) {
    entry = { session: signIn(baseUrl, email, TEST_PASSWORD), handedOut: false };
    ownerSessions.set(key, entry);
  }
  return entry;
}

/** Invites `email` with `role` as the owner, and accepts as the invitee would (the invite link's page). */
async function invitedPerson(baseUrl: string, owner: PersonSession, email: string, role: string): Promise<PersonSession> {
  const response = await owner.call('/v1/invites', { method: 'POST', json: { role } });
  const invite = await readJson(response);
  if (response.status !== 201) throw new Error(`POST /v1/invites answered ${response.status}: ${JSON.stringify(invite)}`);
  return startSession(baseUrl, `/v1/auth/invites/${encodeURIComponent(invite.token)}/accept`, { email, password: TEST_PASSWORD });
}

/**
 * A person in a workspace with a role, signed in over HTTP. In a workspace made with an owner (`createTenant({ owner:
 * true })`) the first 'owner' is that one and other roles come through the owner's invites, as in the editor; elsewhere
 * the CLI's `user:create` makes them (a process start each).
 */
export async function createPerson(
  env: Record<string, string>,
  baseUrl: string,
  workspaceId: string,
  role: 'owner' | 'admin' | 'editor' | 'viewer',
): Promise<PersonSession> {
  const email = `${role}-${process.pid}-${++people}-${Date.now()}@example.com`;
  const setupOwner = setupOwnerOf(workspaceId);
  if (setupOwner) {
    const entry = setupOwnerSession(baseUrl, workspaceId, setupOwner);
    if (role === 'owner' && !entry.handedOut) {
      entry.handedOut = true;
      return entry.session;
    }
    if (role !== 'owner') {
      try {
        return await invitedPerson(baseUrl, await entry.session, email, role);
      } catch {
        // The test may have signed the owner out since: a fresh session invites instead.
        entry.session = signIn(baseUrl, setupOwner, TEST_PASSWORD);
        return invitedPerson(baseUrl, await entry.session, email, role);
      }
    }
  }
  const created = await runOperator(env, [
    'user:create',
    '--email',
    email,
    '--password',
    TEST_PASSWORD,
    '--workspace',
    workspaceId,
    '--role',
    role,
  ]);
  if (created.code !== 0) throw new Error(`user:create failed: ${created.stderr}`);
  return signIn(baseUrl, email, TEST_PASSWORD);
}
