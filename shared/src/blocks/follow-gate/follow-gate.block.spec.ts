import { enter, runContext } from '../../testing/run-context.fixture';
import { followGateBlock } from './follow-gate.block';

describe('follow_gate block', () => {
  it.each<[boolean | null, 'follows' | 'not_following', string]>([
    [true, 'not_following', 'follows'],
    [false, 'follows', 'not_following'],
    [null, 'not_following', 'not_following'],
    [null, 'follows', 'follows'],
  ])('followsBusiness=%j (unknown → %s) takes %s', (followsBusiness, whenUnknown, port) => {
    const context = runContext({}, { contact: { id: 'u', username: null, followsBusiness, fields: {} } });
    expect(enter(followGateBlock, { whenUnknown }, context)).toEqual({ next: port });
  });
});
