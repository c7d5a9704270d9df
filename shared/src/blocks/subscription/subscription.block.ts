import { IsIn } from 'class-validator';
import type { BlockDefinition } from '../../kernel/block-definition';

export class SubscriptionConfig {
  @IsIn(['unsubscribe', 'resubscribe'])
  action: 'unsubscribe' | 'resubscribe';
}

/** Opts the contact out (no broadcasts, no flow starts until the re-subscribe keyword) or back in. */
export const subscriptionBlock: BlockDefinition<SubscriptionConfig> = {
  type: 'subscription',
  label: 'Opt-out',
  description: 'Unsubscribes the contact from broadcasts and flow starts, or subscribes them again.',
  icon: 'bell-off',
  category: 'contact',
  configClass: SubscriptionConfig,
  defaults: () => Object.assign(new SubscriptionConfig(), { action: 'unsubscribe' }),
  fields: [
    {
      name: 'action',
      label: 'Action',
      kind: 'select',
      options: [
        { value: 'unsubscribe', label: 'Unsubscribe the contact' },
        { value: 'resubscribe', label: 'Subscribe the contact again' },
      ],
    },
  ],
  ports: () => [{ id: 'next', label: 'Next' }],
  sendsMessage: false,
  enter: ({ config }) => ({ next: 'next', effects: [{ type: 'set_subscription', subscribed: config.action === 'resubscribe' }] }),
};
