import {
  createTenant,
  createTestDatabase,
  HttpRecorder,
  queryDatabase,
  RedisProcess,
  ServerProcess,
  startHttpRecorder,
  startRedis,
  startServer,
  TestDatabase,
  waitFor,
} from '../src/harness';
import { recordWebhookEvents } from '../src/webhooks/producer';

describe('outbound webhooks: Redis restarts empty with deliveries queued in it', () => {
  let database: TestDatabase;
  let redis: RedisProcess;
  let receiver: HttpRecorder;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await startRedis();
    receiver = await startHttpRecorder();
    server = await startServer({
      databaseUrl: database.url,
      redisUrl: redis.url,
      // One request at a time, so the other deliveries wait as jobs in Redis.
      env: {
        WEBHOOKS_ALLOW_PRIVATE_URLS: 'true',
        WEBHOOKS_CONCURRENCY: '1',
        WEBHOOKS_POLL_INTERVAL_MS: '100',
        WEBHOOKS_RETRY_BASE_DELAY_MS: '200',
        WEBHOOKS_MAX_RETRY_DELAY_MS: '800',
      },
    });
  });

  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
    await receiver?.close();
    await database?.drop();
  });

  it('puts deliveries whose job was lost back in line within seconds, not after the 5-minute lease', async () => {
    const tenant = await createTenant(server.env);
    const created = await fetch(`${server.url}/v1/webhooks`, {
      method: 'POST',
      headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, events: ['comment'] }),
    });
    expect(created.status).toBe(201);
    receiver.respondWith(() => ({ status: 200, body: '{"ok":true}', delayMs: 3_000 }));
    const events = await recordWebhookEvents(
      database.url,
      tenant.accountId,
      Array.from({ length: 6 }, (_, n) => ({ type: 'comment' as const, orderingKey: null, payload: { n } })),
    );
    await waitFor(
      () => queryDatabase<{ queued: string }>(database.url, `SELECT count(*) AS queued FROM webhook_deliveries WHERE status = 'queued'`),
      ([row]) => Number(row.queued) >= 4,
      20_000,
      'deliveries waiting in Redis',
    );

    await redis.stop();
    await redis.start();
    receiver.respondWith(() => ({ status: 200, body: '{"ok":true}' }));

    const expected = events.map((event) => event.id).sort();
    await receiver.waitFor(
      (requests) => expected.every((id) => requests.some((request) => request.headers['x-webhook-id'] === id)),
      60_000,
    );
    const statuses = await queryDatabase<{ status: string }>(database.url, `SELECT status FROM webhook_deliveries`);
    expect(statuses.map((row) => row.status)).toEqual(Array(6).fill('succeeded'));
  });
});
