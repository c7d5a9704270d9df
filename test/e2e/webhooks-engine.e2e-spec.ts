import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { chain, node, text, trigger } from '../src/fixtures/instagram-flows';
import { seedContact, seedPublishedFlow, HttpRecorder, queryDatabase, readJson, ServerProcess, startHttpRecorder } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';
import { verifyWithNodeSnippet } from '../src/webhooks/readme-snippets';

const graph: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'dm_keyword', keywords: ['guide'] }),
    node('welcome', 'send_message', text('Welcome!')),
    node('end', 'end', {}),
  ],
  edges: chain('trigger', 'welcome', 'end'),
};

describe('outbound webhooks fed by the real engine', () => {
  const suite = useServerWithTenants({ tenants: [{}], env: { WEBHOOKS_ALLOW_PRIVATE_URLS: 'true', WEBHOOKS_POLL_INTERVAL_MS: '100' } });
  const {
    database,
    tenants: [tenant],
  } = suite;
  let receiver: HttpRecorder;
  let server: ServerProcess;

  beforeAll(async () => {
    ({ server } = suite.stack);
    receiver = await startHttpRecorder();
  });

  afterAll(async () => {
    await receiver?.close();
  });

  it('delivers flow_completed, signed, when a run finishes', async () => {
    const created = await fetch(`${server.url}/v1/webhooks`, {
      method: 'POST',
      headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, events: ['flow_completed'] }),
    });
    expect(created.status).toBe(201);
    const endpoint = await readJson(created);
    const { flowId, versionId } = await seedPublishedFlow(database.url, tenant, graph, 'Guide flow');
    const contactId = await seedContact(database.url, tenant, '2358708294634624', { username: 'user123' });
    const started = await fetch(`${server.url}/v1/runs`, {
      method: 'POST',
      headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ flow_version_id: versionId, contact_id: contactId }),
    });
    expect(started.status).toBe(200);

    await receiver.waitFor((requests) => requests.length >= 1, 30_000);
    const [request] = receiver.requests;
    expect(request.headers['x-event-type']).toBe('flow_completed');
    expect(verifyWithNodeSnippet(request.rawBody, request.headers, endpoint.secret)).toEqual({ instantDm: true, standard: true });
    expect(JSON.parse(request.rawBody)).toMatchObject({
      flow_id: flowId,
      flow_name: 'Guide flow',
      sender_id: '2358708294634624',
      sender_username: 'user123',
    });
    const [event] = await queryDatabase<{ id: string; ordering_key: string }>(
      database.url,
      `SELECT id, ordering_key FROM webhook_events WHERE event_type = 'flow_completed'`,
    );
    expect(request.headers['x-webhook-id']).toBe(event.id);
    expect(event.ordering_key).toBe(`contact:${contactId}`);
  });
});
