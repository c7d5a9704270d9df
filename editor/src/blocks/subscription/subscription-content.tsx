import { type BlockContentProps, Meta } from '../block-content-parts';

export function SubscriptionContent({ config }: BlockContentProps<'subscription'>) {
  return <Meta>{config.action === 'resubscribe' ? 'Subscribe the contact again' : 'Unsubscribe the contact'}</Meta>;
}
