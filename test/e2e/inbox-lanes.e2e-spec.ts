import { dmWebhook, GraphSandbox, MetaWebhookSender, startGraphSandbox } from '@dmflow/sandbox';
import { publishFlow, twoQuestionQuiz } from '../src/fixtures/instagram-flows';
import {
  createTenant,
  createTestDatabase,
  queryDatabase,
  ServerProcess,
  startServer,
  TenantFixture,
  TestDatabase,
  waitFor,
} from '../src/harness';
import { startWorkerLike } from '../src/load/scenario';

const APP_SECRET = 'test-app-secret';
const WORKERS = 4;
const RAPID_MESSAGES = 50;
const OTHER_CONTACTS = 20;

/** The contact's 50 messages in Meta's order: the quiz keyword, its two answers, then chatter. */
const rapidText = (index: number) => (index === 0 ? 'quiz' : index === 1 ? 'answer-one' : index === 2 ? 'answer-two' : `chatter ${index}`);

describe(`${WORKERS} worker processes on one database and queue: per-contact lanes`, () => {
  let database: TestDatabase;
  let sandbox: GraphSandbox;
  let api: ServerProcess;
  const workers: ServerProcess[] = [];
  let tenant: TenantFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    sandbox = await startGraphSandbox();
    // The API process stores and acknowledges; only the workers apply events.
    api = await startServer({
      databaseUrl: database.url,
      env: { META_GRAPH_URL: sandbox.graphUrl, META_APP_SECRET: APP_SECRET, ROLE: 'api' },
    });
    // Each routed event holds its lane 100 ms longer: the first person's 50 take seconds, everyone else's one a moment.
    for (let i = 0; i < WORKERS; i++) workers.push(await startWorkerLike(api, { DMFLOW_TEST_PAUSE_AFTER_ROUTING_MS: '100' }));
    tenant = await createTenant(api.env);
    await publishFlow(database.url, tenant, 'Quiz', twoQuestionQuiz);
  });

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await api?.stop();
    await sandbox?.close();
    await database?.drop();
  });

  it("applies one contact's 50 rapid messages in order while other contacts progress in parallel", async () => {
    const meta = new MetaWebhookSender(api.url, APP_SECRET);
    const dm = (senderId: string, body: string, mid: string) => dmWebhook({ igUserId: tenant.igUserId, senderId, text: body, mid });

    // Meta batches: five deliveries of ten messages each, back to back, each stored in one statement.
    for (let batch = 0; batch < RAPID_MESSAGES / 10; batch++) {
      const messaging = Array.from({ length: 10 }, (_, offset) => {
        const index = batch * 10 + offset;
        return (dm('rapid-person', rapidText(index), `rapid-${index}`).entry[0].messaging as unknown[])[0];
      });
      const body = dm('rapid-person', '', 'unused');
      body.entry[0].messaging = messaging;
      expect((await meta.post(JSON.stringify(body))).status).toBe(200);
    }
    // Other people write right after: they must not wait behind the first person's line.
    for (let other = 0; other < OTHER_CONTACTS; other++) {
      expect((await meta.post(JSON.stringify(dm(`other-${other}`, 'hello', `other-${other}`)))).status).toBe(200);
    }

    const rows = await waitFor(
      () =>
        queryDatabase<{ dedupe_key: string; status: string; updated_at: Date; id: string }>(
          database.url,
          `SELECT event.id::text AS id, dedupe_key, status, updated_at FROM inbox_events event ORDER BY event.id`,
        ),
      (all) => all.length === RAPID_MESSAGES + OTHER_CONTACTS && all.every((row) => row.status === 'processed'),
      120_000,
      'every message processed',
    );

    // Applied in Meta's order: the dm_received events (recorded under the inbox row's claim) follow the mids' order.
    const recorded = await queryDatabase<{ mid: string }>(
      database.url,
      `SELECT payload #>> '{entry,0,messaging,0,message,mid}' AS mid FROM webhook_events
        WHERE event_type = 'dm_received' AND payload #>> '{entry,0,messaging,0,sender,id}' = 'rapid-person' ORDER BY sequence`,
    );
    expect(recorded.map((row) => row.mid)).toEqual(Array.from({ length: RAPID_MESSAGES }, (_, index) => `rapid-${index}`));
    const rapidRows = rows.filter((row) => row.dedupe_key.startsWith('message:rapid-'));
    for (let i = 1; i < rapidRows.length; i++)
      expect(new Date(rapidRows[i].updated_at).getTime()).toBeGreaterThanOrEqual(new Date(rapidRows[i - 1].updated_at).getTime());

    // The run took the two answers in order.
    const [run] = await queryDatabase<{ status: string; variables: Record<string, string> }>(
      database.url,
      `SELECT status, snapshot->'context'->'variables' AS variables FROM flow_runs`,
    );
    expect(run).toEqual({ status: 'completed', variables: { q1: 'answer-one', q2: 'answer-two' } });
    await waitFor(
      () => sandbox.calls().filter((call) => call.status === 200 && call.path.endsWith('/messages')),
      (calls) => calls.some((call) => call.body.message.text === 'Done: answer-one / answer-two'),
      30_000,
      'the closing message',
    );

    // Other people went in parallel: stored after the first person's 50, each finished before that line did (a
    // single file would have put every one of them after it).
    const lastRapid = Math.max(...rapidRows.map((row) => new Date(row.updated_at).getTime()));
    const others = rows.filter((row) => row.dedupe_key.startsWith('message:other-'));
    expect(others.filter((row) => new Date(row.updated_at).getTime() >= lastRapid)).toEqual([]);
  }, 240_000);
});
