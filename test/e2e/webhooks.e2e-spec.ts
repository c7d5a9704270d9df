import {
  createTenant,
  createTestDatabase,
  HttpRecorder,
  readJson,
  RecordedRequest,
  runCli,
  ServerProcess,
  startHttpRecorder,
  startServer,
  TenantFixture,
  TestDatabase,
  quietPeriod,
} from '../src/harness';
import { EXAMPLE_PAYLOADS, recordWebhookEvents, WebhookEventType } from '../src/webhooks/producer';
import { verifyWithNodeSnippet, verifyWithPythonSnippet } from '../src/webhooks/readme-snippets';

const ALL_EVENTS: WebhookEventType[] = ['comment', 'dm_received', 'postback', 'question_answered', 'flow_completed'];

describe('outbound webhooks', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  const recorders: HttpRecorder[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer({
      databaseUrl: database.url,
      env: {
        WEBHOOKS_ALLOW_PRIVATE_URLS: 'true',
        WEBHOOKS_RETRY_BASE_DELAY_MS: '200',
        WEBHOOKS_MAX_RETRY_DELAY_MS: '800',
        WEBHOOKS_POLL_INTERVAL_MS: '100',
      },
    });
  });

  afterAll(async () => {
    await Promise.all(recorders.map((recorder) => recorder.close()));
    await server?.stop();
    await database?.drop();
  });

  async function recorder(): Promise<HttpRecorder> {
    const started = await startHttpRecorder();
    recorders.push(started);
    return started;
  }

  function api(tenant: TenantFixture, method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function createEndpoint(tenant: TenantFixture, body: Record<string, unknown>) {
    const response = await api(tenant, 'POST', '/v1/webhooks', body);
    const json = await readJson(response);
    expect(response.status).toBe(201);
    return json;
  }

  const emit = (tenant: TenantFixture, events: Array<{ type: WebhookEventType; orderingKey?: string | null; payload?: unknown }>) =>
    recordWebhookEvents(
      database.url,
      tenant.accountId,
      events.map((event) => ({
        type: event.type,
        orderingKey: event.orderingKey ?? null,
        payload: event.payload ?? EXAMPLE_PAYLOADS[event.type],
      })),
    );

  const acknowledged = (requests: RecordedRequest[], statuses: Map<RecordedRequest, number>) =>
    requests.filter((request) => statuses.get(request) === 200);

  it('manages endpoints over REST: secret shown once, cursor pagination, update, rotate, delete, tenant isolation, validation', async () => {
    const tenant = await createTenant(server.env);
    const other = await createTenant(server.env);
    const target = await recorder();
    const created = await createEndpoint(tenant, {
      url: `${target.url}/hooks`,
      events: ['comment', 'flow_completed'],
      description: 'CRM',
      extra_headers: [{ name: 'Authorization', value: 'Bearer receiver-token-123' }],
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    expect(created).toMatchObject({ url: `${target.url}/hooks`, events: ['comment', 'flow_completed'], enabled: true, description: 'CRM' });
    expect(created.extra_headers).toEqual([{ name: 'Authorization', value: '****-123' }]);

    const fetched = await readJson(await api(tenant, 'GET', `/v1/webhooks/${created.id}`));
    expect(fetched.id).toBe(created.id);
    expect(fetched.secret).toBeUndefined();

    await createEndpoint(tenant, { url: `${target.url}/b`, events: ['comment'] });
    await createEndpoint(tenant, { url: `${target.url}/c`, events: ['comment'] });
    const first = await readJson(await api(tenant, 'GET', '/v1/webhooks?limit=2'));
    expect(first.data).toHaveLength(2);
    expect(first.has_more).toBe(true);
    const second = await readJson(await api(tenant, 'GET', `/v1/webhooks?limit=2&cursor=${first.next_cursor}`));
    expect(second).toMatchObject({ has_more: false, next_cursor: null });
    expect([...first.data, ...second.data].map((endpoint: { url: string }) => endpoint.url)).toEqual([
      `${target.url}/c`,
      `${target.url}/b`,
      `${target.url}/hooks`,
    ]);

    const updated = await readJson(await api(tenant, 'PATCH', `/v1/webhooks/${created.id}`, { enabled: false, events: ['dm_received'] }));
    expect(updated).toMatchObject({ enabled: false, events: ['dm_received'] });

    const rotated = await readJson(await api(tenant, 'POST', `/v1/webhooks/${created.id}/rotate-secret`));
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);

    const foreign = await api(other, 'GET', `/v1/webhooks/${created.id}`);
    expect(foreign.status).toBe(404);
    expect((await readJson(foreign)).error.code).toBe('webhook_not_found');
    expect((await readJson(await api(other, 'GET', '/v1/webhooks'))).data).toEqual([]);

    const invalid = await api(tenant, 'POST', '/v1/webhooks', { url: `${target.url}/x`, events: ['comment', 'nope'] });
    expect(invalid.status).toBe(400);
    expect((await readJson(invalid)).error).toMatchObject({ code: 'validation_failed' });
    const badUrl = await api(tenant, 'POST', '/v1/webhooks', { url: 'ftp://example.com/x', events: ['comment'] });
    expect(badUrl.status).toBe(422);
    expect((await readJson(badUrl)).error.code).toBe('invalid_url');
    const reserved = await api(tenant, 'POST', '/v1/webhooks', {
      url: `${target.url}/x`,
      events: ['comment'],
      extra_headers: [{ name: 'X-Webhook-Signature', value: 'x' }],
    });
    expect((await readJson(reserved)).error.code).toBe('reserved_header');
    const badCursor = await api(tenant, 'GET', '/v1/webhooks?cursor=garbage');
    expect((await readJson(badCursor)).error.code).toBe('invalid_cursor');

    expect((await api(tenant, 'DELETE', `/v1/webhooks/${created.id}`)).status).toBe(204);
    expect((await api(tenant, 'GET', `/v1/webhooks/${created.id}`)).status).toBe(404);
    expect((await fetch(`${server.url}/v1/webhooks`)).status).toBe(401);
  });

  it('manages endpoints from the CLI', async () => {
    const tenant = await createTenant(server.env);
    const target = await recorder();
    const created = await runCli(server.env, [
      'webhook:create',
      '--account',
      tenant.accountId,
      '--url',
      `${target.url}/cli`,
      '--events',
      'comment,postback',
    ]);
    expect(created.code).toBe(0);
    expect(created.json).toMatchObject({ url: `${target.url}/cli`, events: ['comment', 'postback'], enabled: true });
    expect(created.json.secret).toMatch(/^whsec_/);
    const listed = await runCli(server.env, ['webhook:list', '--account', tenant.accountId]);
    expect(listed.json.map((endpoint: { id: string }) => endpoint.id)).toEqual([created.json.id]);
    const wrongEvent = await runCli(server.env, [
      'webhook:create',
      '--account',
      tenant.accountId,
      '--url',
      `${target.url}/cli`,
      '--events',
      'comment,bogus',
    ]);
    expect(wrongEvent.code).toBe(1);
    expect(wrongEvent.json.error.code).toBe('usage');
    const deleted = await runCli(server.env, ['webhook:delete', '--account', tenant.accountId, '--webhook', created.json.id]);
    expect(deleted.json).toEqual({ id: created.json.id, deleted: true });
    expect((await runCli(server.env, ['webhook:list', '--account', tenant.accountId])).json).toEqual([]);
  });

  it('delivers every event type with the documented headers and body, signed both ways, and logs it', async () => {
    const tenant = await createTenant(server.env);
    const target = await recorder();
    const endpoint = await createEndpoint(tenant, {
      url: `${target.url}/in`,
      events: ALL_EVENTS,
      extra_headers: [{ name: 'X-Routing', value: 'crm-7' }],
    });
    const recorded = await emit(
      tenant,
      ALL_EVENTS.map((type) => ({ type, orderingKey: 'contact:one' })),
    );

    await target.waitFor((requests) => requests.length >= ALL_EVENTS.length);
    expect(target.requests.map((request) => request.headers['x-event-type'])).toEqual(ALL_EVENTS);
    target.requests.forEach((request, index) => {
      const type = ALL_EVENTS[index];
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/in');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['x-timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      expect(Math.abs(Date.parse(String(request.headers['x-timestamp'])) - Date.now())).toBeLessThan(60_000);
      expect(request.headers['x-webhook-id']).toBe(recorded[index].id);
      expect(request.headers['webhook-id']).toBe(recorded[index].id);
      expect(request.headers['x-routing']).toBe('crm-7');
      expect(JSON.parse(request.rawBody)).toEqual(EXAMPLE_PAYLOADS[type]);
      expect(verifyWithNodeSnippet(request.rawBody, request.headers, endpoint.secret)).toEqual({ instantDm: true, standard: true });
      expect(verifyWithNodeSnippet(`${request.rawBody} `, request.headers, endpoint.secret)).toEqual({ instantDm: false, standard: false });
      expect(verifyWithNodeSnippet(request.rawBody, request.headers, 'whsec_' + Buffer.from('wrong').toString('base64'))).toEqual({
        instantDm: false,
        standard: false,
      });
    });
    const python = verifyWithPythonSnippet(target.requests, endpoint.secret);
    if (python) expect(python).toEqual(ALL_EVENTS.map(() => ({ instantDm: true, standard: true })));
    const tampered = verifyWithPythonSnippet(
      [{ ...target.requests[0], rawBody: target.requests[0].rawBody.replace('Love', 'Hate') }],
      endpoint.secret,
    );
    if (tampered) expect(tampered).toEqual([{ instantDm: false, standard: false }]);

    let log = await readJson(await api(tenant, 'GET', `/v1/webhooks/${endpoint.id}/deliveries?limit=3`));
    const deadline = Date.now() + 5_000;
    while (log.data.some((delivery: { status: string }) => delivery.status !== 'succeeded') && Date.now() < deadline) {
      log = await readJson(await api(tenant, 'GET', `/v1/webhooks/${endpoint.id}/deliveries?limit=3`));
    }
    expect(log.data.map((delivery: { event_type: string }) => delivery.event_type)).toEqual([
      'flow_completed',
      'question_answered',
      'postback',
    ]);
    expect(log.has_more).toBe(true);
    const rest = await readJson(await api(tenant, 'GET', `/v1/webhooks/${endpoint.id}/deliveries?limit=3&cursor=${log.next_cursor}`));
    expect(rest.data.map((delivery: { event_type: string }) => delivery.event_type)).toEqual(['dm_received', 'comment']);
    const detail = await readJson(await api(tenant, 'GET', `/v1/webhooks/${endpoint.id}/deliveries/${log.data[0].id}`));
    expect(detail).toMatchObject({ status: 'succeeded', attempts: 1, last_status_code: 200, payload: EXAMPLE_PAYLOADS.flow_completed });
    expect(detail.attempt_log).toEqual([
      expect.objectContaining({ attempt: 1, succeeded: true, status_code: 200, response_snippet: '{"ok":true}', error: null }),
    ]);
    expect(typeof detail.attempt_log[0].latency_ms).toBe('number');
  });

  it('retries while the receiver is down, then delivers everything once, in order per contact', async () => {
    const tenant = await createTenant(server.env);
    const target = await recorder();
    const statuses = new Map<RecordedRequest, number>();
    let down = true;
    target.respondWith((request) => {
      const status = down ? 503 : 200;
      statuses.set(request, status);
      return { status, body: down ? 'maintenance' : '{"ok":true}' };
    });
    const endpoint = await createEndpoint(tenant, { url: target.url, events: ALL_EVENTS });
    const plan = Array.from({ length: 12 }, (_, index) => ({
      type: 'dm_received' as const,
      orderingKey: `contact:${index % 3}`,
      payload: { n: index },
    }));
    const recorded = await emit(tenant, plan);

    await target.waitFor((requests) => requests.length >= 6);
    down = false;
    await target.waitFor(
      (requests) => new Set(acknowledged(requests, statuses).map((request) => request.headers['x-webhook-id'])).size === plan.length,
      30_000,
    );

    const delivered = acknowledged(target.requests, statuses);
    expect(delivered).toHaveLength(plan.length);
    expect(new Set(delivered.map((request) => request.headers['x-webhook-id']))).toEqual(new Set(recorded.map((event) => event.id)));
    for (const contact of [0, 1, 2]) {
      const order = delivered
        .filter((request) => JSON.parse(request.rawBody).n % 3 === contact)
        .map((request) => JSON.parse(request.rawBody).n);
      expect(order).toEqual(plan.map((_, index) => index).filter((index) => index % 3 === contact));
    }
    const failed = await readJson(await api(tenant, 'GET', `/v1/webhooks/${endpoint.id}/deliveries?limit=100`));
    const retried = failed.data.filter((delivery: { attempts: number }) => delivery.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    const detail = await readJson(await api(tenant, 'GET', `/v1/webhooks/${endpoint.id}/deliveries/${retried[0].id}`));
    expect(detail.attempt_log[0]).toMatchObject({ succeeded: false, status_code: 503, response_snippet: 'maintenance', error: 'HTTP 503' });
  });

  it('sends nothing to disabled endpoints or for unsubscribed events; a 410 disables the endpoint; a redirect is not followed', async () => {
    const tenant = await createTenant(server.env);
    const disabledTarget = await recorder();
    const commentsOnly = await recorder();
    const gone = await recorder();
    const redirecting = await recorder();
    const redirectTarget = await recorder();
    gone.respondWith(() => ({ status: 410, body: 'gone' }));
    redirecting.respondWith(() => ({ status: 302, headers: { location: redirectTarget.url } }));
    await createEndpoint(tenant, { url: disabledTarget.url, events: ALL_EVENTS, enabled: false });
    await createEndpoint(tenant, { url: commentsOnly.url, events: ['comment'] });
    const goneEndpoint = await createEndpoint(tenant, { url: gone.url, events: ['dm_received', 'comment'] });
    const redirectEndpoint = await createEndpoint(tenant, { url: redirecting.url, events: ['postback'] });

    await emit(tenant, [{ type: 'dm_received', orderingKey: 'contact:a' }, { type: 'postback' }, { type: 'question_answered' }]);
    await gone.waitFor((requests) => requests.length === 1);
    await redirecting.waitFor((requests) => requests.length === 1);
    let endpoint = await readJson(await api(tenant, 'GET', `/v1/webhooks/${goneEndpoint.id}`));
    for (const deadline = Date.now() + 5_000; endpoint.enabled && Date.now() < deadline;) {
      endpoint = await readJson(await api(tenant, 'GET', `/v1/webhooks/${goneEndpoint.id}`));
    }
    expect(endpoint).toMatchObject({ enabled: false, disabled_reason: 'gone' });

    // A marker event the comments-only endpoint does get: once it has arrived, the earlier events have had their chance.
    await emit(tenant, [{ type: 'comment', orderingKey: 'contact:a' }]);
    await commentsOnly.waitFor((requests) => requests.length === 1);
    await quietPeriod(1_000);
    expect(commentsOnly.requests.map((request) => request.headers['x-event-type'])).toEqual(['comment']);
    expect(disabledTarget.requests).toHaveLength(0);
    expect(gone.requests).toHaveLength(1);
    expect(redirectTarget.requests).toHaveLength(0);
    const redirectLog = await readJson(await api(tenant, 'GET', `/v1/webhooks/${redirectEndpoint.id}/deliveries`));
    expect(redirectLog.data[0]).toMatchObject({ last_status_code: 302, last_error: 'HTTP 302 (redirects are not followed)' });
  });

  it('keeps signing with the previous secret for a day after a rotation, so receivers can switch without losing events', async () => {
    const tenant = await createTenant(server.env);
    const target = await recorder();
    const endpoint = await createEndpoint(tenant, { url: target.url, events: ['comment'] });
    const rotated = await readJson(await api(tenant, 'POST', `/v1/webhooks/${endpoint.id}/rotate-secret`));
    expect(Date.parse(rotated.previous_secret_expires_at) - Date.now()).toBeGreaterThan(23 * 3600_000);
    await emit(tenant, [{ type: 'comment' }]);
    await target.waitFor((requests) => requests.length === 1);
    const [request] = target.requests;
    expect(String(request.headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyWithNodeSnippet(request.rawBody, request.headers, rotated.secret)).toEqual({ instantDm: true, standard: true });
    expect(verifyWithNodeSnippet(request.rawBody, request.headers, endpoint.secret)).toEqual({ instantDm: false, standard: true });
  });

  it('redelivers an event on request, with the same X-Webhook-Id', async () => {
    const tenant = await createTenant(server.env);
    const target = await recorder();
    const endpoint = await createEndpoint(tenant, { url: target.url, events: ['flow_completed'] });
    const [event] = await emit(tenant, [{ type: 'flow_completed', orderingKey: 'contact:r' }]);
    await target.waitFor((requests) => requests.length === 1);
    const log = await readJson(await api(tenant, 'GET', `/v1/webhooks/${endpoint.id}/deliveries`));
    let response = await api(tenant, 'POST', `/v1/webhooks/${endpoint.id}/deliveries/${log.data[0].id}/redeliver`);
    for (const deadline = Date.now() + 5_000; response.status === 409 && Date.now() < deadline;) {
      response = await api(tenant, 'POST', `/v1/webhooks/${endpoint.id}/deliveries/${log.data[0].id}/redeliver`);
    }
    expect(response.status).toBe(202);
    expect((await readJson(response)).status).toBe('pending');
    await target.waitFor((requests) => requests.length === 2);
    expect(target.requests.map((request) => request.headers['x-webhook-id'])).toEqual([event.id, event.id]);
    expect(target.requests[1].rawBody).toBe(target.requests[0].rawBody);
    const missing = await api(tenant, 'POST', `/v1/webhooks/${endpoint.id}/deliveries/00000000-0000-0000-0000-000000000000/redeliver`);
    expect(missing.status).toBe(404);
    expect((await readJson(missing)).error.code).toBe('delivery_not_found');
  });
});
