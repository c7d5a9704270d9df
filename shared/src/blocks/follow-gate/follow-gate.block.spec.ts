import { AT, enter, onEvent, runContext } from '../../testing/run-context.fixture';
import { followGateBlock } from './follow-gate.block';

describe('follow_gate block', () => {
  it('asks for the profile and waits', () => {
    expect(enter(followGateBlock, {})).toEqual({ effects: [{ type: 'fetch_profile' }] });
  });

  const waiting = runContext({ node: { nodeId: 'node1', attempts: 0, pendingEffectKey: 'run1:4:0' } });
  it.each<[boolean | null, 'follows' | 'not_following', string]>([
    [true, 'not_following', 'follows'],
    [false, 'follows', 'not_following'],
    [null, 'not_following', 'not_following'],
    [null, 'follows', 'follows'],
  ])('followsBusiness=%j (unknown → %s) takes %s', (followsBusiness, whenUnknown, port) => {
    expect(
      onEvent(followGateBlock, { whenUnknown }, { type: 'profile.fetched', effectKey: 'run1:4:0', followsBusiness, at: AT }, waiting),
    ).toEqual({ next: port });
  });

  it('ignores the answer to another request', () => {
    expect(
      onEvent(followGateBlock, {}, { type: 'profile.fetched', effectKey: 'run1:1:0', followsBusiness: true, at: AT }, waiting),
    ).toEqual({});
  });
});
