import { enter, runContext } from '../../testing/run-context.fixture';
import { endBlock } from './end.block';

describe('end block', () => {
  it('emits flow_completed with every variable and the tags, InstantDM-shaped', () => {
    const context = runContext({
      now: '2026-04-29T17:17:15.400Z',
      tags: ['lead', 'vip'],
      variables: { email: 'user@example.com', phone: '+919876543210' },
    });
    expect(enter(endBlock, {}, context)).toEqual({
      effects: [
        {
          type: 'emit_event',
          event: {
            name: 'flow_completed',
            payload: {
              flow_id: 'flow1',
              flow_name: 'Lead Gen Flow',
              sender_id: '2358708294634624',
              sender_username: 'user123',
              completed_at: '2026-04-29 17:17:15',
              tags: ['lead', 'vip'],
              response_variables: { email: 'user@example.com', phone: '+919876543210' },
            },
          },
        },
      ],
    });
  });
});
