import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { chain, node, publishFlow, text, trigger } from '../src/fixtures/instagram-flows';
import { queryDatabase, settledInboxEvent, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

/** Any comment on the account's next post → a DM. */
const nextPostFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'comment', postScope: 'next', keywordMatch: 'every' }),
    node('dm', 'send_message', text('Thanks for commenting on our new post!')),
    node('end', 'end', {}),
  ],
  edges: chain('trigger', 'dm', 'end'),
};

/** Meta's timestamp format: 2026-11-23T10:15:00+0000. */
const metaTimestamp = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, '+0000');

describe('"next post" comment triggers', () => {
  const suite = useServerWithTenants({ tenants: [{}] });
  let flowId: string;
  let commentCount = 0;

  async function comment(mediaId: string, fromId: string): Promise<string | null> {
    const commentId = `1790000000000${String(++commentCount).padStart(4, '0')}`;
    const delivery = await suite.meta.comment({
      igUserId: suite.tenants[0].igUserId,
      text: 'love it',
      mediaId,
      commentId,
      fromId,
      username: `fan${fromId}`,
    });
    expect(delivery.status).toBe(200);
    const settled = await settledInboxEvent(suite.stack.database.url, `comment:${commentId}`);
    expect(settled.status).toBe('processed');
    return settled.outcome;
  }
  const mediaLookups = async (mediaId: string) =>
    (await suite.stack.graph.calls(`/${mediaId}`)).filter((call) => call.method === 'GET').length;

  beforeAll(async () => {
    const { database, graph } = suite.stack;
    ({ flowId } = await publishFlow(database.url, suite.tenants[0], 'Next post', nextPostFlow));
    await graph.publishMedia({ id: '18000000000000100', timestamp: metaTimestamp(new Date(Date.now() - 24 * 60 * 60 * 1000)) });
    await graph.publishMedia({ id: '18000000000000200', timestamp: metaTimestamp(new Date(Date.now() + 60_000)) });
    await graph.publishMedia({ id: '18000000000000300', timestamp: metaTimestamp(new Date(Date.now() + 120_000)) });
  });

  it('ignores comments on posts published before the flow went live, looking each post up once', async () => {
    expect(await comment('18000000000000100', '1200000000000001')).toBe('no_trigger_matched');
    expect(await comment('18000000000000100', '1200000000000002')).toBe('no_trigger_matched');
    expect(await mediaLookups('18000000000000100')).toBe(1);
    expect(await queryDatabase(suite.stack.database.url, 'SELECT * FROM flow_post_bindings')).toEqual([]);
  });

  it('binds to the first post published after it went live and runs for its comments', async () => {
    expect(await comment('18000000000000200', '1200000000000003')).toMatch(new RegExp(`^started:.+:${flowId}$`));
    expect(await queryDatabase(suite.stack.database.url, 'SELECT flow_id, media_id FROM flow_post_bindings')).toEqual([
      { flow_id: flowId, media_id: '18000000000000200' },
    ]);
    expect(await comment('18000000000000200', '1200000000000004')).toMatch(/^started:/);
    const dms = await waitFor(
      () => suite.stack.graph.calls('/messages'),
      (calls) => calls.length === 2,
      15_000,
      'two DMs',
    );
    expect(dms.map((call) => (call.body as { message: { text: string } }).message.text)).toEqual([
      'Thanks for commenting on our new post!',
      'Thanks for commenting on our new post!',
    ]);
  });

  it('stays bound: a later post does not fire it', async () => {
    expect(await comment('18000000000000300', '1200000000000005')).toBe('no_trigger_matched');
  });

  it('binds nothing when Meta does not know the post', async () => {
    await queryDatabase(suite.stack.database.url, 'DELETE FROM flow_post_bindings');
    expect(await comment('18000000000000999', '1200000000000006')).toBe('no_trigger_matched');
    expect(await queryDatabase(suite.stack.database.url, 'SELECT * FROM flow_post_bindings')).toEqual([]);
  });
});
