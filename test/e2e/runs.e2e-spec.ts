import { leadGenFlow } from '@dmflow/shared/testing';
import { readJson, seedContact, seedPublishedFlow, TenantFixture } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

describe('/v1/runs', () => {
  const {
    api,
    database,
    tenants: [tenant, other],
  } = useServerWithTenants({ tenants: [{}, {}] });
  let versionId: string;
  let flowId: string;

  const contact = (owner: TenantFixture, igUserId: string) => seedContact(database.url, owner, igUserId);

  async function startRun(contactId: string): Promise<string> {
    const response = await api('/v1/runs', tenant.apiKey, {
      method: 'POST',
      body: JSON.stringify({ flow_version_id: versionId, contact_id: contactId, text: 'guide' }),
    });
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body.started).toBe(true);
    return body.run_id;
  }

  beforeAll(async () => {
    ({ flowId, versionId } = await seedPublishedFlow(database.url, tenant, leadGenFlow(), 'Lead gen'));
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
