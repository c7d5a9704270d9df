import { ApiProperty } from '@nestjs/swagger';
import { AiWorkspaceUsageView } from '../ai/ai.dto';

export class UsagePlanView {
  @ApiProperty({ example: 'trendsetter' }) id: string;
  @ApiProperty({ example: 'Trendsetter' }) name: string;
}

export class ActionApiUsageView {
  @ApiProperty({ description: 'whether the plan may call POST /api-webhook' }) access: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'requests admitted per clock hour; null = no hourly limit (or no access)' })
  hourly_limit: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'requests admitted in the current hour; null without an hourly limit' })
  used: number | null;
  @ApiProperty({ type: Number, nullable: true }) remaining: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'end of the current clock hour (ISO 8601)' })
  resets_at: string | null;
}

export class CreditsView {
  @ApiProperty({ description: 'whether each successful send spends one credit' }) credit_based: boolean;
  @ApiProperty() balance: number;
}

export class InstagramAccountsUsageView {
  @ApiProperty() connected: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null = the plan sets no limit' }) allowed: number | null;
}

export class SendWindowView {
  @ApiProperty() limit: number;
  @ApiProperty() used: number;
  @ApiProperty() remaining: number;
  @ApiProperty() window_seconds: number;
  @ApiProperty({ description: 'end of the current window (ISO 8601)' }) resets_at: string;
}

export class InstagramSendLimitsView {
  @ApiProperty() instagram_account_id: string;
  @ApiProperty() ig_user_id: string;
  @ApiProperty() username: string;
  @ApiProperty({ type: SendWindowView, description: 'text, image and template sends' }) text: SendWindowView;
  @ApiProperty({ type: SendWindowView, description: 'audio and video sends' }) media: SendWindowView;
  @ApiProperty({ type: SendWindowView, description: 'private replies to comments' }) private_reply: SendWindowView;
}

export class UsageView {
  @ApiProperty({ type: UsagePlanView }) plan: UsagePlanView;
  @ApiProperty({ type: ActionApiUsageView }) action_api: ActionApiUsageView;
  @ApiProperty({ type: CreditsView }) credits: CreditsView;
  @ApiProperty({ type: InstagramAccountsUsageView }) instagram_accounts: InstagramAccountsUsageView;
  @ApiProperty({ type: [InstagramSendLimitsView], description: "Meta's per-account send limits, per connected Instagram account" })
  instagram_send_limits: InstagramSendLimitsView[];
  @ApiProperty({ type: AiWorkspaceUsageView, description: "the workspace's AI provider, budget and tokens spent this month" })
  ai: AiWorkspaceUsageView;
}
