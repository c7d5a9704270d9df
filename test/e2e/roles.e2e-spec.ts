import { randomUUID } from 'node:crypto';
import { createPerson, fetchApiOperations, fillPath, readJson, type ApiOperation, type PersonSession } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

// Every /v1 operation of the OpenAPI document, called by each role's session and each kind of API key: the ones
// a role may use get past authentication (any answer but 401/403), the others 403; no credentials get 401.

type Role = 'viewer' | 'editor' | 'admin' | 'owner';
const ROLES: Role[] = ['viewer', 'editor', 'admin', 'owner'];

/** `person`: any signed-in person, even outside a workspace. `public`: no credentials. */
interface Rule {
  role: Role | 'person' | 'public';
  /** API keys are refused (a person's settings). */
  sessionOnly?: boolean;
  /** Not called here (it would end the sweep's own session); the people suite covers it. */
  skip?: string;
}

const admin: Rule = { role: 'admin' };
const owner: Rule = { role: 'owner', sessionOnly: true };
const person: Rule = { role: 'person', sessionOnly: true };
const open: Rule = { role: 'public' };

/** Routes that differ from the default (reads: viewer; writes: editor). */
const RULES: Record<string, Rule> = {
  // Whoever may list contacts may download them: the same rows, as a file.
  'GET /v1/contacts/export.csv': { role: 'viewer' },
  'POST /v1/instagram-accounts': admin,
  'POST /v1/instagram-accounts/oauth/start': admin,
  'DELETE /v1/instagram-accounts/{id}': admin,
  'PATCH /v1/instagram-accounts/{id}': admin,
  'PUT /v1/ai/provider': admin,
  'GET /v1/webhooks': admin,
  'POST /v1/webhooks': admin,
  'GET /v1/webhooks/{id}': admin,
  'PATCH /v1/webhooks/{id}': admin,
  'DELETE /v1/webhooks/{id}': admin,
  'POST /v1/webhooks/{id}/rotate-secret': admin,
  'GET /v1/webhooks/{id}/deliveries': admin,
  'GET /v1/webhooks/{id}/deliveries/{deliveryId}': admin,
  'POST /v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': admin,
  'GET /v1/api-keys': { role: 'admin', sessionOnly: true },
  'POST /v1/api-keys': { role: 'admin', sessionOnly: true },
  'DELETE /v1/api-keys/{id}': { role: 'admin', sessionOnly: true },
  'GET /v1/members': owner,
  'PATCH /v1/members/{userId}': owner,
  'DELETE /v1/members/{userId}': owner,
  'DELETE /v1/members/{userId}/sessions': owner,
  'GET /v1/invites': owner,
  'POST /v1/invites': owner,
  'DELETE /v1/invites/{id}': owner,
  'PATCH /v1/workspace': owner,
  // Marking a conversation read is reading it.
  'POST /v1/conversations/{contactId}/read': { role: 'viewer' },
  'PUT /v1/live-chat/settings': admin,
  // A member's own notifications: everyone reads and marks theirs; an API key has none.
  'GET /v1/notifications': { role: 'viewer', sessionOnly: true },
  'POST /v1/notifications/{id}/read': { role: 'viewer', sessionOnly: true },
  'GET /v1/auth/setup': open,
  'POST /v1/auth/setup': open,
  'POST /v1/auth/sign-in': open,
  'GET /v1/auth/invites/{token}': open,
  'POST /v1/auth/invites/{token}/accept': open,
  'GET /v1/auth/session': person,
  'POST /v1/auth/switch-workspace': person,
  'POST /v1/auth/workspaces': person,
  'POST /v1/auth/sign-out': { ...person, skip: 'ends the session' },
  'POST /v1/auth/sign-out-everywhere': { ...person, skip: 'ends every session' },
};

function ruleOf(operation: ApiOperation): Rule {
  return RULES[operation.key] ?? { role: operation.method === 'GET' ? 'viewer' : 'editor' };
}

const atLeast = (role: Role, required: Role) => ROLES.indexOf(role) >= ROLES.indexOf(required);

type Credential =
  | { name: string; kind: 'none' }
  | { name: string; kind: 'session'; role: Role; session: () => PersonSession }
  | { name: string; kind: 'key'; scope: 'full' | 'read-only' | 'api-webhook'; key: () => string };

type Outcome = 'passes' | 'forbidden' | 'unauthenticated';

function expectedOutcome(rule: Rule, credential: Credential): Outcome {
  if (rule.role === 'public') return 'passes';
  if (credential.kind === 'none') return 'unauthenticated';
  if (credential.kind === 'session') return rule.role === 'person' || atLeast(credential.role, rule.role) ? 'passes' : 'forbidden';
  if (credential.scope === 'api-webhook' || rule.sessionOnly || rule.role === 'person') return 'forbidden';
  return atLeast(credential.scope === 'full' ? 'admin' : 'viewer', rule.role) ? 'passes' : 'forbidden';
}

