import { enter } from '../../testing/run-context.fixture';
import { handoverBlock } from './handover.block';

describe('hand over to a human block', () => {
  it('asks the server to pause and assign, and waits', () => {
    expect(enter(handoverBlock, { assignTo: 'round_robin', assigneeUserId: '', pauseMinutes: 0, note: 'VIP' })).toEqual({
      effects: [{ type: 'hand_over', assignTo: 'round_robin', assigneeUserId: null, pauseMinutes: 0, note: 'VIP' }],
    });
  });

  it('continues by next only when automation is resumed to continue the flow', () => {
    const config = handoverBlock.defaults();
    const at = '2026-12-06T12:00:00.000Z';
    const context = {} as never;
    expect(handoverBlock.onEvent?.({ config, context, nodeId: 'h', event: { type: 'automation.resumed', at } })).toEqual({ next: 'next' });
    expect(handoverBlock.onEvent?.({ config, context, nodeId: 'h', event: { type: 'contact.message', text: 'hi', at } })).toEqual({});
  });
});
