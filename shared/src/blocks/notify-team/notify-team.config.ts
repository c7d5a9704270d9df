import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

/** Who among the workspace's members gets the notification (in the inbox, and by email when asked). */
export const NOTIFY_RECIPIENTS = ['all', 'roles', 'members', 'none'] as const;
export type NotifyRecipients = (typeof NOTIFY_RECIPIENTS)[number];
/** The workspace roles, weakest first (the server's roles). */
export const WORKSPACE_ROLES = ['viewer', 'editor', 'admin', 'owner'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];
export const MAX_NOTIFY_TEXT = 2000;
export const MAX_NOTIFY_MEMBERS = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A fixed https URL: Slack, Mattermost, Discord's /slack and Teams' compatible hooks all are; no placeholders, since
// a contact's answer must not choose where the team's message goes.
const WEBHOOK_URL = /^https:\/\/[^\s{}]+$/;

export class NotifyTeamConfig {
  /** May contain `{{placeholders}}`, rendered like a message's text. */
  @IsString()
  @MinLength(1, { message: 'write the message for the team' })
  @MaxLength(MAX_NOTIFY_TEXT)
  message: string;

  @IsIn(NOTIFY_RECIPIENTS)
  recipients: NotifyRecipients;

  @ValidateIf((config: NotifyTeamConfig) => config.recipients === 'roles')
  @IsArray()
  @ArrayMinSize(1, { message: 'choose at least one role to notify' })
  @IsIn(WORKSPACE_ROLES, { each: true })
  roles: WorkspaceRole[];

  /** Members' user ids, for `members`; someone who has left the workspace is skipped. */
  @ValidateIf((config: NotifyTeamConfig) => config.recipients === 'members')
  @IsArray()
  @ArrayMinSize(1, { message: 'add at least one member to notify' })
  @ArrayMaxSize(MAX_NOTIFY_MEMBERS)
  @Matches(UUID, { each: true, message: 'each member is a user id (see Settings → Members)' })
  memberIds: string[];

  /** Also email the members (only where the server has SMTP configured). */
  @IsBoolean()
  email: boolean;

  /** A Slack-compatible incoming webhook URL; empty: none. */
  @IsString()
  @MaxLength(2000)
  @ValidateIf((config: NotifyTeamConfig) => typeof config.slackWebhookUrl === 'string' && config.slackWebhookUrl !== '')
  @Matches(WEBHOOK_URL, { message: 'the Slack webhook URL must be a https:// address without spaces or {{placeholders}}' })
  slackWebhookUrl: string;
}

export function checkNotifyTeam(config: NotifyTeamConfig): string[] {
  if (config.recipients === 'none' && !config.slackWebhookUrl) {
    return ['recipients: choose whom to notify — team members, a Slack webhook URL, or both'];
  }
  if (config.recipients === 'none' && config.email) return ['email: email goes to team members — choose which members, or turn email off'];
  return [];
}
