import { leadGenFlow } from '@dmflow/shared/testing';
import { apiCaller, createTenant, createTestDatabase, HttpRecorder, readJson, seedContact, seedPublishedFlow, ServerProcess, startHttpRecorder, startServer, TenantFixture, TestDatabase } from '../src/harness';

describe('/v1/runs', () => {
  let database: TestDatabase;
  let graphApi: HttpRecorder;
  let server: ServerProcess;
  let tenant: TenantFixture;
  let other: TenantFixture;
  let versionId: string;
  let flowId: string;

  const api = apiCaller(() => server.url);
  const contact = (owner: TenantFixture, igUserId: string) => seedContact(database.url, owner, igUserId);

  async function startRun(contactId: string): Promise<string> {
    const response = await api('/v1/runs', tenant.apiKey, { method: 'POST', body: JSON.stringify({ flow_version_id: versionId, contact_id: contactId, text: 'guide' }) });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body.started).toBe(true);
    return body.run_id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    graphApi = await startHttpRecorder();
    graphApi.respondWith((request) => ({ status: 200, body: JSON.stringify({ recipient_id: 'r', message_id: `mid.${request.receivedAt}` }) }));
    server = await startServer({ databaseUrl: database.url, env: { META_GRAPH_URL: graphApi.url } });
    [tenant, other] = await Promise.all([createTenant(server.env), createTenant(server.env)]);
    ({ flowId, versionId } = await seedPublishedFlow(database.url, tenant, leadGenFlow(), 'Lead gen'));
  });

  afterAll(async () => {
    await server?.stop();
    await graphApi?.close();
    await database?.drop();
  });

  it('lists runs newest first with cursor pages, filtered by flow, contact and status', async () => {
    const contacts = await Promise.all(Array.from({ length: 7 }, (_, i) => contact(tenant, `runner-${i}`)));
    const runIds: string[] = [];
    for (const id of contacts) runIds.push(await startRun(id));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await readJson(await api(`/v1/runs?limit=3&flow_id=${flowId}${cursor ? `&cursor=${cursor}` : ''}`, tenant.apiKey));
      seen.push(...page.data.map((run: { id: string }) => run.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...runIds].reverse());

    const byContact = await readJson(await api(`/v1/runs?contact_id=${contacts[2]}`, tenant.apiKey));
    expect(byContact.data.map((run: { id: string }) => run.id)).toEqual([runIds[2]]);

    await api(`/v1/runs/${runIds[0]}/cancel`, tenant.apiKey, { method: 'POST' });
    const cancelled = await readJson(await api('/v1/runs?status=cancelled', tenant.apiKey));
    expect(cancelled.data.map((run: { id: string }) => run.id)).toEqual([runIds[0]]);
  });

  it("never lists, shows or cancels another account's runs", async () => {
    const runId = await startRun(await contact(tenant, 'private-runner'));
    const list = await readJson(await api('/v1/runs?limit=100', other.apiKey));
    expect(list.data).toEqual([]);
    expect((await api(`/v1/runs/${runId}`, other.apiKey)).status).toBe(404);
    expect((await api(`/v1/runs/${runId}/cancel`, other.apiKey, { method: 'POST' })).status).toBe(404);
    expect((await readJson(await api(`/v1/runs/${runId}`, tenant.apiKey))).status).not.toBe('cancelled');
  });

  it('validates filters', async () => {
    const response = await api('/v1/runs?status=sleeping&flow_id=nope', tenant.apiKey);
    expect(response.status).toBe(400);
    const fields = (await readJson(response)).error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['flow_id', 'status']);
  });
});
