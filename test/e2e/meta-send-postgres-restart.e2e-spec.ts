import { postbackFlow, publishFlow } from '../src/fixtures/instagram-flows';
import {
  createTenant,
  createTestDatabase,
  PostgresProcess,
  queryDatabase,
  ServerProcess,
  startPostgres,
  startServer,
  TenantFixture,
  TestDatabase,
  waitFor,
} from '../src/harness';
import { GraphSandbox, GraphSandboxClient, MetaWebhookSender, startGraphSandbox } from '@dmflow/sandbox';

const APP_SECRET = 'test-app-secret';

describe('a send made while Postgres restarts', () => {
  let postgres: PostgresProcess;
  let database: TestDatabase;
  let sandbox: GraphSandbox;
  let server: ServerProcess;
  let tenant: TenantFixture;

  beforeAll(async () => {
    postgres = await startPostgres();
    database = await createTestDatabase('dmflow_e2e', postgres.adminUrl);
    sandbox = await startGraphSandbox();
    server = await startServer({ databaseUrl: database.url, env: { META_GRAPH_URL: sandbox.graphUrl, META_APP_SECRET: APP_SECRET } });
    tenant = await createTenant(server.env);
    await publishFlow(database.url, tenant, 'Start button', postbackFlow('START'));
  });

  afterAll(async () => {
    await server?.stop();
    await sandbox?.close();
    await postgres?.destroy();
  });

  it('is recorded as sent once Postgres is back, not left "in doubt", and is not repeated', async () => {
    // Meta takes 3 s to answer: Postgres goes down while the call is in flight and comes back after it returned.
    await new GraphSandboxClient(sandbox.url).fail({ pathContains: '/messages', latencyMs: 3_000 });
    const meta = new MetaWebhookSender(server.url, APP_SECRET);
    expect((await meta.postback({ igUserId: tenant.igUserId, senderId: 'igsid-pg-restart', payload: 'START' })).status).toBe(200);
    await waitFor(
      () => queryDatabase(database.url, `SELECT 1 FROM outbound_sends WHERE status = 'sending'`),
      (rows) => rows.length === 1,
      20_000,
      'the send to be claimed',
    );

    await postgres.stop('fast');
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    await postgres.start();

    const effect = await waitFor(
      async () =>
        (
          await queryDatabase<{ status: string; last_error: string | null }>(
            database.url,
            `SELECT status, last_error FROM run_effects WHERE effect_type = 'send_message'`,
          )
        )[0],
      (row) => row?.status !== 'pending',
      60_000,
      'the effect to settle',
    );
    expect(effect).toMatchObject({ status: 'done' });
    const sends = sandbox.calls().filter((call) => call.path.endsWith('/messages'));
    expect(sends.map((call) => call.status)).toEqual([200]);
  });
});
