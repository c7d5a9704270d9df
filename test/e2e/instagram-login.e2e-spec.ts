import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import {
  bearer,
  connectInstagramThroughLogin,
  followInstagramCallback,
  postAction,
  queryDatabase,
  readJson,
  startHttpRecorder,
  startInstagramLogin,
  TEST_APP_ID,
  TEST_APP_SECRET,
  waitFor,
  type HttpRecorder,
  type Json,
} from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

// Business Login for Instagram end to end: the built server, the sandbox playing Instagram (authorize page, token
// exchanges, /me, subscribed_apps), real Postgres and Redis.

describe('Connect Instagram (Business Login through the sandbox)', () => {
  const suite = useServerWithTenants({
    tenants: [{}, {}],
    env: { INSTAGRAM_TOKEN_REFRESH_INTERVAL_MS: '200', WEBHOOKS_ALLOW_PRIVATE_URLS: 'true', WEBHOOKS_POLL_INTERVAL_MS: '100' },
  });
  const {
    api,
    graph,
    tenants: [shop, rival],
  } = suite;
  const serverUrl = () => suite.stack.server.url;
  let receiver: HttpRecorder;

  const accountsOf = async (apiKey: string): Promise<Json[]> => (await readJson(await api('/v1/instagram-accounts', apiKey))).data;
  const connectedAs = async (apiKey: string, igUserId: string): Promise<Json> =>
    (await accountsOf(apiKey)).find((account) => account.ig_user_id === igUserId);
  const storedRow = async (instagramAccountId: string) =>
    (
      await queryDatabase<{ access_token_encrypted: string | null; token_expires_at: Date | null; status: string }>(
        suite.database.url,
        'SELECT access_token_encrypted, token_expires_at, status FROM instagram_accounts WHERE id = $1',
        [instagramAccountId],
      )
    )[0];
  /** A DM sent through /api-webhook as this connected account; returns the token the sandbox saw. */
  const sendAs = async (apiKey: string, instagramAccountId: string, text: string) => {
    const answer = await postAction(
      serverUrl(),
      { action: 'send_message', type: 'dm', recipient_id: '2358708294634624', message: { text }, instagram_account_id: instagramAccountId },
      bearer(apiKey),
    );
    const [call] = (await graph.calls('/messages')).filter((candidate) => JSON.stringify(candidate.body).includes(text));
    return { answer, token: call?.token ?? null };
  };

  beforeAll(async () => {
    receiver = await startHttpRecorder();
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it('runs the whole dance: authorize page, code, long-lived token, /me, subscribed_apps, an encrypted token', async () => {
    const business = await graph.registerInstagramUser({ username: 'sunrise.bakery' });
    const login = await startInstagramLogin(serverUrl(), shop.apiKey);
    const authorize = new URL(login.authorizeUrl);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(suite.stack.sandbox.authorizeUrl);
    expect(Object.fromEntries(authorize.searchParams)).toEqual({
      client_id: TEST_APP_ID,
      redirect_uri: `${serverUrl()}/instagram/oauth/callback`,
      response_type: 'code',
      scope: 'instagram_business_basic,instagram_business_manage_messages,instagram_business_manage_comments',
      state: expect.any(String),
    });
    expect(login.cookie).toMatch(/^dmflow_instagram_login=.+/);

    const back = await graph.logInAsTestBusiness(login.authorizeUrl, { userId: business.user_id });
    expect(back.startsWith(`${serverUrl()}/instagram/oauth/callback?`)).toBe(true);
    const editor = await followInstagramCallback(back, login.cookie);
    expect(`${editor.pathname}?${editor.searchParams.toString()}`).toBe('/connect?instagram=connected&username=sunrise.bakery');

    // The account connected is the one /me answers (user_id), not the app-scoped id of the code exchange.
    const connected = await connectedAs(shop.apiKey, business.user_id);
    expect(connected).toMatchObject({
      username: 'sunrise.bakery',
      profile_picture_url: business.profile_picture_url,
      status: 'connected',
      needs_reconnect_reason: null,
      has_access_token: true,
    });
    const expiresInDays = (Date.parse(connected.token_expires_at) - Date.now()) / 86_400_000;
    expect(expiresInDays).toBeGreaterThan(59);
    expect(expiresInDays).toBeLessThanOrEqual(60);

    const calls = await graph.calls();
    const exchange = calls.find((call) => call.path === '/oauth/access_token');
    expect(exchange?.body).toMatchObject({
      client_id: TEST_APP_ID,
      client_secret: TEST_APP_SECRET,
      grant_type: 'authorization_code',
      redirect_uri: `${serverUrl()}/instagram/oauth/callback`,
    });
    const longLived = calls.find((call) => call.path === '/access_token');
    expect(longLived?.status).toBe(200);
    const token = (longLived?.response as { access_token: string }).access_token;
    const subscribe = calls.find((call) => call.path === `/${business.user_id}/subscribed_apps`);
    expect(subscribe).toMatchObject({ method: 'POST', token, status: 200 });
    expect((await graph.instagramUsers()).find((user) => user.user_id === business.user_id)?.subscribed_fields).toEqual([
      'comments',
      'messages',
      'messaging_postbacks',
    ]);

    const row = await storedRow(connected.id);
    expect(row.access_token_encrypted).toMatch(/^v1\./);
    expect(row.access_token_encrypted).not.toContain(token);
    expect(JSON.stringify(await accountsOf(shop.apiKey))).not.toContain(token);
    // What is stored is the long-lived token: sends carry it.
    expect(await sendAs(shop.apiKey, connected.id, 'hello from the long-lived token')).toMatchObject({ answer: { status: 200 }, token });
  });

  it('refuses a forged, tampered, expired or other-browser state, and a cancelled login, without calling Instagram', async () => {
    const business = await graph.registerInstagramUser({ username: 'state.checks' });
    const login = await startInstagramLogin(serverUrl(), shop.apiKey);
    const back = new URL(await graph.logInAsTestBusiness(login.authorizeUrl, { userId: business.user_id }));
    const state = back.searchParams.get('state') as string;
    const withState = (value: string) => {
      const url = new URL(back);
      url.searchParams.set('state', value);
      return url.toString();
    };
    // The state's key as documented: HKDF-SHA256 of ENCRYPTION_KEY, info "dmflow instagram login state v1".
    const key = Buffer.from(
      hkdfSync('sha256', Buffer.from(suite.stack.server.env.ENCRYPTION_KEY, 'hex'), Buffer.alloc(0), 'dmflow instagram login state v1', 32),
    );
    const nonce = login.cookie.split('=')[1];
    const signWith = (signingKey: Buffer) => (payload: Record<string, string>, expiresAt: number) => {
      const encoded = Buffer.from(JSON.stringify({ p: payload, exp: expiresAt })).toString('base64url');
      return `${encoded}.${createHmac('sha256', signingKey).update(encoded).digest('base64url')}`;
    };
    const signed = signWith(key);
    const forge = signWith(randomBytes(32));
    const browser = createHash('sha256').update(nonce).digest('base64url');
    const exchangesBefore = (await graph.calls('/oauth/access_token')).length;

    const outcomes = {
      tampered: await followInstagramCallback(withState(`${state.slice(0, -2)}AA`), login.cookie),
      forged: await followInstagramCallback(withState(forge({ workspace: rival.accountId, browser }, Date.now() + 60_000)), login.cookie),
      expired: await followInstagramCallback(withState(signed({ workspace: shop.accountId, browser }, Date.now() - 1_000)), login.cookie),
      otherBrowser: await followInstagramCallback(back.toString(), null),
      otherCookie: await followInstagramCallback(back.toString(), 'dmflow_instagram_login=not-this-browser'),
      missing: await followInstagramCallback(withState(''), login.cookie),
    };
    for (const [name, outcome] of Object.entries(outcomes))
      expect([name, outcome.pathname, outcome.searchParams.get('instagram_error')]).toEqual([name, '/connect', 'state_invalid']);
    expect(await graph.calls('/oauth/access_token')).toHaveLength(exchangesBefore);
    expect(await connectedAs(shop.apiKey, business.user_id)).toBeUndefined();

    // A state signed with the right key for the right browser is accepted: the refusals above were about the state.
    const valid = await followInstagramCallback(
      withState(signed({ workspace: shop.accountId, browser }, Date.now() + 60_000)),
      login.cookie,
    );
    expect(valid.searchParams.get('instagram')).toBe('connected');

    const cancelled = await startInstagramLogin(serverUrl(), shop.apiKey);
    const denied = await followInstagramCallback(await graph.logInAsTestBusiness(cancelled.authorizeUrl, { deny: true }), cancelled.cookie);
    expect(denied.searchParams.get('instagram_error')).toBe('access_denied');
  });

  it('refuses an authorization code used twice, at the sandbox and through the server', async () => {
    const business = await graph.registerInstagramUser({ username: 'code.once' });
    const first = await startInstagramLogin(serverUrl(), shop.apiKey);
    const back = new URL(await graph.logInAsTestBusiness(first.authorizeUrl, { userId: business.user_id }));
    expect((await followInstagramCallback(back.toString(), first.cookie)).searchParams.get('instagram')).toBe('connected');

    // The same code with a fresh, valid state and browser: the code is what Instagram refuses.
    const second = await startInstagramLogin(serverUrl(), shop.apiKey);
    const replay = new URL(back);
    replay.searchParams.set('state', new URL(second.authorizeUrl).searchParams.get('state') as string);
    const refused = await followInstagramCallback(replay.toString(), second.cookie);
    expect(refused.searchParams.get('instagram_error')).toBe('code_rejected');
    const [, reused] = (await graph.calls('/oauth/access_token')).filter(
      (call) => (call.body as { code?: string }).code === back.searchParams.get('code'),
    );
    expect(reused).toMatchObject({
      status: 400,
      response: { error_type: 'OAuthException', code: 400, error_message: 'This authorization code has been used' },
    });
  });

  it("binds tokens to their account: a token for A never connects or subscribes B, and /me answers for the token's owner", async () => {
    const a = await graph.registerInstagramUser({ username: 'owner.a' });
    const b = await graph.registerInstagramUser({ username: 'owner.b' });
    const mismatch = await api('/v1/instagram-accounts', rival.apiKey, {
      method: 'POST',
      body: JSON.stringify({ ig_user_id: b.user_id, access_token: a.access_token }),
    });
    expect([mismatch.status, (await readJson(mismatch)).error.code]).toEqual([422, 'instagram_token_mismatch']);
    expect(await connectedAs(rival.apiKey, b.user_id)).toBeUndefined();

    const sandbox = suite.stack.sandbox.graphUrl;
    const me = await fetch(`${sandbox}/me?fields=user_id,username`, { headers: { Authorization: `Bearer ${a.access_token}` } });
    expect(await me.json()).toEqual({ id: a.app_scoped_id, user_id: a.user_id, username: 'owner.a' });
    const subscribeB = await fetch(`${sandbox}/${b.user_id}/subscribed_apps?subscribed_fields=messages`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${a.access_token}` },
    });
    expect([subscribeB.status, (await readJson(subscribeB)).error.code]).toEqual([400, 100]);

    // Without ig_user_id the token alone decides: it connects A, whatever username the caller sends.
    const own = await api('/v1/instagram-accounts', rival.apiKey, {
      method: 'POST',
      body: JSON.stringify({ access_token: a.access_token, username: 'someone_else' }),
    });
    expect(own.status).toBe(201);
    expect(await readJson(own)).toMatchObject({ ig_user_id: a.user_id, username: 'owner.a', token_expires_at: null });
  });

  it('never reveals who holds an account; proving ownership moves it, and the old workspace is told it needs a reconnect', async () => {
    const webhook = await readJson(
      await api('/v1/webhooks', shop.apiKey, {
        method: 'POST',
        body: JSON.stringify({ url: `${receiver.url}/shop`, events: ['instagram_account_needs_reconnect'] }),
      }),
    );
    expect(webhook.id).toEqual(expect.any(String));
    const held = await graph.registerInstagramUser({ username: 'held.shop' });
    const free = await graph.registerInstagramUser({ username: 'free.shop' });
    expect((await connectInstagramThroughLogin(serverUrl(), shop.apiKey, graph, held.user_id)).searchParams.get('instagram')).toBe(
      'connected',
    );
    const shopConnection = await connectedAs(shop.apiKey, held.user_id);

    // Claims without a valid token get the same answer whether the account is held by someone or by no one.
    const claim = async (igUserId: string) => {
      const response = await api('/v1/instagram-accounts', rival.apiKey, {
        method: 'POST',
        body: JSON.stringify({ ig_user_id: igUserId, username: 'claimer', access_token: 'IGQVJ-made-up' }),
      });
      const { request_id: _requestId, ...error } = (await readJson(response)).error;
      return { status: response.status, error };
    };
    const heldClaim = await claim(held.user_id);
    expect(heldClaim).toEqual(await claim(free.user_id));
    expect(heldClaim).toMatchObject({ status: 422, error: { code: 'instagram_token_invalid' } });
    expect(JSON.stringify(heldClaim)).not.toContain(shop.accountId);
    expect(await connectedAs(shop.apiKey, held.user_id)).toMatchObject({ id: shopConnection.id, status: 'connected' });

    // The rival logs in as the account itself: that proves ownership, and the account moves.
    const moved = await connectInstagramThroughLogin(serverUrl(), rival.apiKey, graph, held.user_id);
    expect(moved.searchParams.get('instagram')).toBe('connected');
    expect(moved.toString()).not.toContain(shop.accountId);
    const rivalConnection = await connectedAs(rival.apiKey, held.user_id);
    expect(rivalConnection).toMatchObject({ status: 'connected' });
    expect(rivalConnection.id).not.toBe(shopConnection.id);
    expect(await connectedAs(shop.apiKey, held.user_id)).toMatchObject({
      id: shopConnection.id,
      status: 'needs_reconnect',
      needs_reconnect_reason: 'connected_elsewhere',
      has_access_token: false,
    });
    await receiver.waitFor((requests) => requests.some((request) => request.path === '/shop'), 30_000);
    const delivered = receiver.requests.find((request) => request.path === '/shop');
    expect(delivered?.headers['x-event-type']).toBe('instagram_account_needs_reconnect');
    expect(JSON.parse(delivered?.rawBody ?? '{}')).toEqual({
      instagram_account_id: shopConnection.id,
      ig_user_id: held.user_id,
      username: 'held.shop',
      reason: 'connected_elsewhere',
      message: expect.stringContaining('another workspace'),
      occurred_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
    });
    expect(delivered?.rawBody).not.toContain(rival.accountId);

    // Its DMs now reach the rival, and the shop's old connection no longer sends.
    await suite.meta.dm({ igUserId: held.user_id, senderId: 'moved-fan', text: 'hello', mid: 'mid-moved-1' });
    await waitFor(
      async () => (await readJson(await api('/v1/contacts', rival.apiKey))).data,
      (contacts: Json[]) => contacts.some((contact) => contact.ig_user_id === 'moved-fan'),
      30_000,
      "the moved account's DM to reach the rival",
    );
    expect((await sendAs(shop.apiKey, shopConnection.id, 'old owner send')).answer.status).toBe(404);

    // The shop logs in again as the account: it comes back to the shop's own connection, with its contacts.
    expect((await connectInstagramThroughLogin(serverUrl(), shop.apiKey, graph, held.user_id)).searchParams.get('instagram')).toBe(
      'connected',
    );
    expect(await connectedAs(shop.apiKey, held.user_id)).toMatchObject({ id: shopConnection.id, status: 'connected' });
    expect(await connectedAs(rival.apiKey, held.user_id)).toMatchObject({ status: 'needs_reconnect' });
  });

  it('refreshes a token close to expiry, and marks the account "needs reconnect" when Instagram refuses', async () => {
    const webhook = await readJson(
      await api('/v1/webhooks', rival.apiKey, {
        method: 'POST',
        body: JSON.stringify({ url: `${receiver.url}/rival-refresh`, events: ['instagram_account_needs_reconnect'] }),
      }),
    );
    expect(webhook.id).toEqual(expect.any(String));
    const kept = await graph.registerInstagramUser({ username: 'kept.alive' });
    const revoked = await graph.registerInstagramUser({ username: 'password.changed' });
    for (const business of [kept, revoked])
      expect((await connectInstagramThroughLogin(serverUrl(), rival.apiKey, graph, business.user_id)).searchParams.get('instagram')).toBe(
        'connected',
      );
    const keptConnection = await connectedAs(rival.apiKey, kept.user_id);
    const revokedConnection = await connectedAs(rival.apiKey, revoked.user_id);
    const keptBefore = await storedRow(keptConnection.id);
    const { token: oldToken } = await sendAs(rival.apiKey, keptConnection.id, 'before the refresh');
    await graph.revokeInstagramTokens(revoked.user_id);

    // Time, moved by the seam: both tokens were issued two days ago and expire in three (inside the 10-day window).
    await queryDatabase(
      suite.database.url,
      `UPDATE instagram_accounts SET token_refreshed_at = now() - interval '2 days', token_expires_at = now() + interval '3 days'
       WHERE id = ANY($1)`,
      [[keptConnection.id, revokedConnection.id]],
    );

    const refreshed = await waitFor(
      () => connectedAs(rival.apiKey, kept.user_id),
      (account: Json) => Date.parse(account.token_expires_at) - Date.now() > 50 * 86_400_000,
      30_000,
      'the token to be refreshed',
    );
    expect(refreshed).toMatchObject({ status: 'connected', has_access_token: true });
    expect((await storedRow(keptConnection.id)).access_token_encrypted).not.toBe(keptBefore.access_token_encrypted);
    const refreshCall = (await graph.calls('/refresh_access_token')).find((call) => call.token === oldToken);
    expect(refreshCall).toMatchObject({ status: 200 });
    const { answer, token: newToken } = await sendAs(rival.apiKey, keptConnection.id, 'after the refresh');
    expect(answer.status).toBe(200);
    expect(newToken).toBe((refreshCall?.response as { access_token: string }).access_token);

    const needing = await waitFor(
      () => connectedAs(rival.apiKey, revoked.user_id),
      (account: Json) => account.status === 'needs_reconnect',
      30_000,
      'the refused account to need a reconnect',
    );
    expect(needing).toMatchObject({ needs_reconnect_reason: 'token_refresh_refused', has_access_token: false });
    await receiver.waitFor((requests) => requests.some((request) => request.path === '/rival-refresh'), 30_000);
    const event = receiver.requests.find((request) => request.path === '/rival-refresh');
    expect(event?.headers['x-event-type']).toBe('instagram_account_needs_reconnect');
    expect(JSON.parse(event?.rawBody ?? '{}')).toMatchObject({
      instagram_account_id: revokedConnection.id,
      reason: 'token_refresh_refused',
    });
    // It stops sending: nothing reaches Instagram.
    const stopped = await sendAs(rival.apiKey, revokedConnection.id, 'must not be sent');
    expect([stopped.answer.status, stopped.answer.body.code, stopped.token]).toEqual([404, 'no_instagram_token', null]);

    // Reconnecting through the login brings it back.
    expect((await connectInstagramThroughLogin(serverUrl(), rival.apiKey, graph, revoked.user_id)).searchParams.get('instagram')).toBe(
      'connected',
    );
    expect(await connectedAs(rival.apiKey, revoked.user_id)).toMatchObject({
      id: revokedConnection.id,
      status: 'connected',
      needs_reconnect_reason: null,
    });
  });
});
