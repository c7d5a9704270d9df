import { bearer, createTenant, postAction, runOperator, SandboxedServer, ServerProcess, startSandboxedServer } from '../src/harness';
import type { GraphSandboxClient } from '@dmflow/sandbox';

const DM = { action: 'send_message', type: 'dm', recipient_id: '2358708294634624', message: { text: 'Hello!' } };

describe('/api-webhook under parallel requests: Idempotency-Key, hourly limit, credits', () => {
  let stack: SandboxedServer;
  let graph: GraphSandboxClient;
  let server: ServerProcess;

  beforeAll(async () => {
    stack = await startSandboxedServer();
    ({ graph, server } = stack);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  beforeEach(() => graph.reset());

  const parallel = <T>(count: number, request: (index: number) => Promise<T>) =>
    Promise.all(Array.from({ length: count }, (_, index) => request(index)));

  it('50 parallel requests with one Idempotency-Key send once and all answer the first response', async () => {
    const tenant = await createTenant(server.env);
    await graph.fail({ latencyMs: 300 });
    const headers = { ...bearer(tenant.apiKey), 'Idempotency-Key': 'order-1234-confirmation' };
    const responses = await parallel(50, () => postAction(server.url, DM, headers));

    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
    const calls = await graph.calls();
    expect(calls).toHaveLength(1);
    for (const response of responses)
      expect(response.body).toEqual({ message: 'Message sent', message_id: calls[0].response.message_id, recipient_id: DM.recipient_id });
    expect(responses.filter((response) => response.headers.get('idempotent-replayed') === 'true')).toHaveLength(49);

    const replay = await postAction(
      server.url,
      { message: DM.message, recipient_id: DM.recipient_id, type: 'dm', action: 'send_message' },
      headers,
    );
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await graph.calls()).toHaveLength(1);
  });

  it('the same Idempotency-Key with a different body is 422 and sends nothing', async () => {
    const tenant = await createTenant(server.env);
    const headers = { ...bearer(tenant.apiKey), 'Idempotency-Key': 'k-422' };
    expect((await postAction(server.url, DM, headers)).status).toBe(200);
    const conflicting = await postAction(server.url, { ...DM, message: { text: 'Something else' } }, headers);
    expect(conflicting.status).toBe(422);
    expect(conflicting.body).toEqual({
      error: 'This Idempotency-Key was already used with a different request body.',
      code: 'idempotency_key_reused',
      request_id: expect.stringMatching(/^req_/),
    });
    expect(await graph.calls()).toHaveLength(1);
  });

  it("keys are per account: another account's identical key is its own request", async () => {
    const first = await createTenant(server.env);
    const second = await createTenant(server.env);
    expect((await postAction(server.url, DM, { ...bearer(first.apiKey), 'Idempotency-Key': 'shared-key' })).status).toBe(200);
    const other = await postAction(
      server.url,
      { ...DM, message: { text: 'different' } },
      { ...bearer(second.apiKey), 'Idempotency-Key': 'shared-key' },
    );
    expect(other.status).toBe(200);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(await graph.calls()).toHaveLength(2);
  });

  it('a refusal before sending (402) releases the key, so the retry after a top-up sends once', async () => {
    const tenant = await createTenant(server.env, { plan: 'multi_account', credits: 0 });
    const headers = { ...bearer(tenant.apiKey), 'Idempotency-Key': 'after-top-up' };
    expect((await postAction(server.url, DM, headers)).status).toBe(402);
    expect((await runOperator(server.env, ['account:add-credits', '--account', tenant.accountId, '--credits', '1'])).json.credits).toBe(1);
    expect((await postAction(server.url, DM, headers)).status).toBe(200);
    expect((await postAction(server.url, DM, headers)).status).toBe(200);
    expect(await graph.calls()).toHaveLength(1);
    expect((await runOperator(server.env, ['account:show', '--account', tenant.accountId])).json.credits).toBe(0);
  });

  it('the hourly limit admits exactly the limit under 60 parallel requests', async () => {
    const tenant = await createTenant(server.env, { plan: 'trendsetter' });
    await runOperator(server.env, ['account:set-plan', '--account', tenant.accountId, '--plan', 'trendsetter', '--hourly-limit', '20']);
    const responses = await parallel(60, () => postAction(server.url, DM, bearer(tenant.apiKey)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(40);
    expect(await graph.calls()).toHaveLength(20);
    const remaining = responses
      .filter((response) => response.status === 200)
      .map((response) => Number(response.headers.get('x-ratelimit-remaining')));
    expect(remaining.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });

  it('credits never go negative under 40 parallel sends, and a failed send is refunded', async () => {
    const tenant = await createTenant(server.env, { plan: 'multi_account', credits: 15 });
    const responses = await parallel(40, () => postAction(server.url, DM, bearer(tenant.apiKey)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(15);
    expect(statuses.filter((status) => status === 402)).toHaveLength(25);
    expect(await graph.calls()).toHaveLength(15);
    expect((await runOperator(server.env, ['account:show', '--account', tenant.accountId])).json.credits).toBe(0);

    await runOperator(server.env, ['account:add-credits', '--account', tenant.accountId, '--credits', '1']);
    await graph.fail({ error: 'recipient_unavailable', count: 1 });
    expect((await postAction(server.url, DM, bearer(tenant.apiKey))).status).toBe(400);
    expect((await runOperator(server.env, ['account:show', '--account', tenant.accountId])).json.credits).toBe(1);
  });
});
