import { createTenant, queryDatabase, readJson, runCli, ServerProcess } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

// The manual path (a token obtained elsewhere: scripts, air-gapped set-ups): GET /me decides which account connects.

describe('/v1/instagram-accounts', () => {
  const suite = useServerWithTenants({ tenants: [{}, {}] });
  const {
    api,
    database,
    graph,
    tenants: [tenant, other],
  } = suite;

  it('connects the account /me names, keeps the token encrypted and never returns it', async () => {
    const business = await graph.registerInstagramUser({ username: 'second.shop', access_token: 'IGQVJ-very-secret' });
    const response = await api('/v1/instagram-accounts', tenant.apiKey, {
      method: 'POST',
      body: JSON.stringify({ ig_user_id: business.user_id, access_token: 'IGQVJ-very-secret' }),
    });
    expect(response.status).toBe(201);
    const connected = await readJson(response);
    expect(connected).toMatchObject({ ig_user_id: business.user_id, username: 'second.shop', has_access_token: true, status: 'connected' });
    expect(JSON.stringify(connected)).not.toContain('IGQVJ');
    expect((await graph.calls('/me')).map((call) => call.token)).toContain('IGQVJ-very-secret');
    const [row] = await queryDatabase<{ access_token_encrypted: string }>(
      database.url,
      'SELECT access_token_encrypted FROM instagram_accounts WHERE id = $1',
      [connected.id],
    );
    expect(row.access_token_encrypted).not.toContain('IGQVJ');

    const list = await readJson(await api('/v1/instagram-accounts', tenant.apiKey));
    expect(list.data.map((a: { id: string }) => a.id).sort()).toEqual([connected.id, tenant.instagramAccountId].sort());
    expect(list.has_more).toBe(false);
  });

  it("refuses a token Instagram does not accept, without saying whether the account is someone else's", async () => {
    const takeover = await api('/v1/instagram-accounts', other.apiKey, {
      method: 'POST',
      body: JSON.stringify({ ig_user_id: tenant.igUserId, username: 'thief', access_token: 'x' }),
    });
    expect(takeover.status).toBe(422);
    expect((await readJson(takeover)).error.code).toBe('instagram_token_invalid');

    const list = await readJson(await api('/v1/instagram-accounts', other.apiKey));
    expect(list.data.map((a: { id: string }) => a.id)).toEqual([other.instagramAccountId]);
    const disconnect = await api(`/v1/instagram-accounts/${tenant.instagramAccountId}`, other.apiKey, { method: 'DELETE' });
    expect(disconnect.status).toBe(404);
  });

  it('disconnects: the token is erased and the account leaves the list', async () => {
    const own = await createTenant(suite.stack.server.env);
    expect((await api(`/v1/instagram-accounts/${own.instagramAccountId}`, own.apiKey, { method: 'DELETE' })).status).toBe(204);
    const [row] = await queryDatabase<{ access_token_encrypted: string | null; disconnected_at: Date | null; status: string }>(
      database.url,
      'SELECT access_token_encrypted, disconnected_at, status FROM instagram_accounts WHERE id = $1',
      [own.instagramAccountId],
    );
    expect(row).toMatchObject({ access_token_encrypted: null, disconnected_at: expect.any(Date), status: 'disconnected' });
    expect((await readJson(await api('/v1/instagram-accounts', own.apiKey))).data).toEqual([]);
  });

  it('validates the connection request field by field', async () => {
    const response = await api('/v1/instagram-accounts', tenant.apiKey, {
      method: 'POST',
      body: JSON.stringify({ ig_user_id: 'abc', username: 'bad name!' }),
    });
    expect(response.status).toBe(400);
    const fields = (await readJson(response)).error.details.map((d: { field: string }) => d.field);
    expect(new Set(fields)).toEqual(new Set(['ig_user_id', 'username', 'access_token']));
  });

  it('has the CLI check the token with /me too: the account connected is the one the token belongs to', async () => {
    const env = suite.stack.server.env;
    const business = await graph.registerInstagramUser({ username: 'cli.shop' });
    const refused = await runCli(env, ['instagram:connect', '--account', other.accountId, '--token', 'IGQVJ-made-up']);
    expect([refused.code, refused.json?.error?.code]).toEqual([1, 'instagram_token_invalid']);
    const mismatch = await runCli(env, [
      'instagram:connect',
      '--account',
      other.accountId,
      '--token',
      business.access_token,
      '--ig-user-id',
      '1784000',
    ]);
    expect([mismatch.code, mismatch.json?.error?.code]).toEqual([1, 'instagram_token_mismatch']);

    const connected = await runCli(env, [
      'instagram:connect',
      '--account',
      other.accountId,
      '--token',
      business.access_token,
      '--username',
      'ignored',
    ]);
    expect(connected.code).toBe(0);
    expect(connected.json).toMatchObject({
      account_id: other.accountId,
      ig_user_id: business.user_id,
      username: 'cli.shop',
      has_token: true,
    });

    // Without a token nothing is proven: the CLI connects a token-less account only when no other workspace holds it.
    const squat = await runCli(env, [
      'instagram:connect',
      '--account',
      tenant.accountId,
      '--ig-user-id',
      business.user_id,
      '--username',
      'squat',
    ]);
    expect([squat.code, squat.json?.error?.code]).toEqual([1, 'instagram_token_required']);
  });

  it('sets up a workspace in one CLI command: the account, its API key (which works) and the Instagram account', async () => {
    const env = suite.stack.server.env;
    const business = await graph.registerInstagramUser({ username: 'setup.shop' });
    const setup = await runCli(env, [
      'workspace:setup',
      '--name',
      'Setup shop',
      '--plan',
      'trendsetter_pro',
      '--token',
      business.access_token,
    ]);
    expect(setup.code).toBe(0);
    expect(setup.json).toMatchObject({
      account: { name: 'Setup shop', plan: 'trendsetter_pro' },
      api_key: { name: 'default', key: expect.any(String) },
      instagram_account: { ig_user_id: business.user_id, username: 'setup.shop', has_token: true },
    });
    const listed = await readJson(await api('/v1/instagram-accounts', setup.json.api_key.key));
    expect(listed.data.map((account: { ig_user_id: string }) => account.ig_user_id)).toEqual([business.user_id]);

    const missing = await runCli(env, ['workspace:setup', '--name', 'No instagram']);
    expect([missing.code, missing.json?.error?.code]).toEqual([1, 'usage']);
    const free = await graph.registerInstagramUser({ username: 'free.shop' });
    const withoutKey = await runCli(env, ['workspace:setup', '--name', 'Free shop', '--token', free.access_token]);
    expect(withoutKey.code).toBe(0);
    expect(withoutKey.json).toMatchObject({
      account: { plan: 'free', api_access: false },
      api_key: null,
      instagram_account: { username: 'free.shop' },
    });

    const refused = await runCli(env, ['workspace:setup', '--name', 'Bad token', '--plan', 'trendsetter_pro', '--token', 'IGQVJ-made-up']);
    expect([refused.code, refused.json?.error?.code]).toEqual([1, 'instagram_token_invalid']);
    expect(refused.json.error.message).toMatch(
      /workspace [0-9a-f-]{36} and its API key were made: connect Instagram with instagram:connect/,
    );
  });
});

