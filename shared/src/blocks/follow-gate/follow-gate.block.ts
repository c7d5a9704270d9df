import { IsIn } from 'class-validator';
import type { BlockDefinition, StepResult } from '../../kernel/block-definition';

export class FollowGateConfig {
  /** Where a contact goes whose follow status the Graph API did not tell us. */
  @IsIn(['follows', 'not_following'])
  whenUnknown: 'follows' | 'not_following';
}

function route(config: FollowGateConfig, follows: boolean | null): StepResult {
  return { next: follows === null ? config.whenUnknown : follows ? 'follows' : 'not_following' };
}

/**
 * Asks the Graph API at the moment the run reaches the gate (people follow after a "follow us" message),
 * so it waits for a `profile.fetched` event answering its `fetch_profile` effect.
 */
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
  enter: () => ({ effects: [{ type: 'fetch_profile' }] }),
  onEvent: ({ config, context, event }) =>
    event.type === 'profile.fetched' && event.effectKey === context.node.pendingEffectKey ? route(config, event.followsBusiness) : {},
};
