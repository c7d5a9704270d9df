import { type BlockContentProps, Meta } from '../block-content-parts';
import { readText } from '../config-readers';

export function FollowGateContent({ config }: BlockContentProps) {
  return <Meta>Follows the account? (unknown → {readText(config, 'whenUnknown').replace('_', ' ') || 'follows'})</Meta>;
}
