import { emptiedProfileFields, messengerProfileBody, readMessengerProfile } from './messenger-profile';

const FLOW = '3f0c1a52-8d1e-4c1b-9a2e-5b7e2f1d9c11';

describe('messenger profile', () => {
  it('builds Meta ice_breakers and persistent_menu whose postbacks name the flow', () => {
    const { profile, problems } = readMessengerProfile({
      ice_breakers: [{ question: 'Prices?', flow_id: FLOW }],
      menu: [
        { type: 'flow', title: 'Book', flow_id: FLOW },
        { type: 'url', title: 'Shop', url: 'https://shop.example' },
      ],
    });
    expect(problems).toEqual([]);
    expect(messengerProfileBody(profile)).toEqual({
      platform: 'instagram',
      ice_breakers: [{ locale: 'default', call_to_actions: [{ question: 'Prices?', payload: `{"flow_id":"${FLOW}"}` }] }],
      persistent_menu: [
        {
          locale: 'default',
          composer_input_disabled: false,
          call_to_actions: [
            { type: 'postback', title: 'Book', payload: `{"flow_id":"${FLOW}"}` },
            { type: 'web_url', title: 'Shop', url: 'https://shop.example' },
          ],
        },
      ],
    });
    expect(emptiedProfileFields(profile)).toEqual([]);
  });

  it('refuses a fifth starter, a starter without a flow and a menu link without an address', () => {
    const starter = { question: 'Q', flow_id: FLOW };
    const { problems } = readMessengerProfile({
      ice_breakers: [starter, starter, starter, starter, { question: 'Q' }],
      menu: [{ type: 'url', title: 'Shop', url: 'shop' }],
    });
    expect(problems.map((problem) => problem.field)).toEqual(
      expect.arrayContaining(['ice_breakers', 'ice_breakers.4.flow_id', 'menu.0.url']),
    );
  });

  it('removes the parts left empty', () => {
    expect(emptiedProfileFields(readMessengerProfile({ ice_breakers: [], menu: [] }).profile)).toEqual(['ice_breakers', 'persistent_menu']);
  });
});