describe('an Instagram account that changes owner', () => {
  const suite = useServerWithTenants({ tenants: [] });
  const { database, graph } = suite;
  let server: ServerProcess;

  beforeAll(() => {
    ({ server } = suite.stack);
  });

  it("starts fresh for the new owner and never carries the old owner's contacts", async () => {
    const first = await createTenant(server.env);
    await queryDatabase(database.url, `INSERT INTO contacts (account_id, instagram_account_id, ig_user_id) VALUES ($1, $2, 'fan-1')`, [
      first.accountId,
      first.instagramAccountId,
    ]);
    const headers = (key: string) => ({ 'x-api-key': key, 'content-type': 'application/json' });
    expect(
      (await fetch(`${server.url}/v1/instagram-accounts/${first.instagramAccountId}`, { method: 'DELETE', headers: headers(first.apiKey) }))
        .status,
    ).toBe(204);

    const second = await createTenant(server.env);
    const { access_token } = await graph.registerInstagramUser({ user_id: first.igUserId, username: 'new_owner' });
    const moved = await fetch(`${server.url}/v1/instagram-accounts`, {
      method: 'POST',
      headers: headers(second.apiKey),
      body: JSON.stringify({ ig_user_id: first.igUserId, access_token }),
    });
    expect(moved.status).toBe(201);
    const connected = await readJson(moved);
    expect(connected.id).not.toBe(first.instagramAccountId);
    const contacts = await readJson(await fetch(`${server.url}/v1/contacts`, { headers: headers(second.apiKey) }));
    expect(contacts.data).toEqual([]);

    // The first owner proving ownership again brings the account back to its own row, with its contacts.
    const back = await fetch(`${server.url}/v1/instagram-accounts`, {
      method: 'POST',
      headers: headers(first.apiKey),
      body: JSON.stringify({ ig_user_id: first.igUserId, access_token }),
    });
    expect(back.status).toBe(201);
    expect((await readJson(back)).id).toBe(first.instagramAccountId);
    const firstContacts = await readJson(await fetch(`${server.url}/v1/contacts`, { headers: headers(first.apiKey) }));
    expect(firstContacts.data.map((contact: { ig_user_id: string }) => contact.ig_user_id)).toEqual(['fan-1']);
  });
});
