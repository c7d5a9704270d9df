import { GraphSandbox, GraphSandboxClient, startGraphSandbox } from '@dmflow/sandbox';
import {
  bearer,
  createTenant,
  createTestDatabase,
  freePort,
  postAction,
  ServerProcess,
  startServer,
  TenantFixture,
  TestDatabase,
} from '../src/harness';

const DM = { action: 'send_message', type: 'dm', recipient_id: '2358708294634624', message: { text: 'Hello!' } };

// The server points at a Graph API port where nothing listens yet: its sends fail before reaching Meta.
describe('/api-webhook Idempotency-Key when the Graph API cannot be reached', () => {
  let database: TestDatabase;
  let graphPort: number;
  let server: ServerProcess;
  let sandbox: GraphSandbox | undefined;
  let tenant: TenantFixture;

  beforeAll(async () => {
    database = await createTestDatabase();
    graphPort = await freePort();
    server = await startServer({ databaseUrl: database.url, env: { META_GRAPH_URL: `http://127.0.0.1:${graphPort}/v25.0` } });
    tenant = await createTenant(server.env, { plan: 'trendsetter_pro' });
  });

  afterAll(async () => {
    await server?.stop();
    await sandbox?.close();
    await database?.drop();
  });

  it('a send that never reached Meta is not replayed: the retry with the same key sends, and that answer is replayed', async () => {
    const headers = { ...bearer(tenant.apiKey), 'Idempotency-Key': 'graph-was-down' };
    const refused = await postAction(server.url, DM, headers);
    expect(refused.status).toBe(502);
    expect(refused.body).toMatchObject({ code: 'instagram_api_error' });

    sandbox = await startGraphSandbox({ port: graphPort });
    const graph = new GraphSandboxClient(sandbox.url);
    const retried = await postAction(server.url, DM, headers);
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await graph.calls()).toHaveLength(1);

    const replayed = await postAction(server.url, DM, headers);
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.body).toEqual(retried.body);
    expect(await graph.calls()).toHaveLength(1);
  });

  it("Meta's own error answer stays the key's answer and is replayed without a second call", async () => {
    const graph = new GraphSandboxClient((sandbox as GraphSandbox).url);
    await graph.reset();
    await graph.fail({ error: 'invalid_parameter', count: 1 });
    const headers = { ...bearer(tenant.apiKey), 'Idempotency-Key': 'meta-said-no' };
    const first = await postAction(server.url, DM, headers);
    expect(first.status).toBe(400);
    const again = await postAction(server.url, DM, headers);
    expect(again.status).toBe(400);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await graph.calls()).toHaveLength(1);
  });

  it('a send whose answer was lost after it may have reached Meta keeps the key unanswered: 409, never resent', async () => {
    const graph = new GraphSandboxClient((sandbox as GraphSandbox).url);
    await graph.reset();
    // Longer than the client's 15 s Graph timeout: the request reached Meta, its answer never came back.
    await graph.fail({ latencyMs: 16_000 });
    const headers = { ...bearer(tenant.apiKey), 'Idempotency-Key': 'answer-lost' };
    const first = await postAction(server.url, DM, headers);
    expect(first.status).toBe(502);
    await graph.reset();
    const again = await postAction(server.url, DM, headers);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'idempotency_key_in_progress' });
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(await graph.calls('/messages')).toHaveLength(0);
  });
});
