import { Injectable } from '@nestjs/common';
import { ContactsService } from '../../contacts/contacts.service';
import { TeamEmailFailed } from '../../notifications/notification-mailer';
import { NotificationsService } from '../../notifications/notifications.service';
import {
  callAfterClaim,
  EffectFailure,
  type EffectExecution,
  type EffectRecord,
  type OutboundCall,
  type OutboundEffectHandler,
} from './effect-handler';

/**
 * The "Notify the team" block: members' inbox notifications, their emails and a Slack-compatible webhook, keyed by
 * the effect so a retry notifies nobody twice. A Slack answer other than 2xx is retried like any call, then fails
 * the effect with the hook's answer as the reason; email without SMTP configured is skipped, not failed.
 */
@Injectable()
export class NotifyTeamHandler implements OutboundEffectHandler<'notify_team'> {
  readonly type = 'notify_team' as const;
  readonly outbound = true;

  constructor(
    private readonly notifications: NotificationsService,
    private readonly contacts: ContactsService,
  ) {}

  claim(execution: EffectExecution<'notify_team'>): Promise<OutboundCall> {
    return callAfterClaim(() => this.notify(execution));
  }

  private async notify({ effect, row, run }: EffectExecution<'notify_team'>): Promise<EffectRecord> {
    const contact = await this.contacts.getById(run.contactId);
    const outcome = await emailFailure(() =>
      this.notifications.notify({
        accountId: run.accountId,
        effectKey: row.effectKey,
        runId: run.id,
        flowId: run.flowId,
        contactId: run.contactId,
        contactUsername: contact.username,
        text: effect.text,
        members: effect.members,
        email: effect.email,
        slackWebhookUrl: effect.slackWebhookUrl,
      }),
    );
    if (outcome.slack?.error) throw new EffectFailure(`slack_webhook_failed: ${outcome.slack.error}`, true);
    return () => Promise.resolve({ notified: outcome.notified, email: outcome.email, slack_status: outcome.slack?.status ?? null });
  }
}

async function emailFailure<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof TeamEmailFailed) throw new EffectFailure(`team_email_failed: ${error.message}`, true);
    throw error;
  }
}
