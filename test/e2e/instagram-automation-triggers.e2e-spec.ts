import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { chain, node, publishFlow, text, trigger } from '../src/fixtures/instagram-flows';
import { queryDatabase, scaled, settledInboxEvent, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

const flow = (triggerConfig: Record<string, unknown>, reply: string): FlowGraph => ({
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [trigger(triggerConfig), node('reply', 'send_message', text(reply)), node('end', 'end', {})],
  edges: chain('trigger', 'reply', 'end'),
});

interface SentMessage {
  recipient: { id?: string; comment_id?: string };
  message: { text?: string };
}

describe('Instagram automation triggers: story mentions, mentions and ref links, through signed Meta webhooks', () => {
  const suite = useServerWithTenants({ tenants: [{}] });

  beforeAll(async () => {
    const tenant = suite.tenants[0];
    const url = suite.stack.database.url;
    await publishFlow(
      url,
      tenant,
      'Story mention thanks',
      flow({ source: 'story_mention' }, 'Thanks for the mention! {{trigger.storyUrl}}'),
    );
    await publishFlow(url, tenant, 'Mention price', flow({ source: 'mention', keywords: ['price'] }, 'Prices start at $9.'));
    await publishFlow(url, tenant, 'Summer link', flow({ source: 'ref_url', ref: 'summer-sale' }, 'Welcome from the summer link!'));
    await publishFlow(url, tenant, 'Winter link', flow({ source: 'ref_url', ref: 'winter' }, 'Welcome from the winter link!'));
  });

  const sent = async (): Promise<SentMessage[]> =>
    (await suite.graph.calls('/messages')).filter((call) => call.method === 'POST').map((call) => call.body as unknown as SentMessage);
  const sentTo = (recipient: string) => async () => (await sent()).filter((message) => message.recipient.id === recipient);

  it('a story_mention DM starts the story-mention flow, the story URL in its context; before, it was an empty DM', async () => {
    const { igUserId } = suite.tenants[0];
    const storyUrl = 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1790001';
    const delivery = await suite.meta.storyMention({ igUserId, senderId: '5610000000000001', storyUrl, mid: 'aWdfstorymention001' });
    expect(delivery.status).toBe(200);
    expect((await settledInboxEvent(suite.stack.database.url, 'message:aWdfstorymention001')).outcome).toMatch(/^started:/);
    const [message] = await waitFor(sentTo('5610000000000001'), (messages) => messages.length === 1, scaled(30_000), 'the thank-you DM');
    expect(message.message.text).toBe(`Thanks for the mention! ${storyUrl}`);
  });

  it('a mention with "price" starts the mention flow as a private reply to the mentioning comment; one without is not matched', async () => {
    const { igUserId } = suite.tenants[0];
    await suite.graph.setCommenter('17900000000077001', '5610000000000002');
    const matching = await suite.meta.mention({
      igUserId,
      commentId: '17900000000077001',
      mediaId: '18000000000077001',
      fromId: '5610000000000002',
      username: 'fan',
      text: '@shop what is the price?',
    });
    expect(matching.status).toBe(200);
    expect((await settledInboxEvent(suite.stack.database.url, 'mention:17900000000077001')).outcome).toMatch(/^started:/);
    const replies = await waitFor(
      async () => (await sent()).filter((message) => message.recipient.comment_id === '17900000000077001'),
      (messages) => messages.length === 1,
      scaled(30_000),
      'the private reply to the mention',
    );
    expect(replies[0].message.text).toBe('Prices start at $9.');

    await suite.meta.mention({ igUserId, commentId: '17900000000077002', fromId: '5610000000000003', text: '@shop hello' });
    expect((await settledInboxEvent(suite.stack.database.url, 'mention:17900000000077002')).outcome).toBe('no_trigger_matched');
  });

  it("a mention without an author (Meta's bare Facebook-Login shape) is stored, skipped with its reason", async () => {
    const { igUserId } = suite.tenants[0];
    await suite.meta.mention({ igUserId, commentId: '17900000000077003', mediaId: '18000000000077003' });
    const row = await settledInboxEvent(suite.stack.database.url, 'mention:17900000000077003');
    expect(row.status).toBe('skipped');
  });

  it('an ig.me ref link starts the flow naming that ref, and the ref is saved on the contact', async () => {
    const { igUserId, accountId } = suite.tenants[0];
    const delivery = await suite.meta.referral({ igUserId, senderId: '5610000000000004', ref: 'summer-sale' });
    expect(delivery.status).toBe(200);
    const [message] = await waitFor(sentTo('5610000000000004'), (messages) => messages.length === 1, scaled(30_000), 'the welcome DM');
    expect(message.message.text).toBe('Welcome from the summer link!');
    const [contact] = await queryDatabase<{ variables: Record<string, unknown> }>(
      suite.stack.database.url,
      'SELECT variables FROM contacts WHERE account_id = $1 AND ig_user_id = $2',
      [accountId, '5610000000000004'],
    );
    expect(contact.variables.ref).toBe('summer-sale');

    await suite.meta.referral({ igUserId, senderId: '5610000000000005', ref: 'winter' });
    const [winter] = await waitFor(sentTo('5610000000000005'), (messages) => messages.length === 1, scaled(30_000), 'the winter DM');
    expect(winter.message.text).toBe('Welcome from the winter link!');
  });
});
