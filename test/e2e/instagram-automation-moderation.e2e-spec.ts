import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { chain, node, publishFlow, trigger } from '../src/fixtures/instagram-flows';
import { scaled, settledInboxEvent, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

const POST = '18000000000066001';

/** "Auto-hide comments containing …" on one post: a comment trigger on the post with the words, then the hide block. */
const moderationRule = (keywords: string[], action: 'hide' | 'delete'): FlowGraph => ({
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'comment', postScope: 'specific', mediaId: POST, keywords }),
    node('moderate', 'moderate_comment', { action }),
    node('end', 'end', {}),
  ],
  edges: chain('trigger', 'moderate', 'end'),
});

describe('comment moderation: hide and delete through the Graph API, as flow effects', () => {
  const suite = useServerWithTenants({ tenants: [{}] });

  beforeAll(async () => {
    await publishFlow(suite.stack.database.url, suite.tenants[0], 'Auto-hide spam', moderationRule(['crypto', 'giveaway'], 'hide'));
    await publishFlow(suite.stack.database.url, suite.tenants[0], 'Delete slurs', moderationRule(['badword'], 'delete'));
  });

  const moderationCalls = async (commentId: string) =>
    (await suite.graph.calls(commentId)).filter((call) => !call.path.endsWith('/replies'));

  it('hides a comment containing a listed word on the post, even through a Meta rate limit (retried later)', async () => {
    const { igUserId } = suite.tenants[0];
    await suite.graph.fail({ pathContains: '17900000000066001', error: 'rate_limit', count: 1 });
    const delivery = await suite.meta.comment({
      igUserId,
      mediaId: POST,
      commentId: '17900000000066001',
      fromId: '5620000000000001',
      text: 'Free CRYPTO here',
    });
    expect(delivery.status).toBe(200);
    expect((await settledInboxEvent(suite.stack.database.url, 'comment:17900000000066001')).outcome).toMatch(/^started:/);
    await waitFor(
      () => suite.graph.commentState('17900000000066001'),
      (state) => state.hidden,
      scaled(60_000),
      'the comment hidden',
    );
    const calls = await moderationCalls('17900000000066001');
    expect(calls.map((call) => [call.method, call.path, call.query.hide, call.status])).toEqual([
      ['POST', '/17900000000066001', 'true', 400],
      ['POST', '/17900000000066001', 'true', 200],
    ]);
  });

  it('deletes a comment with DELETE /{comment-id}; other comments on the post are left alone', async () => {
    const { igUserId } = suite.tenants[0];
    await suite.meta.comment({ igUserId, mediaId: POST, commentId: '17900000000066002', fromId: '5620000000000002', text: 'you badword' });
    await waitFor(
      () => suite.graph.commentState('17900000000066002'),
      (state) => state.deleted,
      scaled(60_000),
      'the comment deleted',
    );
    expect((await moderationCalls('17900000000066002')).map((call) => call.method)).toEqual(['DELETE']);

    await suite.meta.comment({ igUserId, mediaId: POST, commentId: '17900000000066003', fromId: '5620000000000003', text: 'lovely photo' });
    expect((await settledInboxEvent(suite.stack.database.url, 'comment:17900000000066003')).outcome).toBe('no_trigger_matched');
    expect(await suite.graph.commentState('17900000000066003')).toEqual({ hidden: false, deleted: false });
  });
});
