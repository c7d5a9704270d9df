import { AT, enter, message, onEvent } from '../../testing/run-context.fixture';
import { handoverBlock } from './handover.block';

describe('hand over to a human block', () => {
  it('asks the server to pause and assign, and waits', () => {
    expect(enter(handoverBlock, { assignTo: 'round_robin', pauseMinutes: 0, note: 'VIP' })).toEqual({
      effects: [{ type: 'hand_over', assignTo: 'round_robin', assigneeUserId: null, pauseMinutes: 0, note: 'VIP' }],
    });
  });

  it('names the teammate when assigning to a person', () => {
    const assigneeUserId = '8f14e45f-ceea-4e7a-9c1b-5a3c2d7e9f10';
    expect(enter(handoverBlock, { assignTo: 'person', assigneeUserId, pauseMinutes: 30 }).effects).toEqual([
      { type: 'hand_over', assignTo: 'person', assigneeUserId, pauseMinutes: 30, note: '' },
    ]);
  });

  it('continues by next only when automation is resumed to continue the flow', () => {
    expect(onEvent(handoverBlock, {}, { type: 'automation.resumed', at: AT })).toEqual({ next: 'next' });
    expect(onEvent(handoverBlock, {}, message('hi'))).toEqual({});
  });
});
