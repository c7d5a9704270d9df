import { gzipSync } from 'node:zlib';
import { commentFlow, dmQuestionFlow, postbackFlow, publishFlow } from '../src/fixtures/instagram-flows';
import {
  createTenant,
  createTestDatabase,
  queryDatabase,
  readJson,
  ServerProcess,
  startServer,
  TenantFixture,
  TestDatabase,
  waitFor,
  quietPeriod,
} from '../src/harness';
import { commentWebhook, GraphSandbox, GraphSandboxClient, metaSignature, MetaWebhookSender, startGraphSandbox } from '@dmflow/sandbox';

const APP_SECRET = 'test-app-secret';
const BODY_LIMIT_BYTES = 64 * 1024;

interface InboxRow {
  id: string;
  kind: string;
  dedupe_key: string;
  status: string;
  outcome: string | null;
  error: string | null;
}

describe('Instagram in and out: /meta/webhook → inbox → triggers → runs → sandbox Graph API', () => {
  let database: TestDatabase;
  let sandbox: GraphSandbox;
  let graph: GraphSandboxClient;
  let server: ServerProcess;
  let tenant: TenantFixture;
  let meta: MetaWebhookSender;
  let commentFlowId: string;
  let dmFlowId: string;
  let postbackFlowId: string;

  const inbox = (where = 'true', params: unknown[] = []) =>
    queryDatabase<InboxRow>(
      database.url,
      `SELECT id::text, kind, dedupe_key, status, outcome, error FROM inbox_events WHERE ${where} ORDER BY id`,
      params,
    );
  const inboxCount = async () =>
    Number((await queryDatabase<{ count: string }>(database.url, 'SELECT count(*) FROM inbox_events'))[0].count);
  const settled = (dedupeKey: string) =>
    waitFor(
      () => inbox('dedupe_key = $1', [dedupeKey]),
      (rows) => rows.length === 1 && ['processed', 'skipped', 'failed'].includes(rows[0].status),
      20_000,
      `${dedupeKey} settled`,
    ).then((rows) => rows[0]);
  const runsOf = (flowId: string) =>
    queryDatabase<{ id: string; status: string; contact_id: string; snapshot: { context: { variables: Record<string, unknown> } } }>(
      database.url,
      'SELECT id, status, contact_id, snapshot FROM flow_runs WHERE flow_id = $1',
      [flowId],
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    sandbox = await startGraphSandbox();
    graph = new GraphSandboxClient(sandbox.url);
    server = await startServer({
      databaseUrl: database.url,
      env: { META_GRAPH_URL: sandbox.graphUrl, META_APP_SECRET: APP_SECRET, BODY_LIMIT: `${BODY_LIMIT_BYTES}b` },
    });
    tenant = await createTenant(server.env);
    meta = new MetaWebhookSender(server.url, APP_SECRET);
    commentFlowId = (await publishFlow(database.url, tenant, 'Price comments', commentFlow('price'))).flowId;
    dmFlowId = (await publishFlow(database.url, tenant, 'Guide by DM', dmQuestionFlow('guide'))).flowId;
    postbackFlowId = (await publishFlow(database.url, tenant, 'Start button', postbackFlow('START'))).flowId;
  });

  afterAll(async () => {
    await server?.stop();
    await sandbox?.close();
    await database?.drop();
  });

  describe('the verification handshake', () => {
    it('echoes hub.challenge as text/plain for the right verify token', async () => {
      const response = await fetch(
        `${server.url}/meta/webhook?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444`,
      );
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text()).toBe('1158201444');
    });

    it.each([
      ['a wrong token', 'hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1'],
      ['another mode', 'hub.mode=unsubscribe&hub.verify_token=test-verify-token&hub.challenge=1'],
      ['no parameters', ''],
    ])('answers 403 for %s', async (_name, query) => {
      const response = await fetch(`${server.url}/meta/webhook?${query}`);
      expect(response.status).toBe(403);
      expect((await readJson(response)).error.code).toBe('verification_failed');
    });
  });

  describe('comment automation', () => {
    it('answers a keyword comment with one public reply and one private reply, however often Meta delivers it', async () => {
      const body = JSON.stringify(
        commentWebhook({
          igUserId: tenant.igUserId,
          text: 'What is the PRICE?',
          mediaId: 'media-1',
          commentId: 'comment-1',
          fromId: 'igsid-commenter',
          username: 'jdoe',
        }),
      );
      const deliveries = [await meta.post(body), await meta.post(body), await meta.post(body)];
      expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200]);
      expect(deliveries.map((delivery) => delivery.body)).toEqual([
        { stored: 1, duplicates: 0, queued: 1 },
        { stored: 0, duplicates: 1, queued: 0 },
        { stored: 0, duplicates: 1, queued: 0 },
      ]);

      const row = await settled('comment:comment-1');
      expect(row).toMatchObject({ kind: 'comment', status: 'processed' });
      expect(row.outcome).toMatch(new RegExp(`^started:[0-9a-f-]{36}:${commentFlowId}$`));
      const replies = await waitFor(
        () => graph.calls('/comment-1/replies'),
        (calls) => calls.length >= 1,
        15_000,
        'public reply',
      );
      const privateReplies = await waitFor(
        () => graph.calls('/messages'),
        (calls) => calls.some((call) => call.body?.recipient?.comment_id === 'comment-1'),
        15_000,
        'private reply',
      );
      await quietPeriod(1000);

      expect(await graph.calls('/comment-1/replies')).toHaveLength(1);
      expect(replies[0].body.message).toBe('Sent you a DM, @jdoe!');
      expect(privateReplies.filter((call) => call.body?.recipient?.comment_id === 'comment-1')).toHaveLength(1);
      expect(privateReplies[0].body.message.text).toBe('Here is the price list.');
      expect(privateReplies[0].token).toBe('IGQVJ-test-token');
      const runs = await runsOf(commentFlowId);
      expect(runs).toHaveLength(1);

      const [contact] = await queryDatabase<{ id: string; username: string; last_inbound_at: Date | null }>(
        database.url,
        'SELECT id, username, last_inbound_at FROM contacts WHERE ig_user_id = $1',
        ['igsid-commenter'],
      );
      expect(contact).toMatchObject({ username: 'jdoe', last_inbound_at: null });
      expect(runs[0].contact_id).toBe(contact.id);
      const events = await queryDatabase<{ event_type: string; payload: unknown; ordering_key: string }>(
        database.url,
        `SELECT event_type, payload, ordering_key FROM webhook_events WHERE event_type = 'comment' AND account_id = $1`,
        [tenant.accountId],
      );
      expect(events).toEqual([{ event_type: 'comment', payload: JSON.parse(body), ordering_key: `contact:${contact.id}` }]);
    });

    it('stores and answers a comment once when Meta delivers it 10 times at the same moment', async () => {
      const body = JSON.stringify(
        commentWebhook({ igUserId: tenant.igUserId, text: 'price', commentId: 'comment-burst', fromId: 'igsid-burst', username: 'burst' }),
      );
      const deliveries = await Promise.all(Array.from({ length: 10 }, () => meta.post(body)));
      expect(deliveries.every((delivery) => delivery.status === 200)).toBe(true);
      expect(deliveries.map((delivery) => (delivery.body as { stored: number }).stored).reduce((a, b) => a + b, 0)).toBe(1);
      expect((await settled('comment:comment-burst')).outcome).toMatch(/^started:/);
      await waitFor(
        () => graph.calls('/comment-burst/replies'),
        (calls) => calls.length >= 1,
        15_000,
        'public reply',
      );
      await quietPeriod(1000);
      expect(await graph.calls('/comment-burst/replies')).toHaveLength(1);
      expect((await graph.calls('/messages')).filter((call) => call.body?.recipient?.comment_id === 'comment-burst')).toHaveLength(1);
    });

    it('never answers our own comments (the public replies come back as webhooks)', async () => {
      const before = (await graph.calls()).length;
      const own = await meta.comment({
        igUserId: tenant.igUserId,
        text: 'price in DM',
        commentId: 'own-1',
        fromId: tenant.igUserId,
        username: 'test_shop',
      });
      const selfScoped = await meta.post(
        JSON.stringify({
          object: 'instagram',
          entry: [
            {
              id: tenant.igUserId,
              time: 1,
              changes: [
                {
                  field: 'comments',
                  value: {
                    id: 'own-2',
                    text: 'price',
                    from: { id: 'x', username: 'test_shop', self_ig_scoped_id: 'y' },
                    media: { id: 'm' },
                  },
                },
              ],
            },
          ],
        }),
      );
      expect([own.status, selfScoped.status]).toEqual([200, 200]);
      expect(await inbox(`dedupe_key IN ('comment:own-1', 'comment:own-2')`)).toEqual([
        expect.objectContaining({ status: 'skipped', error: 'own_comment' }),
        expect.objectContaining({ status: 'skipped', error: 'own_comment' }),
      ]);
      await quietPeriod(1000);
      expect((await graph.calls()).length).toBe(before);
    });

    it('stores a comment without the keyword and starts nothing', async () => {
      const before = (await graph.calls()).length;
      await meta.comment({ igUserId: tenant.igUserId, text: 'nice picture', commentId: 'comment-2', fromId: 'igsid-fan' });
      expect(await settled('comment:comment-2')).toMatchObject({ status: 'processed', outcome: 'no_trigger_matched' });
      expect((await graph.calls()).length).toBe(before);
    });

    it('skips events for an Instagram account nobody connected', async () => {
      await meta.comment({ igUserId: '1784999999', text: 'price', commentId: 'comment-3', fromId: 'igsid-x' });
      expect(await settled('comment:comment-3')).toMatchObject({ status: 'skipped', error: 'unknown_instagram_account' });
    });
  });

  describe('direct messages and postbacks', () => {
    it('starts the DM keyword flow, and the answer to its question advances the run', async () => {
      const sender = 'igsid-reader';
      const first = await meta.dm({ igUserId: tenant.igUserId, senderId: sender, text: 'Can I get the GUIDE?', mid: 'mid-guide-1' });
      expect(first.status).toBe(200);
      expect((await settled('message:mid-guide-1')).outcome).toMatch(/^started:/);
      await waitFor(
        () => graph.calls('/messages'),
        (calls) => calls.some((call) => call.body?.recipient?.id === sender && call.body?.message?.text === "What's your email?"),
        15_000,
        'question sent',
      );

      await meta.dm({ igUserId: tenant.igUserId, senderId: sender, text: 'jane@gmail.com', mid: 'mid-guide-2' });
      const answer = await settled('message:mid-guide-2');
      const [run] = await runsOf(dmFlowId);
      expect(answer).toMatchObject({ status: 'processed', outcome: `answered:${run.id}` });
      const done = await waitFor(
        () => runsOf(dmFlowId),
        (runs) => runs[0]?.status === 'completed',
        15_000,
        'run completed',
      );
      expect(done).toHaveLength(1);
      expect(done[0].snapshot.context.variables.email).toBe('jane@gmail.com');
      const [contact] = await queryDatabase<{ last_inbound_at: Date | null; tags: string[] }>(
        database.url,
        'SELECT last_inbound_at, tags FROM contacts WHERE ig_user_id = $1',
        [sender],
      );
      expect(contact.last_inbound_at).not.toBeNull();
      expect(contact.tags).toEqual(expect.arrayContaining(['lead', 'vip']));
      const received = await queryDatabase<{ payload: { entry: Array<{ messaging: Array<{ message: { mid: string } }> }> } }>(
        database.url,
        `SELECT payload FROM webhook_events WHERE event_type = 'dm_received' ORDER BY sequence`,
      );
      expect(received.map((event) => event.payload.entry[0].messaging[0].message.mid)).toEqual(['mid-guide-1', 'mid-guide-2']);
    });

    it('routes a postback to the flow whose trigger has its payload, and one naming a flow to that flow', async () => {
      await meta.postback({ igUserId: tenant.igUserId, senderId: 'igsid-tapper', payload: 'START', title: 'Start', mid: 'pb-1' });
      expect((await settled('postback:pb-1')).outcome).toMatch(new RegExp(`^started:.*:${postbackFlowId}$`));
      await waitFor(
        () => graph.calls('/messages'),
        (calls) => calls.some((call) => call.body?.message?.text === 'Postback START flow'),
        15_000,
        'postback flow message',
      );

      await meta.postback({
        igUserId: tenant.igUserId,
        senderId: 'igsid-tapper-2',
        payload: JSON.stringify({ flow_id: dmFlowId }),
        title: 'Get the guide',
        mid: 'pb-2',
      });
      expect((await settled('postback:pb-2')).outcome).toMatch(new RegExp(`^started:.*:${dmFlowId}$`));
      const [event] = await queryDatabase<{ payload: { idm_optimized_body: Record<string, unknown>; entry: unknown[] } }>(
        database.url,
        `SELECT payload FROM webhook_events WHERE event_type = 'postback' AND payload->'idm_optimized_body'->>'sender_id' = 'igsid-tapper-2'`,
      );
      const [contact] = await queryDatabase<{ id: string }>(database.url, 'SELECT id FROM contacts WHERE ig_user_id = $1', [
        'igsid-tapper-2',
      ]);
      expect(event.payload.idm_optimized_body).toEqual({ user_id: contact.id, flow_id: dmFlowId, sender_id: 'igsid-tapper-2' });
      expect(event.payload.entry).toHaveLength(1);
    });

    it('ignores echoes of our own sends', async () => {
      const echo = {
        object: 'instagram',
        entry: [
          {
            id: tenant.igUserId,
            time: Date.now(),
            messaging: [
              {
                sender: { id: tenant.igUserId },
                recipient: { id: 'igsid-reader' },
                timestamp: Date.now(),
                message: { mid: 'echo-1', text: 'guide', is_echo: true },
              },
            ],
          },
        ],
      };
      expect((await meta.post(JSON.stringify(echo))).status).toBe(200);
      expect(await inbox(`dedupe_key = 'message:echo-1'`)).toEqual([expect.objectContaining({ status: 'skipped', error: 'echo' })]);
    });
  });

  describe('deliveries that are refused or only stored', () => {
    const post = (body: string | Buffer, headers: Record<string, string>) =>
      fetch(`${server.url}/meta/webhook`, { method: 'POST', headers, body });
    const json = { 'Content-Type': 'application/json' };
    const comment = JSON.stringify(commentWebhook({ igUserId: '17840000000000', text: 'price', commentId: 'refused-1' }));

    it.each<[string, () => Promise<Response>, number, string]>([
      ['no signature', () => post(comment, json), 401, 'missing_signature'],
      [
        'a wrong signature',
        () => post(comment, { ...json, 'X-Hub-Signature-256': metaSignature(comment, 'not-the-secret') }),
        401,
        'invalid_signature',
      ],
      [
        'a signature of other bytes',
        () => post(comment, { ...json, 'X-Hub-Signature-256': metaSignature(`${comment} `, APP_SECRET) }),
        401,
        'invalid_signature',
      ],
      [
        'malformed JSON',
        () => post('{"object":"instagram",', { ...json, 'X-Hub-Signature-256': metaSignature('{"object":"instagram",', APP_SECRET) }),
        400,
        'invalid_json',
      ],
      ['an empty body', () => post('', { ...json, 'X-Hub-Signature-256': metaSignature('', APP_SECRET) }), 400, 'empty_body'],
      [
        'JSON that is no webhook envelope',
        () => post('[1,2]', { ...json, 'X-Hub-Signature-256': metaSignature('[1,2]', APP_SECRET) }),
        400,
        'invalid_webhook_payload',
      ],
      [
        'a non-JSON content type',
        () => post(comment, { 'Content-Type': 'text/plain', 'X-Hub-Signature-256': metaSignature(comment, APP_SECRET) }),
        415,
        'unsupported_media_type',
      ],
      [
        'a body over BODY_LIMIT',
        () => {
          const huge = JSON.stringify({ object: 'instagram', entry: [], padding: 'x'.repeat(BODY_LIMIT_BYTES) });
          return post(huge, { ...json, 'X-Hub-Signature-256': metaSignature(huge, APP_SECRET) });
        },
        413,
        'payload_too_large',
      ],
    ])('refuses %s, storing nothing', async (_name, send, status, code) => {
      const before = await inboxCount();
      const response = await send();
      expect(response.status).toBe(status);
      expect((await readJson(response)).error.code).toBe(code);
      expect(await inboxCount()).toBe(before);
    });

    it('answers a delivery with its request id and the security headers every route sends', async () => {
      const body = JSON.stringify(commentWebhook({ igUserId: tenant.igUserId, text: 'hi', commentId: 'headers-1', fromId: 'igsid-h' }));
      const response = await post(body, {
        ...json,
        'X-Request-Id': 'trace-meta-1',
        'X-Hub-Signature-256': metaSignature(body, APP_SECRET),
      });
      expect(response.status).toBe(200);
      expect(await readJson(response)).toMatchObject({ stored: 1, duplicates: 0 });
      expect({
        requestId: response.headers.get('x-request-id'),
        frames: response.headers.get('x-frame-options'),
        csp: response.headers.get('content-security-policy'),
        type: response.headers.get('content-type'),
      }).toEqual({
        requestId: 'trace-meta-1',
        frames: 'DENY',
        csp: expect.stringContaining("frame-ancestors 'none'"),
        type: 'application/json; charset=utf-8',
      });
      const refused = await post(body, { ...json, 'X-Hub-Signature-256': metaSignature(body, 'not-the-secret') });
      const error = (await readJson(refused)).error;
      expect([refused.status, error.code, error.request_id]).toEqual([401, 'invalid_signature', refused.headers.get('x-request-id')]);
    });

    it('accepts a gzip-encoded delivery, signed over the JSON it carries', async () => {
      const body = JSON.stringify(commentWebhook({ igUserId: tenant.igUserId, text: 'hi', commentId: 'gzip-1', fromId: 'igsid-g' }));
      const response = await post(gzipSync(body), {
        ...json,
        'Content-Encoding': 'gzip',
        'X-Hub-Signature-256': metaSignature(body, APP_SECRET),
      });
      expect([response.status, await readJson(response)]).toEqual([200, expect.objectContaining({ stored: 1 })]);
    });

    it('skips at the door the events of an Instagram account disconnected a moment ago, by any writer', async () => {
      const other = await createTenant(server.env);
      let sequence = 0;
      const deliver = () => meta.comment({ igUserId: other.igUserId, text: 'hi', commentId: `gone-${++sequence}`, fromId: 'igsid-gone' });
      expect(await deliver()).toMatchObject({ status: 200, body: { stored: 1, queued: 1 } });
      await queryDatabase(database.url, 'UPDATE instagram_accounts SET disconnected_at = now() WHERE ig_user_id = $1', [other.igUserId]);
      // The change reaches every process by NOTIFY at the UPDATE's commit; a delivery racing it may still be queued
      // (its worker then skips it), and the ones after are skipped without a job.
      const skipped = await waitFor(
        deliver,
        (delivery) => delivery.status === 200 && (delivery.body as { queued?: number }).queued === 0,
        10_000,
        'skipped at the door',
      );
      expect(skipped.body).toMatchObject({ stored: 1, queued: 0 });
      expect(await inbox('dedupe_key = $1', [`comment:gone-${sequence}`])).toEqual([
        expect.objectContaining({ status: 'skipped', error: 'unknown_instagram_account' }),
      ]);
    });

    it('acknowledges an unknown object type and stores it skipped, so Meta does not retry it', async () => {
      const page = JSON.stringify({ object: 'page', entry: [{ id: '1', time: 1, changes: [{ field: 'feed', value: { item: 'post' } }] }] });
      const delivery = await meta.post(page);
      expect(delivery).toMatchObject({ status: 200, body: { stored: 1, duplicates: 0, queued: 0 } });
      const [row] = await inbox(`error = 'unknown_object:page'`);
      expect(row).toMatchObject({ kind: 'other', status: 'skipped' });
    });

    it('stores unknown fields and events skipped next to the ones it processes', async () => {
      const batch = {
        object: 'instagram',
        entry: [
          {
            id: tenant.igUserId,
            time: 1,
            changes: [{ field: 'story_insights', value: { reach: 12 } }],
            messaging: [
              {
                sender: { id: 'igsid-r' },
                recipient: { id: tenant.igUserId },
                timestamp: 1,
                reaction: { mid: 'x', action: 'react', emoji: '❤' },
              },
            ],
          },
        ],
      };
      expect((await meta.post(JSON.stringify(batch))).body).toEqual({ stored: 2, duplicates: 0, queued: 0 });
      expect((await inbox(`error LIKE 'unsupported_%'`)).map((row) => row.error)).toEqual([
        'unsupported_field:story_insights',
        'unsupported_event:reaction',
      ]);
    });
  });

  describe('the sandbox as Meta', () => {
    it('posts a signed comment webhook through its HTTP control', async () => {
      const response = await fetch(`${sandbox.url}/_sandbox/webhooks/comment`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          serverUrl: server.url,
          appSecret: APP_SECRET,
          igUserId: tenant.igUserId,
          text: 'price please',
          commentId: 'sandbox-comment-1',
          username: 'sandy',
        }),
      });
      const result = await readJson(response);
      expect(result).toMatchObject({ delivered: true, status: 200, response: { stored: 1 } });
      expect((await settled('comment:sandbox-comment-1')).outcome).toMatch(/^started:/);
      await waitFor(
        () => graph.calls('/sandbox-comment-1/replies'),
        (calls) => calls.length === 1,
        15_000,
        'public reply',
      );
    });

    it('refuses a control request it cannot turn into a webhook', async () => {
      const response = await fetch(`${sandbox.url}/_sandbox/webhooks/comment`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ serverUrl: server.url, appSecret: APP_SECRET }),
      });
      expect(response.status).toBe(400);
      expect((await readJson(response)).error).toBe('igUserId must be a non-empty string');
    });
  });
});
