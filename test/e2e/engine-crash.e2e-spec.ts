import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { chain, node, text, trigger } from '../src/fixtures/instagram-flows';
import {
  createTenant,
  seedContact,
  seedPublishedFlow,
  createTestDatabase,
  HttpRecorder,
  queryDatabase,
  readJson,
  ServerProcess,
  startHttpRecorder,
  startServer,
  TenantFixture,
  TestDatabase,
  quietPeriod,
  loadScaledDeadline,
} from '../src/harness';

/** trigger → welcome → tips → delay 1 s → bye → end: three sends and a timer before the crash, a send and an event after. */
const graph: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'dm_keyword', keywords: ['guide'] }),
    node('welcome', 'send_message', text('Welcome!')),
    node('tips', 'send_message', text('Three tips for you.')),
    node('wait', 'delay', { amount: 1, unit: 'seconds' }),
    node('bye', 'send_message', text('Bye for now.')),
    node('end', 'end', {}),
  ],
  edges: chain('trigger', 'welcome', 'tips', 'wait', 'bye', 'end'),
};

describe('engine crash recovery: SIGKILL between the outbox transaction and the effects', () => {
  let database: TestDatabase;
  let graphApi: HttpRecorder;
  let server: ServerProcess;
  let tenant: TenantFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    graphApi = await startHttpRecorder();
    graphApi.respondWith((request) => ({
      status: 200,
      body: JSON.stringify({ recipient_id: 'r', message_id: `mid.${request.receivedAt}` }),
    }));
    server = await startServer({
      databaseUrl: database.url,
      // Every outbox batch waits 60 s after its transaction commits: the test kills the server inside that gap.
      env: { META_GRAPH_URL: graphApi.url, DMFLOW_TEST_PAUSE_BEFORE_EFFECTS_MS: '60000' },
    });
    tenant = await createTenant(server.env);
  });

  afterAll(async () => {
    await server?.stop();
    await graphApi?.close();
    await database?.drop();
  });

  it('executes every effect exactly once after a restart, counted at the receiving side', async () => {
    const { versionId } = await seedPublishedFlow(database.url, tenant, graph, 'Crash flow');
    const contactId = await seedContact(database.url, tenant, '2358708294634624', { username: 'user123' });

    const response = await fetch(`${server.url}/v1/runs`, {
      method: 'POST',
      headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ flow_version_id: versionId, contact_id: contactId }),
    });
    expect(response.status).toBe(200);
    const started = await readJson(response);
    expect(started.started).toBe(true);

    // The transaction has committed the snapshot and three outbox effects; none has run.
    const pending = await queryDatabase<{ effect_type: string; status: string }>(
      database.url,
      `SELECT effect_type, status FROM run_effects WHERE run_id = $1 ORDER BY id`,
      [started.run_id],
    );
    expect(pending).toEqual([
      { effect_type: 'send_message', status: 'pending' },
      { effect_type: 'send_message', status: 'pending' },
      { effect_type: 'schedule_timer', status: 'pending' },
    ]);
    await quietPeriod(500);
    expect(graphApi.requests).toHaveLength(0);

    await server.kill();
    delete server.env.DMFLOW_TEST_PAUSE_BEFORE_EFFECTS_MS;
    await server.restart();

    const sentTexts = () => graphApi.requests.map((request) => JSON.parse(request.rawBody).message.text as string);
    await graphApi.waitFor((requests) => requests.length >= 3, 30_000);
    const deadline = loadScaledDeadline(30_000);
    while (!deadline.expired()) {
      const [run] = await queryDatabase<{ status: string }>(database.url, 'SELECT status FROM flow_runs WHERE id = $1', [started.run_id]);
      const [{ count }] = await queryDatabase<{ count: string }>(
        database.url,
        `SELECT count(*) FROM run_effects WHERE run_id = $1 AND status = 'pending'`,
        [started.run_id],
      );
      if (run.status === 'completed' && count === '0') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Give a stalled job from the killed process time to be picked up again: it must find nothing left to do.
    await quietPeriod(3000);

    expect(sentTexts()).toEqual(['Welcome!', 'Three tips for you.', 'Bye for now.']);
    expect(
      graphApi.requests.every(
        (request) => request.path === `/${tenant.igUserId}/messages` && request.headers.authorization === 'Bearer IGQVJ-test-token',
      ),
    ).toBe(true);
    const effects = await queryDatabase<{ effect_type: string; status: string; attempts: number }>(
      database.url,
      `SELECT effect_type, status, attempts FROM run_effects WHERE run_id = $1 ORDER BY id`,
      [started.run_id],
    );
    expect(effects).toEqual([
      { effect_type: 'send_message', status: 'done', attempts: 1 },
      { effect_type: 'send_message', status: 'done', attempts: 1 },
      { effect_type: 'schedule_timer', status: 'done', attempts: 1 },
      { effect_type: 'send_message', status: 'done', attempts: 1 },
      { effect_type: 'emit_event', status: 'done', attempts: 1 },
    ]);
    const events = await queryDatabase<{ event_type: string }>(
      database.url,
      'SELECT event_type FROM webhook_events WHERE account_id = $1',
      [tenant.accountId],
    );
    expect(events).toEqual([{ event_type: 'flow_completed' }]);
  });
});
