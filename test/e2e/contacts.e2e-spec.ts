import { readJson, seedContact, TenantFixture, TestDatabase } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

describe('/v1/contacts', () => {
  const {
    api,
    database,
    tenants: [tenant, other],
  } = useServerWithTenants({ tenants: [{}, {}] });
  // Contacts are created by Instagram traffic; SQL stands in for the ingestion worker.
  const insertContact = (
    database: TestDatabase,
    owner: TenantFixture,
    igUserId: string,
    extra: { tags?: string[]; variables?: Record<string, unknown> } = {},
  ) => seedContact(database.url, owner, igUserId, extra);

  it('pages through every contact exactly once while new contacts keep arriving', async () => {
    const initial = await Promise.all(Array.from({ length: 23 }, (_, i) => insertContact(database, tenant, `page-${i}`)));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await api(`/v1/contacts?limit=5${cursor ? `&cursor=${cursor}` : ''}`, tenant.apiKey);
      expect(response.status).toBe(200);
      const page = await readJson(response);
      expect(page.data.length).toBeLessThanOrEqual(5);
      seen.push(...page.data.map((c: { id: string }) => c.id));
      cursor = page.next_cursor;
      expect(page.has_more).toBe(cursor !== null);
      await insertContact(database, tenant, `late-${pages++}`);
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of initial) expect(seen).toContain(id);
  });

  it('filters by tag and by variable', async () => {
    const vip = await insertContact(database, tenant, 'filter-vip', { tags: ['vip'], variables: { city: 'Lisbon' } });
    await insertContact(database, tenant, 'filter-plain', { variables: { city: 'Porto' } });
    const byTag = await readJson(await api('/v1/contacts?tag=vip', tenant.apiKey));
    expect(byTag.data.map((c: { id: string }) => c.id)).toEqual([vip]);
    const byValue = await readJson(await api('/v1/contacts?variable=city&value=Lisbon', tenant.apiKey));
    expect(byValue.data.map((c: { id: string }) => c.id)).toEqual([vip]);
    const byPresence = await readJson(await api('/v1/contacts?variable=city&limit=100', tenant.apiKey));
    expect(byPresence.data).toHaveLength(2);
  });

  it('updates tags and variables, and deletes', async () => {
    const id = await insertContact(database, tenant, 'edit-me', { tags: ['old'], variables: { keep: 1, drop: 2 } });
    const response = await api(`/v1/contacts/${id}`, tenant.apiKey, {
      method: 'PATCH',
      body: JSON.stringify({ add_tags: ['lead', 'vip'], remove_tags: ['old'], variables: { email: 'a@b.co', drop: null } }),
    });
    expect(response.status).toBe(200);
    const updated = await readJson(response);
    expect(updated.tags).toEqual(['lead', 'vip']);
    expect(updated.variables).toEqual({ keep: 1, email: 'a@b.co' });

    expect((await api(`/v1/contacts/${id}`, tenant.apiKey, { method: 'DELETE' })).status).toBe(204);
    const gone = await api(`/v1/contacts/${id}`, tenant.apiKey);
    expect(gone.status).toBe(404);
    expect((await readJson(gone)).error.code).toBe('contact_not_found');
  });

  it("never shows, changes or deletes another account's contact", async () => {
    const id = await insertContact(database, tenant, 'private-contact');
    const list = await readJson(await api('/v1/contacts?limit=100', other.apiKey));
    expect(list.data.map((c: { id: string }) => c.id)).not.toContain(id);
    for (const init of [{}, { method: 'PATCH', body: JSON.stringify({ add_tags: ['x'] }) }, { method: 'DELETE' }]) {
      const response = await api(`/v1/contacts/${id}`, other.apiKey, init);
      expect(response.status).toBe(404);
    }
    const still = await readJson(await api(`/v1/contacts/${id}`, tenant.apiKey));
    expect(still.tags).toEqual([]);
  });

  it('lists field problems for invalid input, and refuses foreign cursors', async () => {
    const tooMany = await api('/v1/contacts?limit=500', tenant.apiKey);
    expect(tooMany.status).toBe(400);
    const body = await readJson(tooMany);
    expect(body.error).toMatchObject({ code: 'validation_failed', request_id: tooMany.headers.get('x-request-id') });
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'limit' })]);

    const id = await insertContact(database, tenant, 'validate-me');
    const unknownField = await api(`/v1/contacts/${id}`, tenant.apiKey, {
      method: 'PATCH',
      body: JSON.stringify({ tags: 'nope', admin: true }),
    });
    expect(unknownField.status).toBe(400);
    expect((await readJson(unknownField)).error.details.map((d: { field: string }) => d.field).sort()).toEqual(['admin', 'tags']);

    const badCursor = await api('/v1/contacts?cursor=forged', tenant.apiKey);
    expect(badCursor.status).toBe(400);
    expect((await readJson(badCursor)).error.code).toBe('invalid_cursor');
  });
});
