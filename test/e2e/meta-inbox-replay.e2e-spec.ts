import { publishFlow, twoQuestionQuiz as quiz } from '../src/fixtures/instagram-flows';
import {
  createTenant,
  createTestDatabase,
  queryDatabase,
  ServerProcess,
  startServer,
  TenantFixture,
  TestDatabase,
  waitFor,
  quietPeriod,
} from '../src/harness';
import { GraphSandbox, MetaWebhookSender, startGraphSandbox } from '@dmflow/sandbox';

const APP_SECRET = 'test-app-secret';

describe('a DM is applied once even when the server dies right after the run took it', () => {
  let database: TestDatabase;
  let sandbox: GraphSandbox;
  let server: ServerProcess;
  let tenant: TenantFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    sandbox = await startGraphSandbox();
    server = await startServer({ databaseUrl: database.url, env: { META_GRAPH_URL: sandbox.graphUrl, META_APP_SECRET: APP_SECRET } });
    tenant = await createTenant(server.env);
    await publishFlow(database.url, tenant, 'Quiz', quiz);
  });

  afterAll(async () => {
    await server?.stop();
    await sandbox?.close();
    await database?.drop();
  });

  it('does not answer the next question with the same message when the inbox row is replayed', async () => {
    const meta = new MetaWebhookSender(server.url, APP_SECRET);
    const sentTexts = () =>
      sandbox
        .calls()
        .filter((call) => call.status === 200 && call.path.endsWith('/messages'))
        .map((call) => call.body.message.text as string);
    const inboxRow = async (mid: string) =>
      (
        await queryDatabase<{ status: string; outcome: string | null }>(
          database.url,
          `SELECT status, outcome FROM inbox_events WHERE dedupe_key = $1`,
          [`message:${mid}`],
        )
      )[0];

    expect((await meta.dm({ igUserId: tenant.igUserId, senderId: 'quiz-taker', text: 'quiz', mid: 'mid-start' })).status).toBe(200);
    await waitFor(
      () => sentTexts(),
      (texts) => texts.includes('First question?'),
      20_000,
      'the first question',
    );
    await waitFor(
      () => inboxRow('mid-start'),
      (row) => row?.status === 'processed',
      20_000,
      'the keyword DM processed',
    );

    // Each routed event now waits 60 s after its run step committed: the kill lands in that gap.
    await server.stop();
    server.env.DMFLOW_TEST_PAUSE_AFTER_ROUTING_MS = '60000';
    await server.restart();
    expect((await meta.dm({ igUserId: tenant.igUserId, senderId: 'quiz-taker', text: 'blue', mid: 'mid-answer' })).status).toBe(200);
    const [run] = await waitFor(
      () => queryDatabase<{ id: string; current_node_id: string }>(database.url, `SELECT id, current_node_id FROM flow_runs`),
      (rows) => rows[0]?.current_node_id === 'q2',
      20_000,
      'the answer to move the run to q2',
    );
    // The run's own sends are not held back: the kill comes after the second question went out.
    await waitFor(
      () => sentTexts(),
      (texts) => texts.includes('Second question?'),
      20_000,
      'the second question',
    );
    await server.kill();
    delete server.env.DMFLOW_TEST_PAUSE_AFTER_ROUTING_MS;
    await server.restart();

    // The killed process's job stays active in Bull until its lock expires and the stalled-job check (30 s) requeues it.
    await waitFor(
      () => inboxRow('mid-answer'),
      (row) => row?.status === 'processed',
      90_000,
      'the answer processed',
    );
    await quietPeriod(3_000);

    expect(await inboxRow('mid-answer')).toEqual({ status: 'processed', outcome: `answered:${run.id}` });
    const [after] = await queryDatabase<{ status: string; current_node_id: string; variables: Record<string, string> }>(
      database.url,
      `SELECT status, current_node_id, snapshot->'context'->'variables' AS variables FROM flow_runs WHERE id = $1`,
      [run.id],
    );
    expect(after).toEqual({ status: 'waiting', current_node_id: 'q2', variables: { q1: 'blue' } });
    expect(sentTexts()).toEqual(['First question?', 'Second question?']);
  });
});
