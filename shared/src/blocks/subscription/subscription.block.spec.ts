import { enter } from '../../testing/run-context.fixture';
import { subscriptionBlock } from './subscription.block';

describe('subscription block', () => {
  it.each([
    ['unsubscribe', false],
    ['resubscribe', true],
  ] as const)('%s', (action, subscribed) => {
    expect(enter(subscriptionBlock, { action })).toEqual({ next: 'next', effects: [{ type: 'set_subscription', subscribed }] });
  });
});
