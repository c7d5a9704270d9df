import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { chain, node, publishFlow, text, trigger } from '../src/fixtures/instagram-flows';
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
import { GraphSandbox, MetaWebhookSender, startGraphSandbox } from '@dmflow/sandbox';

const APP_SECRET = 'test-app-secret';

/** A DM keyword → a message → a 4-second delay (a Bull delayed job) → a second message → end. */
const delayed: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'dm_keyword', keywords: ['later'] }),
    node('first', 'send_message', text('Give me a few seconds.')),
    node('wait', 'delay', { amount: 4, unit: 'seconds' }),
    node('second', 'send_message', text('Here it is.')),
    node('end', 'end', {}),
  ],
  edges: chain('trigger', 'first', 'wait', 'second', 'end'),
};

describe('timers survive a Redis restart that loses every queue (Redis keeps nothing on disk)', () => {
  let database: TestDatabase;
  let redis: RedisProcess;
  let sandbox: GraphSandbox;
  let server: ServerProcess;
  let tenant: TenantFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await startRedis();
    sandbox = await startGraphSandbox();
    server = await startServer({
      databaseUrl: database.url,
      redisUrl: redis.url,
      env: { META_GRAPH_URL: sandbox.graphUrl, META_APP_SECRET: APP_SECRET },
    });
    tenant = await createTenant(server.env);
    await publishFlow(database.url, tenant, 'Delayed', delayed);
  });

  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
    await sandbox?.close();
    await database?.drop();
  });

  it('fires a delay whose delayed job was lost, once, after the run was due', async () => {
    const sentTexts = () =>
      sandbox
        .calls()
        .filter((call) => call.status === 200 && call.path.endsWith('/messages'))
        .map((call) => call.body.message.text as string);
    expect(
      (await new MetaWebhookSender(server.url, APP_SECRET).dm({ igUserId: tenant.igUserId, senderId: 'patient-person', text: 'later' }))
        .status,
    ).toBe(200);
    await waitFor(
      () => sentTexts(),
      (texts) => texts.includes('Give me a few seconds.'),
      20_000,
      'the first message',
    );
    await waitFor(
      () => queryDatabase<{ status: string }>(database.url, `SELECT status FROM run_effects WHERE effect_type = 'schedule_timer'`),
      (rows) => rows[0]?.status === 'done',
      20_000,
      'the delay scheduled in Redis',
    );

    await redis.stop();
    await redis.start();

    const [run] = await waitFor(
      () => queryDatabase<{ status: string }>(database.url, `SELECT status FROM flow_runs`),
      (rows) => rows[0]?.status === 'completed',
      60_000,
      'the run to finish after its lost timer was recovered',
    );
    expect(run.status).toBe('completed');
    await quietPeriod(1_000);
    expect(sentTexts()).toEqual(['Give me a few seconds.', 'Here it is.']);
  });
});
