import { bearer, createPerson, postAction, readJson, runOperator, type Json, type TenantFixture } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

const DM = { action: 'send_message', type: 'dm', recipient_id: '2358708294634624', message: { text: 'Hello!' } };
const PRIVATE_REPLY = { action: 'send_message', type: 'comment_reply', comment_id: '17890012345', message: { text: 'Here is the link' } };

describe('GET /v1/usage', () => {
  const suite = useServerWithTenants({
    tenants: [
      { plan: 'trendsetter' },
      { plan: 'trendsetter' },
      { plan: 'multi_account', credits: 5 },
      { plan: 'trendsetter', owner: true },
    ],
  });

  async function usage(tenant: TenantFixture): Promise<Json> {
    const response = await suite.api('/v1/usage', tenant.apiKey);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    return readJson(response);
  }

  const send = (tenant: TenantFixture, body: object) => postAction(suite.stack.server.url, body, bearer(tenant.apiKey));

  it('counts admitted /api-webhook requests against the hourly limit, as the rate-limit headers do, and only for that account', async () => {
    const [a, b] = suite.tenants;
    const before = await usage(a);
    expect(before.plan).toEqual({ id: 'trendsetter', name: 'Trendsetter' });
    expect(before.action_api).toMatchObject({ access: true, hourly_limit: 2000, used: 0, remaining: 2000 });
    expect(before.credits).toEqual({ credit_based: false, balance: 0 });
    expect(before.instagram_accounts).toEqual({ connected: 1, allowed: null });

    const sends = 3;
    let last = await send(a, DM);
    for (let i = 1; i < sends; i++) last = await send(a, DM);
    expect(last.status).toBe(200);
    // A refused request (here: invalid) is not counted.
    expect((await send(a, { action: 'send_message', type: 'dm' })).status).toBe(400);

    const after = await usage(a);
    expect(after.action_api).toMatchObject({ access: true, hourly_limit: 2000, used: sends, remaining: 2000 - sends });
    expect(String(after.action_api.remaining)).toBe(last.headers.get('x-ratelimit-remaining'));
    expect(String(Date.parse(after.action_api.resets_at) / 1000)).toBe(last.headers.get('x-ratelimit-reset'));

    const other = await usage(b);
    expect(other.action_api).toMatchObject({ used: 0, remaining: 2000 });
  });

  it("shows each connected Instagram account's send-limit headroom from the limiter's own counters", async () => {
    const [a, b] = suite.tenants;
    expect((await send(a, PRIVATE_REPLY)).status).toBe(200);
    const [limits] = (await usage(a)).instagram_send_limits;
    expect(limits).toMatchObject({ instagram_account_id: a.instagramAccountId, ig_user_id: a.igUserId, username: 'test_shop' });
    expect(limits.private_reply).toMatchObject({ limit: 750, used: 1, remaining: 749, window_seconds: 3600 });
    expect(limits.text).toMatchObject({ limit: 300, window_seconds: 1 });
    expect(limits.media).toMatchObject({ limit: 10, window_seconds: 1 });
    expect(Date.parse(limits.private_reply.resets_at)).toBeGreaterThan(Date.now());

    const [othersLimits] = (await usage(b)).instagram_send_limits;
    expect(othersLimits.instagram_account_id).toBe(b.instagramAccountId);
    expect(othersLimits.private_reply).toMatchObject({ used: 0, remaining: 750 });
  });

  it('shows the credit balance of a credit-based plan going down per send, and back up when Meta refuses one', async () => {
    const credits = suite.tenants[2];
    const before = await usage(credits);
    expect(before.plan).toEqual({ id: 'multi_account', name: 'Multi-account' });
    expect(before.credits).toEqual({ credit_based: true, balance: 5 });
    expect(before.action_api).toEqual({ access: true, hourly_limit: null, used: null, remaining: null, resets_at: null });

    expect((await send(credits, DM)).status).toBe(200);
    expect((await send(credits, DM)).status).toBe(200);
    expect((await usage(credits)).credits.balance).toBe(3);

    await suite.stack.graph.fail({ error: 'invalid_parameter', count: 1 });
    expect((await send(credits, DM)).status).toBe(400);
    expect((await usage(credits)).credits.balance).toBe(3);
  });

  it('shows no API access on a plan without it (to a person: the plan gates keys, never the editor), and the override of an hourly limit', async () => {
    const downgraded = suite.tenants[3];
    expect(
      (await runOperator(suite.stack.server.env, ['account:set-plan', '--account', downgraded.accountId, '--plan', 'free'])).code,
    ).toBe(0);
    const byKey = await suite.api('/v1/usage', downgraded.apiKey);
    expect(byKey.status).toBe(403);
    expect((await readJson(byKey)).error).toMatchObject({ code: 'plan_without_api_access', message: 'API access requires higher plan' });
    const owner = await createPerson(suite.stack.server.env, suite.stack.server.url, downgraded.accountId, 'owner');
    const bySession = await owner.call('/v1/usage');
    expect(bySession.status).toBe(200);
    const free = await readJson(bySession);
    expect(free.plan).toEqual({ id: 'free', name: 'Free' });
    expect(free.action_api).toEqual({ access: false, hourly_limit: null, used: null, remaining: null, resets_at: null });
    expect((await send(downgraded, DM)).status).toBe(403);

    await runOperator(suite.stack.server.env, [
      'account:set-plan',
      '--account',
      downgraded.accountId,
      '--plan',
      'trendsetter',
      '--hourly-limit',
      '2',
    ]);
    expect((await send(downgraded, DM)).status).toBe(200);
    expect((await usage(downgraded)).action_api).toMatchObject({ hourly_limit: 2, used: 1, remaining: 1 });
  });
});
