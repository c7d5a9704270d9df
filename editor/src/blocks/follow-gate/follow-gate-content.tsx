import { type BlockContentProps, Meta } from '../block-content-parts';

export function FollowGateContent({ config }: BlockContentProps<'follow_gate'>) {
  return <Meta>Follows the account? (unknown → {config.whenUnknown.replace('_', ' ') || 'follows'})</Meta>;
}
