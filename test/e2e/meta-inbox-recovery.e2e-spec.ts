import { commentFlow, publishFlow } from '../src/fixtures/instagram-flows';
import {
  createTenant,
  createTestDatabase,
  queryDatabase,
  RedisProcess,
  ServerProcess,
  startRedis,
  startServer,
  TenantFixture,
  TestDatabase,
  waitFor,
  quietPeriod,
} from '../src/harness';
import { GraphSandbox, GraphSandboxClient, MetaWebhookSender, startGraphSandbox } from '@dmflow/sandbox';

const APP_SECRET = 'test-app-secret';

describe('the inbox loses no acknowledged event', () => {
  let database: TestDatabase;
  let redis: RedisProcess;
  let sandbox: GraphSandbox;
  let graph: GraphSandboxClient;
  let server: ServerProcess;
  let tenant: TenantFixture;
  let meta: MetaWebhookSender;

  const statusOf = async (dedupeKey: string) =>
    (await queryDatabase<{ status: string }>(database.url, 'SELECT status FROM inbox_events WHERE dedupe_key = $1', [dedupeKey]))[0]
      ?.status;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await startRedis();
    sandbox = await startGraphSandbox();
    graph = new GraphSandboxClient(sandbox.url);
    // An API-only process: it stores and acknowledges, and has no worker to process anything.
    server = await startServer({
      databaseUrl: database.url,
      redisUrl: redis.url,
      env: { META_GRAPH_URL: sandbox.graphUrl, META_APP_SECRET: APP_SECRET, ROLE: 'api' },
    });
    tenant = await createTenant(server.env);
    await publishFlow(database.url, tenant, 'Price comments', commentFlow('price'));
    meta = new MetaWebhookSender(server.url, APP_SECRET);
  });

  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
    await sandbox?.close();
    await database?.drop();
  });

  it('acknowledges quickly while Redis is down, and every stored event is processed once by a worker started later', async () => {
    const queuedWhileUp = await meta.comment({
      igUserId: tenant.igUserId,
      text: 'price?',
      commentId: 'before-outage',
      fromId: 'u1',
      username: 'one',
    });
    expect(queuedWhileUp).toMatchObject({ status: 200, body: { stored: 1, queued: 1 } });

    await redis.stop();
    const started = Date.now();
    const duringOutage = await meta.comment({
      igUserId: tenant.igUserId,
      text: 'price?',
      commentId: 'during-outage',
      fromId: 'u2',
      username: 'two',
    });
    expect(duringOutage).toMatchObject({ status: 200, body: { stored: 1, duplicates: 0 } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await statusOf('comment:during-outage')).toBe('pending');
    await redis.start();

    // The worker that starts now finds one row queued and one that never reached the queue (the sweeper's job).
    await server.stop();
    server.env.ROLE = 'all';
    await server.restart();
    for (const key of ['comment:before-outage', 'comment:during-outage']) {
      await waitFor(
        () => statusOf(key),
        (status) => status === 'processed',
        30_000,
        `${key} processed`,
      );
    }
    await waitFor(
      () => graph.calls('/replies'),
      (calls) => calls.length >= 2,
      15_000,
      'both public replies',
    );
    await quietPeriod(1500);
    const replies = await graph.calls('/replies');
    expect(replies.map((call) => call.path).sort()).toEqual(['/before-outage/replies', '/during-outage/replies']);
    const [{ runs }] = await queryDatabase<{ runs: string }>(database.url, 'SELECT count(*) AS runs FROM flow_runs');
    expect(Number(runs)).toBe(2);
  });
});
