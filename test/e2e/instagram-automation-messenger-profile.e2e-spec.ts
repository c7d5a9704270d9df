import { FLOW_SCHEMA_VERSION, type FlowGraph, type MessengerProfileView } from '@dmflow/shared';
import { chain, node, publishFlow, text, trigger } from '../src/fixtures/instagram-flows';
import { scaled, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

const replyFlow = (keyword: string, reply: string): FlowGraph => ({
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [trigger({ source: 'dm_keyword', keywords: [keyword] }), node('reply', 'send_message', text(reply)), node('end', 'end', {})],
  edges: chain('trigger', 'reply', 'end'),
});

describe('ice breakers and persistent menu: saved per Instagram account, pushed to the Messenger Profile API, taps start flows', () => {
  const suite = useServerWithTenants({ tenants: [{}, {}] });
  let pricesFlow = '';
  let bookingFlow = '';
  let othersFlow = '';

  beforeAll(async () => {
    pricesFlow = (await publishFlow(suite.stack.database.url, suite.tenants[0], 'Prices', replyFlow('prices', 'Plans start at $9.')))
      .flowId;
    bookingFlow = (await publishFlow(suite.stack.database.url, suite.tenants[0], 'Booking', replyFlow('book', 'Pick a time.'))).flowId;
    othersFlow = (await publishFlow(suite.stack.database.url, suite.tenants[1], 'Theirs', replyFlow('x', 'Not yours.'))).flowId;
  });

  const profilePath = (tenant: number) => `/v1/instagram-accounts/${suite.tenants[tenant].instagramAccountId}/messenger-profile`;
  const put = (tenant: number, body: unknown) =>
    suite.api(profilePath(tenant), suite.tenants[tenant].apiKey, { method: 'PUT', body: JSON.stringify(body) });
  const profileCalls = async () => suite.graph.calls('/messenger_profile');

  it('pushes up to 4 starters and a menu (flows and a web link) with POST /{ig-user-id}/messenger_profile', async () => {
    const { igUserId } = suite.tenants[0];
    const response = await put(0, {
      ice_breakers: [
        { question: 'What are your prices?', flow_id: pricesFlow },
        { question: 'Can I book a call?', flow_id: bookingFlow },
      ],
      menu: [
        { type: 'flow', title: 'Prices', flow_id: pricesFlow },
        { type: 'url', title: 'Our shop', url: 'https://shop.example/' },
      ],
    });
    expect(response.status).toBe(200);
    const stored = (await response.json()) as MessengerProfileView;
    expect(stored.pushed_at).not.toBeNull();
    expect(stored.ice_breakers).toHaveLength(2);

    const [call] = await profileCalls();
    expect([call.method, call.path]).toEqual(['POST', `/${igUserId}/messenger_profile`]);
    expect(call.body).toEqual({
      platform: 'instagram',
      ice_breakers: [
        {
          locale: 'default',
          call_to_actions: [
            { question: 'What are your prices?', payload: JSON.stringify({ flow_id: pricesFlow }) },
            { question: 'Can I book a call?', payload: JSON.stringify({ flow_id: bookingFlow }) },
          ],
        },
      ],
      persistent_menu: [
        {
          locale: 'default',
          composer_input_disabled: false,
          call_to_actions: [
            { type: 'postback', title: 'Prices', payload: JSON.stringify({ flow_id: pricesFlow }) },
            { type: 'web_url', title: 'Our shop', url: 'https://shop.example/' },
          ],
        },
      ],
    });
    const read = await suite.api(profilePath(0), suite.tenants[0].apiKey);
    expect(((await read.json()) as MessengerProfileView).menu[1]).toEqual({ type: 'url', title: 'Our shop', url: 'https://shop.example/' });
  });

  it('a tap on a starter (a postback naming its flow) starts that flow', async () => {
    const { igUserId } = suite.tenants[0];
    const tap = await suite.meta.postback({
      igUserId,
      senderId: '5630000000000001',
      title: 'Can I book a call?',
      payload: JSON.stringify({ flow_id: bookingFlow }),
      mid: 'aWdficebreaker001',
    });
    expect(tap.status).toBe(200);
    const sent = await waitFor(
      async () =>
        (await suite.graph.calls('/messages')).filter(
          (call) => (call.body as { recipient?: { id?: string } }).recipient?.id === '5630000000000001',
        ),
      (calls) => calls.length === 1,
      scaled(30_000),
      'the booking flow’s message',
    );
    expect((sent[0].body as { message: { text: string } }).message.text).toBe('Pick a time.');
  });

  it('refuses a fifth starter, a menu link without an address and another workspace’s flow, with the field', async () => {
    const starter = { question: 'Q?', flow_id: pricesFlow };
    const tooMany = await put(0, { ice_breakers: [starter, starter, starter, starter, starter], menu: [] });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({
      error: { code: 'validation_failed', details: [expect.objectContaining({ field: 'ice_breakers' })] },
    });
    const badLink = await put(0, { ice_breakers: [], menu: [{ type: 'url', title: 'Shop', url: 'not a url' }] });
    expect(await badLink.json()).toMatchObject({
      error: { code: 'validation_failed', details: [expect.objectContaining({ field: 'menu.0.url' })] },
    });
    const stolen = await put(0, { ice_breakers: [{ question: 'Q?', flow_id: othersFlow }], menu: [] });
    expect(stolen.status).toBe(400);
    expect(await stolen.json()).toMatchObject({ error: { details: [expect.objectContaining({ field: 'ice_breakers.0.flow_id' })] } });
  });

  it('clearing them removes both from Instagram (DELETE with fields); a Meta refusal answers 502 and keeps the saved copy', async () => {
    const before = (await profileCalls()).length;
    const cleared = await put(0, { ice_breakers: [], menu: [] });
    expect(cleared.status).toBe(200);
    const [call] = (await profileCalls()).slice(before);
    expect([call.method, call.body]).toEqual(['DELETE', { platform: 'instagram', fields: ['ice_breakers', 'persistent_menu'] }]);

    await suite.graph.fail({ pathContains: '/messenger_profile', error: 'invalid_parameter', count: 1 });
    const refused = await put(0, { ice_breakers: [{ question: 'Hours?', flow_id: pricesFlow }], menu: [] });
    expect(refused.status).toBe(502);
    expect(await refused.json()).toMatchObject({ error: { code: 'messenger_profile_not_pushed' } });
    const kept = (await (await suite.api(profilePath(0), suite.tenants[0].apiKey)).json()) as MessengerProfileView;
    expect(kept).toMatchObject({ ice_breakers: [{ question: 'Hours?', flow_id: pricesFlow }], pushed_at: null });
  });
});
