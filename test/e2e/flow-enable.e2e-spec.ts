import { DmConversation } from '../src/fixtures/dm-conversation';
import { commentFlow, dmQuestionFlow, publishFlow } from '../src/fixtures/instagram-flows';
import { queryDatabase, readJson, settledInboxEvent, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

describe('POST /v1/flows/:id/enable and /disable', () => {
  const {
    api,
    database,
    meta,
    tenants: [tenant, other],
  } = useServerWithTenants({ tenants: [{}, {}] });
  let commentFlowId: string;
  let guideFlowId: string;

  const toggle = (flowId: string, action: 'enable' | 'disable', apiKey = tenant.apiKey) =>
    api(`/v1/flows/${flowId}/${action}`, apiKey, { method: 'POST' });
  const runsOf = (flowId: string) =>
    queryDatabase<{ id: string; status: string }>(database.url, 'SELECT id, status FROM flow_runs WHERE flow_id = $1', [flowId]);

  async function comment(commentId: string): Promise<string | null> {
    await meta.comment({ igUserId: tenant.igUserId, text: 'PRICE please', commentId, fromId: `igsid-${commentId}`, username: 'fan' });
    return (await settledInboxEvent(database.url, `comment:${commentId}`)).outcome;
  }

  beforeAll(async () => {
    commentFlowId = (await publishFlow(database.url, tenant, 'Price comments', commentFlow('price'))).flowId;
    guideFlowId = (await publishFlow(database.url, tenant, 'Guide', dmQuestionFlow('guide'))).flowId;
  });

  it('a disabled flow starts no run from a keyword comment; enabled again, it does', async () => {
    const disabled = await toggle(commentFlowId, 'disable');
    expect(disabled.status).toBe(200);
    expect(await readJson(disabled)).toMatchObject({ id: commentFlowId, enabled: false, status: 'published' });
    expect((await readJson(await api(`/v1/flows/${commentFlowId}`, tenant.apiKey))).enabled).toBe(false);

    expect(await comment('comment-while-disabled')).toBe('no_trigger_matched');
    expect(await runsOf(commentFlowId)).toEqual([]);

    const enabled = await toggle(commentFlowId, 'enable');
    expect(enabled.status).toBe(200);
    expect((await readJson(enabled)).enabled).toBe(true);
    expect(await comment('comment-after-enable')).toMatch(/^started:/);
    expect(await runsOf(commentFlowId)).toHaveLength(1);
  });

  it('disabling lets open runs finish', async () => {
    const reader = new DmConversation(meta, database.url, tenant.igUserId, 'igsid-open-run');
    const runId = await reader.start('guide');
    expect((await toggle(guideFlowId, 'disable')).status).toBe(200);
    expect(await reader.say('reader@gmail.com')).toBe(`answered:${runId}`);
    await waitFor(
      () => runsOf(guideFlowId),
      (runs) => runs[0]?.status === 'completed',
      20_000,
      'the open run to complete',
    );
    // …but the keyword starts nothing new.
    expect(await reader.say('guide')).toBe('no_trigger_matched');
    expect((await toggle(guideFlowId, 'enable')).status).toBe(200);
  });

  it('is idempotent', async () => {
    for (const action of ['disable', 'disable', 'enable', 'enable'] as const) {
      const response = await toggle(commentFlowId, action);
      expect(response.status).toBe(200);
      expect((await readJson(response)).enabled).toBe(action === 'enable');
    }
  });

  it("never enables or disables another account's flow, nor an unknown one", async () => {
    for (const action of ['disable', 'enable'] as const) {
      const response = await toggle(commentFlowId, action, other.apiKey);
      expect(response.status).toBe(404);
      expect((await readJson(response)).error.code).toBe('flow_not_found');
    }
    await toggle(commentFlowId, 'disable', other.apiKey);
    expect((await readJson(await api(`/v1/flows/${commentFlowId}`, tenant.apiKey))).enabled).toBe(true);
    expect((await toggle('00000000-0000-4000-8000-000000000000', 'enable')).status).toBe(404);
    expect((await toggle('not-a-flow', 'disable')).status).toBe(404);
  });
});
