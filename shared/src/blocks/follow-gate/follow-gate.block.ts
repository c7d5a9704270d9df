import { IsIn } from 'class-validator';
import type { BlockDefinition } from '../block-definition';

export class FollowGateConfig {
  /** Where a contact goes whose follow status the Graph API did not tell us. */
  @IsIn(['follows', 'not_following'])
  whenUnknown: 'follows' | 'not_following';
}

export const followGateBlock: BlockDefinition<FollowGateConfig> = {
  type: 'follow_gate',
  label: 'Follow gate',
  description: "Branches on whether the contact follows the account (the Graph API user profile's is_user_follow_business).",
  icon: 'user-check',
  category: 'contact',
  configClass: FollowGateConfig,
  defaults: () => Object.assign(new FollowGateConfig(), { whenUnknown: 'not_following' }),
  fields: [
    {
      name: 'whenUnknown',
      label: 'If unknown',
      kind: 'select',
      options: [
        { value: 'not_following', label: 'Treat as not following' },
        { value: 'follows', label: 'Treat as following' },
      ],
    },
  ],
  ports: () => [
    { id: 'follows', label: 'Follows' },
    { id: 'not_following', label: 'Does not follow' },
  ],
  sendsMessage: false,
  enter: ({ config, context }) => {
    const follows = context.contact.followsBusiness;
    return { next: follows === null ? config.whenUnknown : follows ? 'follows' : 'not_following' };
  },
};
