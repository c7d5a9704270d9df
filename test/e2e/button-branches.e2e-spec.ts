import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { chain, node, publishFlow, text, trigger } from '../src/fixtures/instagram-flows';
import { settledInboxEvent, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

/** Comment "menu" → a private reply with three postback buttons, each leading to its own message. */
const menuFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'comment', keywords: ['menu'] }),
    node('menu', 'send_message', {
      ...text('What would you like?'),
      kind: 'buttons',
      branchOnReply: true,
      buttons: [
        { type: 'postback', title: 'Prices', payload: 'MENU_PRICES' },
        { type: 'postback', title: 'Opening hours', payload: 'MENU_HOURS' },
        { type: 'postback', title: 'Talk to us', payload: 'MENU_HUMAN' },
      ],
    }),
    node('prices', 'send_message', text('Plans start at $9.')),
    node('hours', 'send_message', text('We are open 9 to 5.')),
    node('human', 'send_message', text('Someone will answer soon.')),
    node('other', 'send_message', text('Tap a button, please.')),
    node('end', 'end', {}),
  ],
  edges: [
    ...chain('trigger', 'menu'),
    { id: 'menu-prices', source: 'menu', sourceHandle: 'button:0', target: 'prices' },
    { id: 'menu-hours', source: 'menu', sourceHandle: 'button:1', target: 'hours' },
    { id: 'menu-human', source: 'menu', sourceHandle: 'button:2', target: 'human' },
    { id: 'menu-other', source: 'menu', sourceHandle: 'other', target: 'other' },
    ...chain('prices', 'end'),
    ...chain('hours', 'end'),
    ...chain('human', 'end'),
    ...chain('other', 'end'),
  ],
};

describe('button branches: each button of a message has its own exit', () => {
  const suite = useServerWithTenants({ tenants: [{}] });

  beforeAll(async () => {
    await publishFlow(suite.stack.database.url, suite.tenants[0], 'Menu', menuFlow);
  });

  const sentTexts = async () =>
    (await suite.stack.graph.calls('/messages')).map((call) => {
      const message = (call.body as { message: { text?: string; attachment?: { payload: { text: string } } } }).message;
      return message.text ?? message.attachment?.payload.text;
    });

  it('a postback from button 2 follows button 2’s exit, not button 1’s or 3’s', async () => {
    const { igUserId } = suite.tenants[0];
    const commenter = '5600000000000001';
    const comment = await suite.meta.comment({
      igUserId,
      text: 'menu please',
      mediaId: '1801',
      commentId: '17900000000088001',
      fromId: commenter,
    });
    expect(comment.status).toBe(200);
    expect((await settledInboxEvent(suite.stack.database.url, 'comment:17900000000088001')).outcome).toMatch(/^started:/);
    await waitFor(sentTexts, (texts) => texts.length === 1, 30_000, 'the private reply with the buttons');

    const tap = await suite.meta.postback({
      igUserId,
      senderId: commenter,
      payload: 'MENU_HOURS',
      title: 'Opening hours',
      mid: 'aWdfZAG1pZAF9tid001',
    });
    expect(tap.status).toBe(200);
    const texts = await waitFor(sentTexts, (sent) => sent.length === 2, 30_000, 'the reply to the tap');
    expect(texts).toEqual(['What would you like?', 'We are open 9 to 5.']);
  });
});