function outcomeOf(status: number): Outcome | number {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  return status < 500 ? 'passes' : status;
}

describe('roles: every /v1 operation, per role and per API-key scope', () => {
  const suite = useServerWithTenants({ tenants: [{ plan: 'trendsetter_pro', owner: true }] });
  const sessions = new Map<Role, PersonSession>();
  const keys = new Map<string, string>();
  let operations: ApiOperation[];

  const credentials: Credential[] = [
    { name: 'no credentials', kind: 'none' },
    ...ROLES.map((role): Credential => ({
      name: `${role} session`,
      kind: 'session',
      role,
      session: () => sessions.get(role) as PersonSession,
    })),
    { name: 'full API key', kind: 'key', scope: 'full', key: () => suite.tenants[0].apiKey },
    { name: 'read-only API key', kind: 'key', scope: 'read-only', key: () => keys.get('read-only') as string },
    { name: 'api-webhook API key', kind: 'key', scope: 'api-webhook', key: () => keys.get('api-webhook') as string },
  ];

  beforeAll(async () => {
    const { server } = suite.stack;
    for (const role of ROLES) sessions.set(role, await createPerson(server.env, server.url, suite.tenants[0].accountId, role));
    const owner = sessions.get('owner') as PersonSession;
    for (const scope of ['read-only', 'api-webhook']) {
      const created = await readJson(await owner.call('/v1/api-keys', { method: 'POST', json: { name: scope, scope } }));
      keys.set(scope, created.key);
    }
    operations = await fetchApiOperations(server.url);
  });

  /** Unknown ids and an empty body: a call that passes the guard ends in 404 or 400 and changes nothing. */
  function call(operation: ApiOperation, credential: Credential): Promise<Response> {
    const path = fillPath(operation.path, Object.fromEntries(operation.pathParams.map((name) => [name, randomUUID()])));
    const init = { method: operation.method, body: ['POST', 'PUT', 'PATCH'].includes(operation.method) ? '{}' : undefined };
    const url = `${suite.stack.server.url}${path}`;
    const json = { 'content-type': 'application/json' };
    if (credential.kind === 'none') return fetch(url, { ...init, headers: json });
    if (credential.kind === 'key') return fetch(url, { ...init, headers: { ...json, authorization: `Bearer ${credential.key()}` } });
    return credential.session().call(path, { ...init, headers: json });
  }

  it('covers a real API', () => {
    expect(operations.length).toBeGreaterThan(40);
    // Every rule names a route that exists, so a renamed route cannot silently fall back to the defaults.
    const keysOfOperations = new Set(operations.map((operation) => operation.key));
    expect(Object.keys(RULES).filter((key) => !keysOfOperations.has(key))).toEqual([]);
  });

  it.each(credentials.map((credential) => [credential.name, credential] as const))(
    'with %s: allowed routes pass, the others answer 403 (401 without credentials)',
    async (_name, credential) => {
      const answers: Array<{ operation: string; outcome: Outcome | number; code?: string }> = [];
      const expected: typeof answers = [];
      for (const operation of operations) {
        const rule = ruleOf(operation);
        if (rule.skip) continue;
        const response = await call(operation, credential);
        // A download (CSV) that passes has no error envelope to read.
        const isFile = response.ok && !(response.headers.get('content-type') ?? '').includes('json');
        const body = isFile ? {} : await readJson(response);
        const outcome = outcomeOf(response.status);
        answers.push({ operation: operation.key, outcome, ...(outcome === 'passes' ? {} : { code: body.error?.code }) });
        const want = expectedOutcome(rule, credential);
        expected.push({ operation: operation.key, outcome: want, ...(want === 'passes' ? {} : { code: expect.any(String) }) });
      }
      expect(answers).toEqual(expected);
    },
  );

  it('says why in the code: the role, a session-only route, or the key scope', async () => {
    const viewer = sessions.get('viewer') as PersonSession;
    const codeOf = async (response: Promise<Response>) => (await readJson(await response)).error?.code;
    expect(await codeOf(viewer.call('/v1/flows', { method: 'POST', json: { name: 'x' } }))).toBe('insufficient_role');
    const fetchWith = (key: string, path: string, init: RequestInit = {}) =>
      fetch(`${suite.stack.server.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      });
    expect(await codeOf(fetchWith(suite.tenants[0].apiKey, '/v1/members'))).toBe('session_required');
    expect(await codeOf(fetchWith(keys.get('read-only') as string, '/v1/flows', { method: 'POST', body: '{"name":"x"}' }))).toBe(
      'api_key_scope',
    );
    expect(await codeOf(fetchWith(keys.get('api-webhook') as string, '/v1/flows'))).toBe('api_key_scope');
    expect(await codeOf(fetch(`${suite.stack.server.url}/v1/flows`))).toBe('missing_api_key');
  });
});
