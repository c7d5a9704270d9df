import { commentFlow, dmQuestionFlow, postbackFlow, publishFlow } from '../src/fixtures/instagram-flows';
import { queryDatabase, readJson, RecordedRequest, startHttpRecorder, HttpRecorder, SandboxedServer, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';
import { verifyWithNodeSnippet } from '../src/webhooks/readme-snippets';
const ALL_EVENTS = ['comment', 'dm_received', 'postback', 'question_answered', 'flow_completed'];

/** Instagram traffic in, InstantDM-shaped webhooks out: the whole path, ingestion to the receiver. */
describe('outbound webhooks fed by Instagram traffic', () => {
  const suite = useServerWithTenants({ tenants: [{}], env: { WEBHOOKS_ALLOW_PRIVATE_URLS: 'true', WEBHOOKS_POLL_INTERVAL_MS: '100' } });
  const {
    meta,
    tenants: [tenant],
  } = suite;
  let stack: SandboxedServer;
  let receiver: HttpRecorder;
  let secret: string;

  const received = (type: string, senderId: string) =>
    receiver.requests.filter(
      (request) => request.headers['x-event-type'] === type && JSON.stringify(JSON.parse(request.rawBody)).includes(`"${senderId}"`),
    );
  const body = (request: RecordedRequest) => JSON.parse(request.rawBody);

  beforeAll(async () => {
    ({ stack } = suite);
    receiver = await startHttpRecorder();
    const created = await fetch(`${stack.server.url}/v1/webhooks`, {
      method: 'POST',
      headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, events: ALL_EVENTS }),
    });
    expect(created.status).toBe(201);
    secret = (await readJson(created)).secret;
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it('a comment is delivered as the raw Instagram event, signed, whether or not a flow matches it', async () => {
    await publishFlow(stack.database.url, tenant, 'Price', commentFlow('price'));
    const matching = {
      igUserId: tenant.igUserId,
      text: 'price?',
      mediaId: '18000000000000001',
      commentId: '17900000000000001',
      fromId: '1100000000000001',
      username: 'ana',
    };
    const other = { ...matching, text: 'nice photo', commentId: '17900000000000002', fromId: '1100000000000002', username: 'ben' };
    expect((await meta.comment(matching)).status).toBe(200);
    expect((await meta.comment(other)).status).toBe(200);

    await receiver.waitFor(
      () => received('comment', '1100000000000001').length === 1 && received('comment', '1100000000000002').length === 1,
      20_000,
    );
    const [request] = received('comment', '1100000000000001');
    expect(verifyWithNodeSnippet(request.rawBody, request.headers, secret)).toEqual({ instantDm: true, standard: true });
    expect(body(request)).toMatchObject({
      object: 'instagram',
      entry: [
        {
          id: tenant.igUserId,
          changes: [
            {
              field: 'comments',
              value: {
                id: '17900000000000001',
                text: 'price?',
                from: { id: '1100000000000001', username: 'ana' },
                media: { id: '18000000000000001' },
              },
            },
          ],
        },
      ],
    });
  });

  it('a DM conversation yields dm_received for each message, question_answered and flow_completed, in order', async () => {
    await publishFlow(stack.database.url, tenant, 'Guide', dmQuestionFlow('guide'));
    const senderId = '1100000000000003';
    expect((await meta.dm({ igUserId: tenant.igUserId, senderId, text: 'guide please', mid: 'mid-guide-1' })).status).toBe(200);
    await waitFor(
      () => stack.graph.calls(),
      (calls) => calls.some((call) => JSON.stringify(call).includes("What's your email")),
      20_000,
      'the question to be sent',
    );
    expect((await meta.dm({ igUserId: tenant.igUserId, senderId, text: 'ana@gmail.com', mid: 'mid-answer-1' })).status).toBe(200);

    await receiver.waitFor(() => received('flow_completed', senderId).length === 1, 30_000);
    const types = receiver.requests
      .filter((request) => request.rawBody.includes(`"${senderId}"`))
      .map((request) => request.headers['x-event-type']);
    expect(types).toEqual(['dm_received', 'dm_received', 'question_answered', 'flow_completed']);
    const [first, second] = received('dm_received', senderId).map(body);
    expect(first.entry[0].messaging[0]).toMatchObject({ sender: { id: senderId }, message: { mid: 'mid-guide-1', text: 'guide please' } });
    expect(second.entry[0].messaging[0]).toMatchObject({
      sender: { id: senderId },
      message: { mid: 'mid-answer-1', text: 'ana@gmail.com' },
    });
    expect(body(received('question_answered', senderId)[0])).toMatchObject({
      sender_id: senderId,
      user_response: 'ana@gmail.com',
      custom_variable_name: 'email',
      skip: false,
    });
    expect(body(received('flow_completed', senderId)[0])).toMatchObject({
      sender_id: senderId,
      flow_name: 'Guide',
      response_variables: { email: 'ana@gmail.com' },
    });
  });

  it('a button tap is delivered as postback with idm_optimized_body naming the contact and the flow', async () => {
    const { flowId } = await publishFlow(stack.database.url, tenant, 'Start', postbackFlow('START'));
    const senderId = '1100000000000004';
    const payload = JSON.stringify({ flow_id: flowId });
    expect((await meta.postback({ igUserId: tenant.igUserId, senderId, payload, title: 'Get Started' })).status).toBe(200);

    await receiver.waitFor(() => received('postback', senderId).length === 1, 20_000);
    const [contact] = await queryDatabase<{ id: string }>(stack.database.url, 'SELECT id FROM contacts WHERE ig_user_id = $1', [senderId]);
    expect(body(received('postback', senderId)[0])).toMatchObject({
      object: 'instagram',
      entry: [{ messaging: [{ sender: { id: senderId }, postback: { title: 'Get Started', payload } }] }],
      idm_optimized_body: { user_id: contact.id, flow_id: flowId, sender_id: senderId },
    });
  });
});
