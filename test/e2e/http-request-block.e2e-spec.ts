import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { node, trigger } from '../src/fixtures/instagram-flows';
import {
  apiCaller,
  createTenant,
  createTestDatabase,
  HttpRecorder,
  readJson,
  seedContact,
  seedPublishedFlow,
  ServerProcess,
  startHttpRecorder,
  startServer,
  TenantFixture,
  TestDatabase,
  waitFor,
} from '../src/harness';

/** DM "crm" → POST to the CRM → tag the contact with the branch the request took → end. */
function crmFlow(url: string): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      trigger({ source: 'dm_keyword', keywords: ['crm'] }),
      node('crm', 'http_request', {
        method: 'POST',
        url,
        headers: [],
        body: '{"ig":"{{contact.id}}"}',
        timeoutSeconds: 5,
        saveResponse: [{ path: 'lead.id', variable: 'crm_id' }],
      }),
      node('ok', 'tag', { action: 'add', tags: ['crm_ok'] }),
      node('refused', 'tag', { action: 'add', tags: ['crm_failed'] }),
      node('end', 'end', {}),
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'crm' },
      { id: 'e2', source: 'crm', sourceHandle: 'success', target: 'ok' },
      { id: 'e3', source: 'crm', sourceHandle: 'error', target: 'refused' },
      { id: 'e4', source: 'ok', sourceHandle: 'next', target: 'end' },
      { id: 'e5', source: 'refused', sourceHandle: 'next', target: 'end' },
    ],
  };
}

describe('HTTP request block: private addresses', () => {
  let database: TestDatabase;
  let crm: HttpRecorder;
  let tenant: TenantFixture;
  let versionId: string;
  let server: ServerProcess | undefined;
  const api = apiCaller(() => server!.url);

  beforeAll(async () => {
    database = await createTestDatabase();
    crm = await startHttpRecorder();
    crm.respondWith(() => ({ status: 200, body: JSON.stringify({ lead: { id: 'crm-42' } }) }));
  });

  afterAll(async () => {
    await server?.stop();
    await crm?.close();
    await database?.drop();
  });

  async function runFlowFor(igUserId: string): Promise<{ status: string; tags: string[]; variables: Record<string, unknown> }> {
    const contactId = await seedContact(database.url, tenant, igUserId);
    const started = await readJson(
      await api('/v1/runs', tenant.apiKey, {
        method: 'POST',
        body: JSON.stringify({ flow_version_id: versionId, contact_id: contactId, text: 'crm' }),
      }),
    );
    expect(started.started).toBe(true);
    return waitFor(
      async () => readJson(await api(`/v1/runs/${started.run_id}`, tenant.apiKey)),
      (run) => run.status === 'completed',
      15_000,
      'the run to complete',
    );
  }

  it('refuses a loopback CRM URL by default: the request is never made and the run takes the error branch', async () => {
    server = await startServer({ databaseUrl: database.url });
    tenant = await createTenant(server.env);
    ({ versionId } = await seedPublishedFlow(database.url, tenant, crmFlow(`${crm.url}/leads`), 'CRM'));

    const run = await runFlowFor('1000000000000001');
    expect(run.tags).toEqual(['crm_failed']);
    expect(run.variables).toEqual({});
    expect(crm.requests).toHaveLength(0);
    await server.stop();
  });

  it('calls it when FLOWS_ALLOW_PRIVATE_URLS=true (self-hosted CRMs)', async () => {
    server = await startServer({ databaseUrl: database.url, env: { FLOWS_ALLOW_PRIVATE_URLS: 'true' } });
    tenant = await createTenant(server.env);
    ({ versionId } = await seedPublishedFlow(database.url, tenant, crmFlow(`${crm.url}/leads`), 'CRM'));

    const run = await runFlowFor('1000000000000002');
    expect(run.tags).toEqual(['crm_ok']);
    expect(run.variables).toEqual({ crm_id: 'crm-42' });
    expect(crm.requests).toHaveLength(1);
    expect(crm.requests[0]).toMatchObject({ method: 'POST', path: '/leads' });
  });
});
