import type { EffectOf } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import type { Page, PageQueryDto } from '../../core/http/pagination';
import { PeopleService } from '../accounts/people/people.service';
import type { TeamNotification } from './entities/team-notification.entity';
import { NotificationErrors } from './notifications.errors';
import { NotificationMailer } from './notification-mailer';
import { SlackWebhook } from './slack-webhook';
import { TeamNotificationsStore } from './team-notifications.store';

export interface TeamNotice {
  accountId: string;
  effectKey: string;
  runId: string;
  flowId: string;
  contactId: string;
  contactUsername: string | null;
  text: string;
  members: EffectOf<'notify_team'>['members'];
  email: boolean;
  slackWebhookUrl: string | null;
}

export interface TeamNoticeOutcome {
  notified: number;
  /** `skipped`: SMTP is not configured; `not_asked`: the block does not email. */
  email: { sent: number; status: 'sent' | 'skipped' | 'not_asked' };
  slack: { status: number | null; error: string | null } | null;
}

/** The "Notify the team" block's three channels, and each member's list of what they were told. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly people: PeopleService,
    private readonly store: TeamNotificationsStore,
    private readonly mailer: NotificationMailer,
    private readonly slack: SlackWebhook,
  ) {}

  /**
   * Inbox first, then email, then Slack, each at most once per effect: a retry (the Slack hook answered 500) finds
   * the members it already notified and emailed. The Slack outcome is returned, not thrown: the engine decides.
   */
  async notify(notice: TeamNotice): Promise<TeamNoticeOutcome> {
    const recipients = await this.recipients(notice.accountId, notice.members);
    const rows = await this.store.addOnce(notice, [...recipients.keys()]);
    let sent = 0;
    let status: TeamNoticeOutcome['email']['status'] = notice.email ? 'sent' : 'not_asked';
    if (notice.email && !this.mailer.configured) status = 'skipped';
    for (const row of notice.email && this.mailer.configured ? rows : []) {
      const to = recipients.get(row.userId);
      if (row.emailedAt || !to) continue;
      await this.mailer.send({
        to,
        subject: `dmflow: ${firstLine(notice.text)}`,
        text: emailText(notice),
        messageId: `<${row.id}@notifications.dmflow>`,
      });
      await this.store.markEmailed(row.id);
      sent += 1;
    }
    if (status === 'skipped') this.mailer.logSkipped(notice.effectKey, rows.length);
    const slack = notice.slackWebhookUrl ? await this.slack.post(notice.slackWebhookUrl, slackText(notice), notice.effectKey) : null;
    return { notified: rows.length, email: { sent, status }, slack: slack && { status: slack.status, error: slack.error } };
  }

  list(accountId: string, userId: string, query: PageQueryDto & { unread?: boolean }): Promise<Page<TeamNotification>> {
    return this.store.page(accountId, userId, query);
  }

  async markRead(accountId: string, userId: string, id: string): Promise<TeamNotification> {
    const notification = await this.store.markRead(accountId, userId, id);
    if (!notification) throw NotificationErrors.notFound(id);
    return notification;
  }

  /** The chosen members' user ids and emails; ids of people no longer in the workspace are dropped. */
  private async recipients(accountId: string, members: TeamNotice['members']): Promise<Map<string, string>> {
    if (!members) return new Map();
    const all = await this.people.listMembers(accountId);
    const chosen = all.filter((member) =>
      members.kind === 'all'
        ? true
        : members.kind === 'roles'
          ? (members.roles as string[]).includes(member.role)
          : members.userIds.includes(member.user_id),
    );
    return new Map(chosen.map((member) => [member.user_id, member.email]));
  }
}

function firstLine(text: string): string {
  const line = text.split('\n')[0].trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function about(notice: TeamNotice): string {
  return notice.contactUsername ? `@${notice.contactUsername}` : 'a contact';
}

function emailText(notice: TeamNotice): string {
  return `${notice.text}\n\nAbout the conversation with ${about(notice)}: open it from Notifications in dmflow's live chat inbox.\n`;
}

function slackText(notice: TeamNotice): string {
  return `${notice.text}\n(conversation with ${about(notice)} — see the live chat inbox)`;
}
