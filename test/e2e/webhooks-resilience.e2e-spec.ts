import {
  createTenant,
  createTestDatabase,
  HttpRecorder,
  readJson,
  startHttpRecorder,
  startServer,
  TestDatabase,
  quietPeriod,
  loadScaledDeadline,
} from '../src/harness';
import { recordWebhookEvents } from '../src/webhooks/producer';

const FAST_RETRIES = { WEBHOOKS_RETRY_BASE_DELAY_MS: '200', WEBHOOKS_MAX_RETRY_DELAY_MS: '800', WEBHOOKS_POLL_INTERVAL_MS: '100' };

describe('outbound webhooks: crashes and address safety', () => {
  let database: TestDatabase;
  let target: HttpRecorder;

  beforeAll(async () => {
    database = await createTestDatabase();
    target = await startHttpRecorder();
  });

  afterAll(async () => {
    await target?.close();
    await database?.drop();
  });

  it('loses nothing when the server is killed mid-delivery, and keeps each contact in order', async () => {
    const server = await startServer({ databaseUrl: database.url, env: { WEBHOOKS_ALLOW_PRIVATE_URLS: 'true', ...FAST_RETRIES } });
    try {
      const tenant = await createTenant(server.env);
      // Slow answers keep deliveries in flight when the process dies.
      target.respondWith(() => ({ status: 200, body: '{"ok":true}', delayMs: 1_500 }));
      const response = await fetch(`${server.url}/v1/webhooks`, {
        method: 'POST',
        headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ url: `${target.url}/crash`, events: ['dm_received'] }),
      });
      expect(response.status).toBe(201);
      const emit = (from: number, count: number) =>
        recordWebhookEvents(
          database.url,
          tenant.accountId,
          Array.from({ length: count }, (_, index) => ({
            type: 'dm_received' as const,
            orderingKey: `contact:${(from + index) % 2}`,
            payload: { n: from + index },
          })),
        );
      const before = await emit(0, 6);
      await target.waitFor((requests) => requests.length >= 1);
      await server.kill();
      const during = await emit(6, 4);
      target.respondWith(() => ({ status: 200, body: '{"ok":true}' }));
      await server.restart();

      const expected = [...before, ...during].map((event) => event.id);
      await target.waitFor(
        (requests) => expected.every((id) => requests.some((request) => request.headers['x-webhook-id'] === id)),
        45_000,
      );
      // A request cut off by the crash may arrive again (receivers dedupe on X-Webhook-Id); first arrivals keep contact order.
      const firstArrivals = target.requests.filter(
        (request, index, all) => all.findIndex((other) => other.headers['x-webhook-id'] === request.headers['x-webhook-id']) === index,
      );
      for (const contact of [0, 1]) {
        const order = firstArrivals.map((request) => JSON.parse(request.rawBody).n).filter((n: number) => n % 2 === contact);
        expect(order).toEqual(Array.from({ length: 10 }, (_, n) => n).filter((n) => n % 2 === contact));
      }
    } finally {
      await server.stop();
    }
  });

  it('shares the work between two worker processes without sending anything twice or out of order', async () => {
    const first = await startServer({ databaseUrl: database.url, env: { WEBHOOKS_ALLOW_PRIVATE_URLS: 'true', ...FAST_RETRIES } });
    // Same database, key and queues: a second machine of the same install.
    const second = await startServer({
      databaseUrl: database.url,
      env: {
        WEBHOOKS_ALLOW_PRIVATE_URLS: 'true',
        ...FAST_RETRIES,
        ENCRYPTION_KEY: first.env.ENCRYPTION_KEY,
        QUEUE_PREFIX: first.env.QUEUE_PREFIX,
      },
    });
    try {
      const receiver = await startHttpRecorder();
      try {
        receiver.respondWith(() => ({ status: 200, body: '{"ok":true}', delayMs: 20 }));
        const tenant = await createTenant(first.env);
        const created = await fetch(`${second.url}/v1/webhooks`, {
          method: 'POST',
          headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
          body: JSON.stringify({ url: receiver.url, events: ['question_answered'] }),
        });
        expect(created.status).toBe(201);
        const events = await recordWebhookEvents(
          database.url,
          tenant.accountId,
          Array.from({ length: 60 }, (_, n) => ({ type: 'question_answered' as const, orderingKey: `contact:${n % 3}`, payload: { n } })),
        );
        await receiver.waitFor((requests) => requests.length >= events.length, 30_000);
        await quietPeriod(500);
        expect(receiver.requests.map((request) => request.headers['x-webhook-id']).sort()).toEqual(events.map((event) => event.id).sort());
        for (const contact of [0, 1, 2]) {
          const order = receiver.requests.map((request) => JSON.parse(request.rawBody).n).filter((n: number) => n % 3 === contact);
          expect(order).toEqual(Array.from({ length: 60 }, (_, n) => n).filter((n) => n % 3 === contact));
        }
      } finally {
        await receiver.close();
      }
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });

  it('refuses private addresses by default, when the endpoint is saved and again when it is delivered to', async () => {
    const permissive = await startServer({ databaseUrl: database.url, env: { WEBHOOKS_ALLOW_PRIVATE_URLS: 'true', ...FAST_RETRIES } });
    const tenant = await createTenant(permissive.env);
    const created = await fetch(`${permissive.url}/v1/webhooks`, {
      method: 'POST',
      headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${target.url}/private`, events: ['comment'] }),
    });
    expect(created.status).toBe(201);
    const endpoint = await readJson(created);
    await permissive.stop();

    // Same database and key, default settings: the endpoint saved while allowed now points somewhere refused.
    // A short retry window shows the give-up path too.
    const strict = await startServer({
      databaseUrl: database.url,
      env: { ENCRYPTION_KEY: permissive.env.ENCRYPTION_KEY, ...FAST_RETRIES, WEBHOOKS_RETRY_WINDOW_MS: '2500' },
    });
    try {
      const create = (url: string) =>
        fetch(`${strict.url}/v1/webhooks`, {
          method: 'POST',
          headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
          body: JSON.stringify({ url, events: ['comment'] }),
        });
      for (const url of [
        target.url,
        'http://localhost:9/x',
        'http://169.254.169.254/latest/meta-data',
        'http://10.1.2.3/',
        'http://[::1]:8080/',
        'http://[fd00::1]/',
        'http://100.64.0.1/',
      ]) {
        const refused = await create(url);
        expect({ url, status: refused.status }).toEqual({ url, status: 422 });
        expect((await readJson(refused)).error.code).toBe('private_url_refused');
      }

      const before = target.requests.length;
      await recordWebhookEvents(database.url, tenant.accountId, [{ type: 'comment', orderingKey: null, payload: { hello: 'world' } }]);
      let log = { data: [] as Array<{ last_error: string | null; status: string; attempts: number }> };
      for (const deadline = loadScaledDeadline(15_000); log.data[0]?.status !== 'failed' && !deadline.expired();) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        log = await readJson(
          await fetch(`${strict.url}/v1/webhooks/${endpoint.id}/deliveries`, { headers: { 'x-api-key': tenant.apiKey } }),
        );
      }
      expect(log.data[0].last_error).toMatch(/private or reserved address/);
      expect(log.data[0].status).toBe('failed');
      expect(log.data[0].attempts).toBeGreaterThan(1);
      expect(target.requests.length).toBe(before);
    } finally {
      await strict.stop();
    }
  });
});
