import { commentFlow, publishFlow } from '../src/fixtures/instagram-flows';
import {
  bearer,
  createTenant,
  createTestDatabase,
  postAction,
  queryDatabase,
  ServerProcess,
  startServer,
  TenantFixture,
  TestDatabase,
  waitFor,
} from '../src/harness';
import { commentWebhook, GraphSandbox, GraphSandboxClient, MetaWebhookSender, startGraphSandbox } from '@dmflow/sandbox';

const APP_SECRET = 'test-app-secret';
const DAY_SECONDS = 24 * 3600;

describe("Instagram's 7-day private-reply window, enforced at send time", () => {
  let database: TestDatabase;
  let sandbox: GraphSandbox;
  let graph: GraphSandboxClient;
  let server: ServerProcess;
  let tenant: TenantFixture;
  let meta: MetaWebhookSender;
  let flowId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    sandbox = await startGraphSandbox();
    graph = new GraphSandboxClient(sandbox.url);
    server = await startServer({ databaseUrl: database.url, env: { META_GRAPH_URL: sandbox.graphUrl, META_APP_SECRET: APP_SECRET } });
    tenant = await createTenant(server.env, { plan: 'trendsetter_pro' });
    meta = new MetaWebhookSender(server.url, APP_SECRET);
    flowId = (await publishFlow(database.url, tenant, 'Price comments', commentFlow('price'))).flowId;
  });

  afterAll(async () => {
    await server?.stop();
    await sandbox?.close();
    await database?.drop();
  });

  const commentMadeDaysAgo = (days: number, commentId: string, text = 'price?') => {
    const body = commentWebhook({ igUserId: tenant.igUserId, text, commentId, fromId: `igsid-${commentId}`, username: 'jdoe' });
    body.entry[0].time = Math.floor(Date.now() / 1000) - days * DAY_SECONDS;
    return meta.post(JSON.stringify(body));
  };
  const runOf = (commentId: string, done: (status: string) => boolean) =>
    waitFor(
      () =>
        queryDatabase<{ id: string; status: string; error: string | null }>(
          database.url,
          `SELECT id, status, error FROM flow_runs WHERE flow_id = $1 AND trigger->>'commentId' = $2`,
          [flowId, commentId],
        ),
      (rows) => rows.length === 1 && done(rows[0].status),
      20_000,
      `run of ${commentId}`,
    ).then((rows) => rows[0]);

  it('refuses the private reply to a comment made 8 days ago, with the reason in the run, and never calls Meta for it', async () => {
    expect((await commentMadeDaysAgo(8, 'old-comment')).status).toBe(200);
    const run = await runOf('old-comment', (status) => status === 'failed');
    expect(run.error).toMatch(
      /^send_message at node dm failed: messaging_window_closed: Instagram allows a private reply only within 7 days of the comment; that window closed at \d{4}-\d\d-\d\dT[\d:.]+Z\.$/,
    );
    const [send] = await queryDatabase<{ status: string; last_error: string }>(
      database.url,
      `SELECT status, last_error FROM run_effects WHERE run_id = $1 AND effect_type = 'send_message'`,
      [run.id],
    );
    expect(send).toMatchObject({ status: 'failed', last_error: expect.stringMatching(/^messaging_window_closed: .*within 7 days/) });
    const privateReplies = (await graph.calls('/messages')).filter((call) => call.body?.recipient?.comment_id === 'old-comment');
    expect(privateReplies).toHaveLength(0);
  });

  it('still sends the private reply to a comment made 6 days ago', async () => {
    expect((await commentMadeDaysAgo(6, 'recent-comment')).status).toBe(200);
    await waitFor(
      () => graph.calls('/messages'),
      (calls) => calls.some((call) => call.body?.recipient?.comment_id === 'recent-comment'),
      15_000,
      'private reply',
    );
  });

  it('/api-webhook refuses a private reply to a comment whose webhook came 8 days ago (422), without calling Meta', async () => {
    expect((await commentMadeDaysAgo(8, 'old-api-comment', 'nice post')).status).toBe(200);
    await waitFor(
      () => queryDatabase(database.url, `SELECT 1 FROM inbox_events WHERE dedupe_key = 'comment:old-api-comment'`),
      (rows) => rows.length === 1,
      10_000,
      'comment stored',
    );
    const privateReply = { action: 'send_message', type: 'comment_reply', comment_id: 'old-api-comment', message: { text: 'Here it is' } };
    const response = await postAction(server.url, privateReply, bearer(tenant.apiKey));
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      error: expect.stringMatching(/^Instagram allows a private reply only within 7 days of the comment; that window closed at /),
      code: 'messaging_window_closed',
      request_id: expect.stringMatching(/^req_/),
    });
    expect((await graph.calls('/messages')).filter((call) => call.body?.recipient?.comment_id === 'old-api-comment')).toHaveLength(0);
  });
});
