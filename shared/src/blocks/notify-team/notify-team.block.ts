import type { BlockDefinition } from '../../kernel/block-definition';
import { templateValues } from '../../kernel/run-context';
import { renderTemplate } from '../../text/template';
import {
  checkNotifyTeam,
  MAX_NOTIFY_MEMBERS,
  MAX_NOTIFY_TEXT,
  NotifyTeamConfig,
  type NotifyRecipients,
  WORKSPACE_ROLES,
} from './notify-team.config';

const RECIPIENT_LABELS: Record<NotifyRecipients, string> = {
  all: 'Everyone in the workspace',
  roles: 'Members with these roles',
  members: 'Chosen members',
  none: 'No members (Slack only)',
};

const ROLE_LABELS = { viewer: 'Viewers', editor: 'Editors', admin: 'Admins', owner: 'Owners' } as const;

/** Who the block notifies, in words (the node on the canvas, the simulator). */
export function notifyTeamSummary(
  config: Pick<NotifyTeamConfig, 'recipients' | 'roles' | 'memberIds' | 'email' | 'slackWebhookUrl'>,
): string {
  const members =
    config.recipients === 'all'
      ? 'everyone in the workspace'
      : config.recipients === 'roles'
        ? (config.roles ?? []).map((role) => ROLE_LABELS[role].toLowerCase()).join(', ')
        : config.recipients === 'members'
          ? `${(config.memberIds ?? []).length} chosen member${(config.memberIds ?? []).length === 1 ? '' : 's'}`
          : null;
  const channels = [
    members ? `${members} in the inbox${config.email ? ' and by email' : ''}` : null,
    config.slackWebhookUrl ? `Slack (${hostOf(config.slackWebhookUrl)})` : null,
  ].filter((part): part is string => part !== null);
  return channels.length ? `Notifies ${channels.join(' and ')}` : 'Notifies nobody yet';
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * "Notify the team": tells the workspace's members (their inbox notifications, and email when the server has SMTP)
 * and/or a Slack-compatible incoming webhook, then goes on at once — the team's channels never hold up the contact.
 */
export const notifyTeamBlock: BlockDefinition<NotifyTeamConfig> = {
  type: 'notify_team',
  label: 'Notify the team',
  description: 'Tells your team about this person: in the live chat inbox, by email, and/or in a Slack channel.',
  icon: 'bell',
  category: 'integration',
  configClass: NotifyTeamConfig,
  defaults: () =>
    Object.assign(new NotifyTeamConfig(), {
      message: '{{contact.username}} needs attention ({{flow.name}})',
      recipients: 'all',
      roles: [],
      memberIds: [],
      email: true,
      slackWebhookUrl: '',
    } satisfies NotifyTeamConfig),
  fields: [
    {
      name: 'message',
      label: 'Message for the team',
      kind: 'textarea',
      templated: true,
      maxLength: MAX_NOTIFY_TEXT,
      placeholder: 'e.g. {{contact.username}} asked for a demo: {{email}}',
    },
    {
      name: 'recipients',
      label: 'Notify in the inbox',
      kind: 'select',
      options: Object.entries(RECIPIENT_LABELS).map(([value, label]) => ({ value, label })),
      help: 'Each member sees it under Notifications in the live chat inbox, with a link to the conversation.',
    },
    {
      name: 'roles',
      label: 'Roles',
      kind: 'multi-select',
      options: WORKSPACE_ROLES.map((value) => ({ value, label: ROLE_LABELS[value] })),
      visibleWhen: { field: 'recipients', equals: ['roles'] },
    },
    {
      name: 'memberIds',
      label: 'Members (user ids)',
      kind: 'string-list',
      maxItems: MAX_NOTIFY_MEMBERS,
      placeholder: 'a user id from Settings → Members',
      visibleWhen: { field: 'recipients', equals: ['members'] },
    },
    {
      name: 'email',
      label: 'Also email them',
      kind: 'boolean',
      help: 'Sent only when the server has SMTP configured; otherwise skipped.',
      visibleWhen: { field: 'recipients', equals: ['all', 'roles', 'members'] },
    },
    {
      name: 'slackWebhookUrl',
      label: 'Slack webhook URL (optional)',
      kind: 'text',
      placeholder: 'https://hooks.slack.com/services/…',
      help: 'A Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat…). Leave empty for none.',
    },
  ],
  ports: () => [{ id: 'next', label: 'Next' }],
  sendsMessage: false,
  check: checkNotifyTeam,
  enter: ({ config, context }) => ({
    next: 'next',
    effects: [
      {
        type: 'notify_team',
        text: renderTemplate(config.message, templateValues(context)),
        members:
          config.recipients === 'none'
            ? null
            : config.recipients === 'all'
              ? { kind: 'all' }
              : config.recipients === 'roles'
                ? { kind: 'roles', roles: [...config.roles] }
                : { kind: 'members', userIds: [...config.memberIds] },
        email: config.recipients !== 'none' && config.email,
        slackWebhookUrl: config.slackWebhookUrl || null,
      },
    ],
  }),
};
