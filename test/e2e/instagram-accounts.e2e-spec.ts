import { createTenant, queryDatabase, readJson, ServerProcess } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

describe('/v1/instagram-accounts', () => {
  const suite = useServerWithTenants({ tenants: [{}, {}] });
  const {
    api,
    database,
    tenants: [tenant, other],
  } = suite;

  it('connects an account, keeps the token encrypted and never returns it', async () => {
    const response = await api('/v1/instagram-accounts', tenant.apiKey, {
      method: 'POST',
      body: JSON.stringify({ ig_user_id: '17841499990000001', username: 'second.shop', access_token: 'IGQVJ-very-secret' }),
    });
    expect(response.status).toBe(201);
    const connected = await readJson(response);
    expect(connected).toMatchObject({ ig_user_id: '17841499990000001', username: 'second.shop', has_access_token: true });
    expect(JSON.stringify(connected)).not.toContain('IGQVJ');
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

  it("refuses to take over another account's Instagram account, and hides it from other tenants", async () => {
    const takeover = await api('/v1/instagram-accounts', other.apiKey, {
      method: 'POST',
      body: JSON.stringify({ ig_user_id: tenant.igUserId, username: 'thief', access_token: 'x' }),
    });
    expect(takeover.status).toBe(409);
    expect((await readJson(takeover)).error.code).toBe('instagram_account_taken');

    const list = await readJson(await api('/v1/instagram-accounts', other.apiKey));
    expect(list.data.map((a: { id: string }) => a.id)).toEqual([other.instagramAccountId]);
    const disconnect = await api(`/v1/instagram-accounts/${tenant.instagramAccountId}`, other.apiKey, { method: 'DELETE' });
    expect(disconnect.status).toBe(404);
  });

  it('disconnects: the token is erased and the account leaves the list', async () => {
    const own = await createTenant(suite.stack.server.env);
    expect((await api(`/v1/instagram-accounts/${own.instagramAccountId}`, own.apiKey, { method: 'DELETE' })).status).toBe(204);
    const [row] = await queryDatabase<{ access_token_encrypted: string | null; disconnected_at: Date | null }>(
      database.url,
      'SELECT access_token_encrypted, disconnected_at FROM instagram_accounts WHERE id = $1',
      [own.instagramAccountId],
    );
    expect(row.access_token_encrypted).toBeNull();
    expect(row.disconnected_at).not.toBeNull();
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
});

describe('an Instagram account that changes owner', () => {
  const suite = useServerWithTenants({ tenants: [] });
  const { database } = suite;
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
    const moved = await fetch(`${server.url}/v1/instagram-accounts`, {
      method: 'POST',
      headers: headers(second.apiKey),
      body: JSON.stringify({ ig_user_id: first.igUserId, username: 'new_owner', access_token: 'tok' }),
    });
    expect(moved.status).toBe(201);
    const connected = await readJson(moved);
    expect(connected.id).not.toBe(first.instagramAccountId);
    const contacts = await readJson(await fetch(`${server.url}/v1/contacts`, { headers: headers(second.apiKey) }));
    expect(contacts.data).toEqual([]);

    // The first owner reconnecting is refused while the second owner holds it.
    const back = await fetch(`${server.url}/v1/instagram-accounts`, {
      method: 'POST',
      headers: headers(first.apiKey),
      body: JSON.stringify({ ig_user_id: first.igUserId, username: 'old_owner', access_token: 'tok' }),
    });
    expect(back.status).toBe(409);
  });
});
