import { queryDatabase, readJson, runCli, sessionCookieOf, signIn, startSession, TEST_PASSWORD, type PersonSession } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

// People, sessions, invites, workspaces and API-key management, through HTTP as the editor does it (issue 16).

const OWNER_EMAIL = 'Owner@Example.com';

describe('people: owner set-up, sessions, CSRF, invites, workspaces, members and API keys', () => {
  const suite = useServerWithTenants({ tenants: [] });
  const url = () => suite.stack.server.url;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  let owner: PersonSession;

  async function expectError(response: Response, status: number, code: string): Promise<void> {
    const body = await readJson(response);
    expect({ status: response.status, code: body.error?.code }).toEqual({ status, code });
  }

  describe('first start', () => {
    it('offers the owner set-up on an empty database, refuses a short password, and lets exactly one of two racing set-ups in', async () => {
      expect(await readJson(await fetch(`${url()}/v1/auth/setup`))).toEqual({ needed: true, signed_in: false });
      await expectError(
        await post('/v1/auth/setup', { email: 'a@example.com', password: 'short', workspace_name: 'A' }),
        400,
        'weak_password',
      );

      const racing = await Promise.all(
        ['one', 'two'].map((who) => post('/v1/auth/setup', { email: `${who}@example.com`, password: TEST_PASSWORD, workspace_name: who })),
      );
      expect(racing.map((response) => response.status).sort()).toEqual([201, 409]);
      const loser = racing.find((response) => response.status === 409) as Response;
      await expectError(loser, 409, 'setup_already_done');
      expect(await readJson(await fetch(`${url()}/v1/auth/setup`))).toEqual({ needed: false, signed_in: false });
      await expectError(
        await post('/v1/auth/setup', { email: OWNER_EMAIL, password: TEST_PASSWORD, workspace_name: 'Late' }),
        409,
        'setup_already_done',
      );

      const winner = racing.find((response) => response.status === 201) as Response;
      const cookie = winner.headers.getSetCookie().find((header) => header.startsWith('dmflow_session='));
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/; Secure/); // plain http, COOKIE_SECURE=auto
      const view = await readJson(winner);
      expect(view.workspace).toEqual({ id: expect.any(String), name: expect.any(String), plan: 'free', role: 'owner' });
      // The winner becomes the owner of record for the rest of the suite.
      owner = await signIn(url(), view.user.email, TEST_PASSWORD);
      const users = await queryDatabase<{ password_hash: string }>(suite.database.url, 'SELECT password_hash FROM users');
      expect(users).toHaveLength(1);
      expect(users[0].password_hash).toMatch(/^scrypt\$32768\$8\$3\$/);
    });
  });

  describe('sign-in', () => {
    it('refuses a wrong password and an unknown email alike, and sign-in posts from another site', async () => {
      await expectError(await post('/v1/auth/sign-in', { email: owner.email, password: 'wrong password!' }), 401, 'invalid_credentials');
      await expectError(
        await post('/v1/auth/sign-in', { email: 'nobody@example.com', password: TEST_PASSWORD }),
        401,
        'invalid_credentials',
      );
      const credentials = { email: owner.email.toUpperCase(), password: TEST_PASSWORD };
      await expectError(await post('/v1/auth/sign-in', credentials, { origin: 'https://evil.example' }), 403, 'cross_site_request');
      await expectError(await post('/v1/auth/sign-in', credentials, { 'sec-fetch-site': 'cross-site' }), 403, 'cross_site_request');
      const accepted = await post('/v1/auth/sign-in', credentials, { 'sec-fetch-site': 'same-origin' });
      expect(accepted.status).toBe(200);
      expect(sessionCookieOf(accepted)).toMatch(/^dmflow_session=/);
    });

    it('reads with the cookie alone, and refuses a cookie-authenticated write without the CSRF token or with a wrong one', async () => {
      expect((await owner.call('/v1/flows')).status).toBe(200);
      const whoami = await readJson(await owner.call('/v1/whoami'));
      expect(whoami).toMatchObject({ credential: 'session', role: 'owner', account: { id: owner.workspaceId } });
      await expectError(
        await owner.call('/v1/flows', { method: 'POST', json: { name: 'No token' }, csrf: false }),
        403,
        'csrf_token_invalid',
      );
      await expectError(
        await owner.call('/v1/flows', {
          method: 'POST',
          json: { name: 'Wrong token' },
          csrf: false,
          headers: { 'x-csrf-token': 'forged' },
        }),
        403,
        'csrf_token_invalid',
      );
      const [{ count }] = await queryDatabase<{ count: string }>(suite.database.url, 'SELECT count(*) FROM flows');
      expect(count).toBe('0');
      expect((await owner.call('/v1/flows', { method: 'POST', json: { name: 'With token' } })).status).toBe(201);
    });

    it('ends a session on sign-out, on expiry, and every session of the person on sign-out everywhere', async () => {
      const first = await signIn(url(), owner.email, TEST_PASSWORD);
      const second = await signIn(url(), owner.email, TEST_PASSWORD);
      const third = await signIn(url(), owner.email, TEST_PASSWORD);
      await expectError(await first.call('/v1/auth/sign-out', { method: 'POST', csrf: false }), 403, 'csrf_token_invalid');
      const signedOut = await first.call('/v1/auth/sign-out', { method: 'POST' });
      expect(signedOut.status).toBe(204);
      expect(signedOut.headers.getSetCookie().join()).toMatch(/dmflow_session=;/);
      await expectError(await first.call('/v1/flows'), 401, 'session_expired');
      expect((await second.call('/v1/flows')).status).toBe(200);

      await queryDatabase(
        suite.database.url,
        `UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND id IN (
        SELECT id FROM sessions WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 1)`,
        [third.userId],
      );
      await expectError(await third.call('/v1/flows'), 401, 'session_expired');

      const everywhere = await readJson(await second.call('/v1/auth/sign-out-everywhere', { method: 'POST' }));
      expect(everywhere.revoked).toBeGreaterThanOrEqual(2);
      await expectError(await second.call('/v1/flows'), 401, 'session_expired');
      await expectError(await owner.call('/v1/flows'), 401, 'session_expired');
      owner = await signIn(url(), owner.email, TEST_PASSWORD);
    });
  });

  describe('invites and workspaces', () => {
    let editor: PersonSession;

    it('invites by a one-time link: a new person sets a password, joins with the role, and the link then is spent', async () => {
      const invite = await readJson(await owner.call('/v1/invites', { method: 'POST', json: { role: 'editor' } }));
      expect(invite).toEqual({
        id: expect.any(String),
        role: 'editor',
        token: expect.any(String),
        path: `/invite/${invite.token}`,
        created_at: expect.any(String),
        expires_at: expect.any(String),
      });
      expect(await readJson(await owner.call('/v1/invites'))).toEqual([
        { id: invite.id, role: 'editor', created_at: invite.created_at, expires_at: invite.expires_at },
      ]);
      const preview = await readJson(await fetch(`${url()}/v1/auth/invites/${invite.token}`));
      expect(preview).toMatchObject({ role: 'editor', workspace_name: expect.any(String) });

      editor = await startSession(url(), `/v1/auth/invites/${invite.token}/accept`, {
        email: 'editor@example.com',
        password: TEST_PASSWORD,
      });
      expect(editor.workspaceId).toBe(owner.workspaceId);
      expect(await readJson(await editor.call('/v1/whoami'))).toMatchObject({ role: 'editor' });
      await expectError(
        await post(`/v1/auth/invites/${invite.token}/accept`, { email: 'late@example.com', password: TEST_PASSWORD }),
        404,
        'invite_not_found',
      );
      await expectError(await fetch(`${url()}/v1/auth/invites/${invite.token}`), 404, 'invite_not_found');
      expect(await readJson(await owner.call('/v1/invites'))).toEqual([]);
    });

    it('refuses revoked and expired links, and an existing person who gives the wrong password', async () => {
      const revoked = await readJson(await owner.call('/v1/invites', { method: 'POST', json: { role: 'viewer' } }));
      expect((await owner.call(`/v1/invites/${revoked.id}`, { method: 'DELETE' })).status).toBe(204);
      await expectError(
        await post(`/v1/auth/invites/${revoked.token}/accept`, { email: 'x@example.com', password: TEST_PASSWORD }),
        404,
        'invite_not_found',
      );

      const expired = await readJson(await owner.call('/v1/invites', { method: 'POST', json: { role: 'viewer' } }));
      await queryDatabase(suite.database.url, `UPDATE invites SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);
      await expectError(
        await post(`/v1/auth/invites/${expired.token}/accept`, { email: 'x@example.com', password: TEST_PASSWORD }),
        404,
        'invite_not_found',
      );

      const fresh = await readJson(await owner.call('/v1/invites', { method: 'POST', json: { role: 'viewer' } }));
      await expectError(
        await post(`/v1/auth/invites/${fresh.token}/accept`, { email: 'editor@example.com', password: 'not the password' }),
        401,
        'invalid_credentials',
      );
      expect(await readJson(await owner.call('/v1/invites'))).toHaveLength(1);
    });

    it('lets one person belong to several workspaces and switch; never into one they are not a member of', async () => {
      const own = await readJson(await editor.call('/v1/auth/workspaces', { method: 'POST', json: { name: "Editor's own" } }));
      expect(own.workspace).toMatchObject({ name: "Editor's own", role: 'owner' });
      expect(own.workspaces.map((workspace: { role: string }) => workspace.role).sort()).toEqual(['editor', 'owner']);
      expect(await readJson(await editor.call('/v1/whoami'))).toMatchObject({ role: 'owner', account: { id: own.workspace.id } });

      const back = await readJson(
        await editor.call('/v1/auth/switch-workspace', { method: 'POST', json: { workspace_id: owner.workspaceId } }),
      );
      expect(back.workspace).toMatchObject({ id: owner.workspaceId, role: 'editor' });
      expect(await readJson(await editor.call('/v1/whoami'))).toMatchObject({ role: 'editor', account: { id: owner.workspaceId } });
      await expectError(
        await owner.call('/v1/auth/switch-workspace', { method: 'POST', json: { workspace_id: own.workspace.id } }),
        403,
        'no_workspace',
      );
    });

    it('lets the owner list members, change roles, end a member’s sessions, and never lose the last owner', async () => {
      await expectError(await editor.call('/v1/members'), 403, 'insufficient_role');
      await expectError(await editor.call('/v1/api-keys'), 403, 'insufficient_role');
      const members = await readJson(await owner.call('/v1/members'));
      expect(members.map((member: { email: string; role: string }) => [member.email, member.role])).toEqual([
        [owner.email, 'owner'],
        ['editor@example.com', 'editor'],
      ]);
      expect(members[1].active_sessions).toBe(1);

      expect((await owner.call(`/v1/members/${editor.userId}`, { method: 'PATCH', json: { role: 'viewer' } })).status).toBe(204);
      await expectError(await editor.call('/v1/flows', { method: 'POST', json: { name: 'As a viewer' } }), 403, 'insufficient_role');
      expect((await editor.call('/v1/flows')).status).toBe(200);
      await expectError(await owner.call(`/v1/members/${owner.userId}`, { method: 'PATCH', json: { role: 'admin' } }), 409, 'last_owner');
      await expectError(await owner.call(`/v1/members/${owner.userId}`, { method: 'DELETE' }), 409, 'last_owner');

      expect(await readJson(await owner.call(`/v1/members/${editor.userId}/sessions`, { method: 'DELETE' }))).toEqual({ revoked: 1 });
      await expectError(await editor.call('/v1/flows'), 401, 'session_expired');
      expect((await owner.call(`/v1/members/${editor.userId}`, { method: 'DELETE' })).status).toBe(204);
      const again = await signIn(url(), 'editor@example.com', TEST_PASSWORD);
      expect(again.workspaceId).not.toBe(owner.workspaceId); // signed in to the one workspace left: their own
    });
  });

  describe('API keys and plans', () => {
    const action = (key: string) => post('/api-webhook', {}, { authorization: `Bearer ${key}` });
    const withKey = (key: string, path: string, init: RequestInit = {}) =>
      fetch(`${url()}${path}`, { ...init, headers: { 'x-api-key': key, 'content-type': 'application/json' } });

    it('gates keys and webhooks by plan but never the editor, then manages named, scoped keys from a session only', async () => {
      await expectError(await owner.call('/v1/api-keys', { method: 'POST', json: { name: 'zapier' } }), 403, 'plan_without_api_keys');
      await expectError(await owner.call('/v1/webhooks'), 403, 'plan_without_webhooks');
      expect((await owner.call('/v1/flows')).status).toBe(200);
      const upgraded = await readJson(await owner.call('/v1/workspace', { method: 'PATCH', json: { plan: 'trendsetter' } }));
      expect(upgraded).toMatchObject({ plan: 'trendsetter', api_access: true });
      expect((await owner.call('/v1/webhooks')).status).toBe(200);

      const full = await readJson(await owner.call('/v1/api-keys', { method: 'POST', json: { name: 'zapier' } }));
      const readOnly = await readJson(
        await owner.call('/v1/api-keys', { method: 'POST', json: { name: 'dashboard', scope: 'read-only' } }),
      );
      const sender = await readJson(await owner.call('/v1/api-keys', { method: 'POST', json: { name: 'crm', scope: 'api-webhook' } }));
      expect(full).toMatchObject({ name: 'zapier', scope: 'full', key: expect.stringMatching(/^sk_/), prefix: full.key.slice(0, 9) });
      const listed = await readJson(await owner.call('/v1/api-keys'));
      expect(listed.map((key: { name: string; scope: string }) => [key.name, key.scope])).toEqual([
        ['zapier', 'full'],
        ['dashboard', 'read-only'],
        ['crm', 'api-webhook'],
      ]);
      expect(JSON.stringify(listed)).not.toContain(full.key);

      // Keys never manage keys, members or the plan.
      await expectError(await withKey(full.key, '/v1/api-keys'), 403, 'session_required');
      await expectError(await withKey(full.key, '/v1/members'), 403, 'session_required');
      await expectError(await withKey(full.key, '/v1/workspace', { method: 'PATCH', body: '{}' }), 403, 'session_required');
      expect(await readJson(await withKey(full.key, '/v1/whoami'))).toMatchObject({ credential: 'api_key', role: 'admin' });

      // Scopes: read-only reads /v1 only; api-webhook reaches /api-webhook only.
      expect((await withKey(readOnly.key, '/v1/flows')).status).toBe(200);
      await expectError(await withKey(readOnly.key, '/v1/flows', { method: 'POST', body: '{"name":"x"}' }), 403, 'api_key_scope');
      expect((await action(readOnly.key)).status).toBe(403);
      await expectError(await withKey(sender.key, '/v1/flows'), 403, 'api_key_scope');
      expect([400, 404, 422]).toContain((await action(sender.key)).status);
      expect([400, 404, 422]).toContain((await action(full.key)).status);

      // A key is refused on /v1 once the plan loses API access; the editor keeps working.
      await owner.call('/v1/workspace', { method: 'PATCH', json: { plan: 'free' } });
      await expectError(await withKey(full.key, '/v1/flows'), 403, 'plan_without_api_access');
      expect((await owner.call('/v1/flows')).status).toBe(200);
      await owner.call('/v1/workspace', { method: 'PATCH', json: { plan: 'trendsetter' } });

      expect((await owner.call(`/v1/api-keys/${full.id}`, { method: 'DELETE' })).status).toBe(204);
      await expectError(await withKey(full.key, '/v1/flows'), 401, 'invalid_api_key');
      await expectError(await owner.call(`/v1/api-keys/${full.id}`, { method: 'DELETE' }), 404, 'api_key_not_found');
      const revoked = (await readJson(await owner.call('/v1/api-keys'))).find((key: { id: string }) => key.id === full.id);
      expect(revoked.revoked_at).toEqual(expect.any(String));
    });
  });

  it('the CLI makes people, resets passwords (ending their sessions) and lists workspaces', async () => {
    const env = suite.stack.server.env;
    const created = await runCli(env, [
      'user:create',
      '--email',
      'ops@example.com',
      '--workspace',
      owner.workspaceId as string,
      '--role',
      'admin',
    ]);
    expect(created.code).toBe(0);
    expect(created.json).toMatchObject({ email: 'ops@example.com', role: 'admin', password: expect.any(String) });
    const ops = await signIn(url(), 'ops@example.com', created.json.password);
    expect(await readJson(await ops.call('/v1/whoami'))).toMatchObject({ role: 'admin' });

    const reset = await runCli(env, ['user:reset-password', '--email', 'ops@example.com', '--password', 'a brand new password']);
    expect(reset.json).toMatchObject({ email: 'ops@example.com', sessions_revoked: 1 });
    await expectError(await ops.call('/v1/flows'), 401, 'session_expired');
    await expectError(
      await post('/v1/auth/sign-in', { email: 'ops@example.com', password: created.json.password }),
      401,
      'invalid_credentials',
    );
    await signIn(url(), 'ops@example.com', 'a brand new password');

    const listed = await runCli(env, ['workspace:list']);
    expect(listed.json).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: owner.workspaceId, members: 2, owners: [owner.email] })]),
    );
  });
});
