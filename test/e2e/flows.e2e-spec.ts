import { createEmptyFlow } from '@dmflow/shared';
import { leadGenFlow } from '@dmflow/shared/testing';
import { createTenant, queryDatabase, readJson } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

describe('/v1/flows', () => {
  const suite = useServerWithTenants({ tenants: [{}, {}] });
  const {
    api,
    database,
    tenants: [tenant, other],
  } = suite;
  const post = (path: string, key: string, body: unknown = {}) => api(path, key, { method: 'POST', body: JSON.stringify(body) });
  const patch = (path: string, key: string, body: unknown) => api(path, key, { method: 'PATCH', body: JSON.stringify(body) });

  async function createFlow(name: string, draft: object = createEmptyFlow(), key = tenant.apiKey) {
    const response = await post('/v1/flows', key, { name, draft });
    expect(response.status).toBe(201);
    return readJson(response);
  }

  it('creates a draft flow and lists it with its status, trigger summary and run count', async () => {
    const created = await createFlow('Lead magnet', leadGenFlow());
    expect(created).toMatchObject({
      name: 'Lead magnet',
      status: 'draft',
      revision: 1,
      published_version_id: null,
      run_count: 0,
      runs_7d: 0,
      conversion_7d: null,
      has_unpublished_changes: true,
    });
    expect(created.trigger_summary).toBe('DM: "guide"');
    const list = await readJson(await api('/v1/flows?limit=100', tenant.apiKey));
    const listed = list.data.find((flow: { id: string }) => flow.id === created.id);
    expect(listed).toMatchObject({ name: 'Lead magnet', status: 'draft', run_count: 0 });
    expect(listed.draft).toBeUndefined();
  });

  it('counts the runs each flow has started, across versions, and the last 7 days with their conversion', async () => {
    const flow = await createFlow('Counted', leadGenFlow());
    const version = await readJson(await post(`/v1/flows/${flow.id}/publish`, tenant.apiKey));
    // Runs are started by Instagram traffic through the engine; SQL stands in for it here. The last is 8 days old.
    const runs = [
      { status: 'completed', daysAgo: 0 },
      { status: 'waiting', daysAgo: 1 },
      { status: 'failed', daysAgo: 2 },
      { status: 'completed', daysAgo: 8 },
    ];
    for (const [index, { status, daysAgo }] of runs.entries()) {
      const [contact] = await queryDatabase<{ id: string }>(
        database.url,
        'INSERT INTO contacts (account_id, instagram_account_id, ig_user_id) VALUES ($1, $2, $3) RETURNING id',
        [tenant.accountId, tenant.instagramAccountId, `runner-${index}`],
      );
      await queryDatabase(
        database.url,
        `INSERT INTO flow_runs (account_id, flow_id, flow_version_id, contact_id, status, current_node_id, snapshot, trigger, started_at)
         VALUES ($1, $2, $3, $4, $5, 'trigger', '{}', '{}', now() - make_interval(days => $6))`,
        [tenant.accountId, flow.id, version.id, contact.id, status, daysAgo],
      );
    }
    expect(await readJson(await api(`/v1/flows/${flow.id}`, tenant.apiKey))).toMatchObject({ run_count: 4, runs_7d: 3 });
    const listed = (await readJson(await api('/v1/flows?limit=100', tenant.apiKey))).data.find(
      (item: { id: string }) => item.id === flow.id,
    );
    expect(listed).toMatchObject({ run_count: 4, runs_7d: 3 });
    expect(listed.conversion_7d).toBeCloseTo(1 / 3);
  });

  it('saves a draft with the current revision and refuses a stale save with 409, keeping the newer draft', async () => {
    const flow = await createFlow('Concurrent');
    const first = await patch(`/v1/flows/${flow.id}`, tenant.apiKey, { draft: leadGenFlow(), revision: 1 });
    expect(first.status).toBe(200);
    const saved = await readJson(first);
    expect(saved.revision).toBe(2);
    expect(Date.parse(saved.updated_at)).toBeGreaterThan(Date.parse(flow.updated_at));
    expect(saved.draft.nodes.length).toBe(leadGenFlow().nodes.length);

    const stale = await patch(`/v1/flows/${flow.id}`, tenant.apiKey, { draft: createEmptyFlow(), revision: 1 });
    expect(stale.status).toBe(409);
    const body = await readJson(stale);
    expect(body.error.code).toBe('revision_conflict');
    expect(stale.headers.get('x-request-id')).toBe(body.error.request_id);
    const reread = await readJson(await api(`/v1/flows/${flow.id}`, tenant.apiKey));
    expect(reread.draft.nodes.length).toBe(leadGenFlow().nodes.length);
    expect(reread.revision).toBe(2);

    const renamed = await readJson(await patch(`/v1/flows/${flow.id}`, tenant.apiKey, { name: 'Renamed', revision: 2 }));
    expect(renamed).toMatchObject({ name: 'Renamed', revision: 3 });
  });

  it('rejects bad input with field details and a malformed graph with invalid_flow_document', async () => {
    const noName = await post('/v1/flows', tenant.apiKey, { draft: createEmptyFlow() });
    expect(noName.status).toBe(400);
    const noNameBody = await readJson(noName);
    expect(noNameBody.error.code).toBe('validation_failed');
    expect(noNameBody.error.details.map((detail: { field: string }) => detail.field)).toContain('name');

    const badGraph = await post('/v1/flows', tenant.apiKey, { name: 'Broken', draft: { nodes: 'nope' } });
    expect(badGraph.status).toBe(400);
    expect((await readJson(badGraph)).error.code).toBe('invalid_flow_document');

    const flow = await createFlow('No revision');
    const withoutRevision = await patch(`/v1/flows/${flow.id}`, tenant.apiKey, { name: 'x' });
    expect(withoutRevision.status).toBe(400);
  });

  it('refuses to publish an invalid draft with its problem list, then publishes the fixed draft as version 1', async () => {
    const flow = await createFlow('Publish me');
    const refused = await post(`/v1/flows/${flow.id}/publish`, tenant.apiKey);
    expect(refused.status).toBe(422);
    const refusal = await readJson(refused);
    expect(refusal.error.code).toBe('flow_invalid');
    expect(refusal.error.details).toContainEqual({ field: 'flow', message: 'the flow has no trigger' });
    const validation = await readJson(await post(`/v1/flows/${flow.id}/validate`, tenant.apiKey));
    expect(validation.valid).toBe(false);

    await patch(`/v1/flows/${flow.id}`, tenant.apiKey, { draft: leadGenFlow(), revision: 1 });
    expect((await readJson(await post(`/v1/flows/${flow.id}/validate`, tenant.apiKey))).valid).toBe(true);
    const published = await post(`/v1/flows/${flow.id}/publish`, tenant.apiKey);
    expect(published.status).toBe(201);
    const version = await readJson(published);
    expect(version).toMatchObject({ version: 1, is_live: true, flow_id: flow.id });
    const reread = await readJson(await api(`/v1/flows/${flow.id}`, tenant.apiKey));
    expect(reread).toMatchObject({ status: 'published', published_version_id: version.id, has_unpublished_changes: false });
  });

  it("saves a block's omitted settings with the catalogue's defaults, and a missing required one is one problem naming the block", async () => {
    const graph = leadGenFlow();
    const question = graph.nodes.find((node) => node.type === 'question')!;
    delete question.data.config.maxAttempts;
    const message = graph.nodes.find((node) => node.type === 'send_message')!;
    message.data.title = 'Welcome';
    message.data.config = { ...message.data.config, kind: 'buttons', buttons: [{ type: 'postback', payload: 'GO' }] };
    const flow = await createFlow('Written by a machine', graph);
    expect(flow.draft.nodes.find((node: { id: string }) => node.id === question.id).data.config.maxAttempts).toBe(3);
    const validation = await readJson(await post(`/v1/flows/${flow.id}/validate`, tenant.apiKey));
    expect(validation.errors).toEqual([
      { nodeId: message.id, block: 'Welcome', field: 'buttons.0.title', message: 'buttons.0.title is required' },
    ]);
  });

  it('keeps versions immutable, lists them newest first with cursors, and restores one into the draft', async () => {
    const graph = leadGenFlow();
    const flow = await createFlow('Versioned', graph);
    const v1 = await readJson(await post(`/v1/flows/${flow.id}/publish`, tenant.apiKey));
    const renamedTrigger = {
      ...graph,
      nodes: graph.nodes.map((node) => (node.type === 'trigger' ? { ...node, data: { ...node.data, title: 'Edited' } } : node)),
    };
    await patch(`/v1/flows/${flow.id}`, tenant.apiKey, { draft: renamedTrigger, revision: 1 });
    const afterEdit = await readJson(await api(`/v1/flows/${flow.id}`, tenant.apiKey));
    expect(afterEdit.has_unpublished_changes).toBe(true);
    const v2 = await readJson(await post(`/v1/flows/${flow.id}/publish`, tenant.apiKey));
    expect(v2.version).toBe(2);

    const firstPage = await readJson(await api(`/v1/flows/${flow.id}/versions?limit=1`, tenant.apiKey));
    expect(firstPage.data.map((version: { version: number }) => version.version)).toEqual([2]);
    expect(firstPage.has_more).toBe(true);
    const secondPage = await readJson(await api(`/v1/flows/${flow.id}/versions?limit=1&cursor=${firstPage.next_cursor}`, tenant.apiKey));
    expect(secondPage.data.map((version: { version: number; is_live: boolean }) => [version.version, version.is_live])).toEqual([
      [1, false],
    ]);
    expect(secondPage).toMatchObject({ has_more: false, next_cursor: null });
    expect(secondPage.data[0].graph.nodes.find((node: { type: string }) => node.type === 'trigger').data.title).toBeUndefined();

    const restored = await readJson(await post(`/v1/flows/${flow.id}/versions/${v1.id}/restore`, tenant.apiKey));
    expect(restored.revision).toBe(3);
    expect(restored.draft.nodes.find((node: { type: string }) => node.type === 'trigger').data.title).toBeUndefined();
    expect(restored.published_version_id).toBe(v2.id);
    expect(restored.has_unpublished_changes).toBe(true);
    const v2Restored = await readJson(await post(`/v1/flows/${flow.id}/versions/${v2.id}/restore`, tenant.apiKey));
    expect(v2Restored).toMatchObject({ revision: 4, has_unpublished_changes: false });
  });

  it('duplicates a flow as a new draft and soft-deletes a flow out of every endpoint', async () => {
    const flow = await createFlow('Original', leadGenFlow());
    await post(`/v1/flows/${flow.id}/publish`, tenant.apiKey);
    const copy = await readJson(await post(`/v1/flows/${flow.id}/duplicate`, tenant.apiKey));
    expect(copy).toMatchObject({ name: 'Original (copy)', status: 'draft', revision: 1 });
    expect(copy.id).not.toBe(flow.id);
    expect(copy.draft).toEqual(flow.draft);

    expect((await api(`/v1/flows/${flow.id}`, tenant.apiKey, { method: 'DELETE' })).status).toBe(204);
    expect((await api(`/v1/flows/${flow.id}`, tenant.apiKey)).status).toBe(404);
    const list = await readJson(await api('/v1/flows?limit=100', tenant.apiKey));
    expect(list.data.map((item: { id: string }) => item.id)).not.toContain(flow.id);
    expect(list.data.map((item: { id: string }) => item.id)).toContain(copy.id);
  });

  it('pages through every flow exactly once while new flows are created between pages', async () => {
    const pager = (await createTenant(suite.stack.server.env)).apiKey;
    const initial: string[] = [];
    for (let i = 0; i < 7; i++) initial.push((await createFlow(`Page ${i}`, createEmptyFlow(), pager)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let added = 0;
    do {
      const page = await readJson(await api(`/v1/flows?limit=3${cursor ? `&cursor=${cursor}` : ''}`, pager));
      seen.push(...page.data.map((flow: { id: string }) => flow.id));
      cursor = page.next_cursor;
      await createFlow(`Late ${added++}`, createEmptyFlow(), pager);
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...initial].sort());
    expect((await api('/v1/flows?cursor=garbage', pager)).status).toBe(400);
  });

  it("never shows or changes another account's flow on any endpoint", async () => {
    const mine = await createFlow('Private', leadGenFlow());
    const version = await readJson(await post(`/v1/flows/${mine.id}/publish`, tenant.apiKey));
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/v1/flows/${mine.id}`],
      ['PATCH', `/v1/flows/${mine.id}`, { name: 'Stolen', revision: 1 }],
      ['DELETE', `/v1/flows/${mine.id}`],
      ['POST', `/v1/flows/${mine.id}/duplicate`, {}],
      ['POST', `/v1/flows/${mine.id}/validate`, {}],
      ['POST', `/v1/flows/${mine.id}/publish`, {}],
      ['GET', `/v1/flows/${mine.id}/versions`],
      ['POST', `/v1/flows/${mine.id}/versions/${version.id}/restore`, {}],
    ];
    for (const [method, path, body] of attempts) {
      const response = await api(path, other.apiKey, { method, ...(body ? { body: JSON.stringify(body) } : {}) });
      expect([method, path, response.status]).toEqual([method, path, 404]);
      expect((await readJson(response)).error.code).toBe('flow_not_found');
    }
    const othersList = await readJson(await api('/v1/flows?limit=100', other.apiKey));
    expect(othersList.data.map((flow: { id: string }) => flow.id)).not.toContain(mine.id);
    const unchanged = await readJson(await api(`/v1/flows/${mine.id}`, tenant.apiKey));
    expect(unchanged).toMatchObject({ name: 'Private', revision: 1 });
    expect((await api('/v1/flows', 'not-a-key')).status).toBe(401);
  });
});
