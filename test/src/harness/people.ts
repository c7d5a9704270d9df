import { runCli } from './cli';
import { readJson, type Json } from './http';

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

export const TEST_PASSWORD = 'correct horse battery staple';

let people = 0;

/** A person in a workspace with a role, made with the CLI (`user:create`), then signed in over HTTP. */
export async function createPerson(
  env: Record<string, string>,
  baseUrl: string,
  workspaceId: string,
  role: 'owner' | 'admin' | 'editor' | 'viewer',
): Promise<PersonSession> {
  const email = `${role}-${process.pid}-${++people}-${Date.now()}@example.com`;
  const created = await runCli(env, [
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
