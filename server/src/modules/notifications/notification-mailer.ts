import { Injectable, Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { type AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';

export interface NotificationEmail {
  to: string;
  subject: string;
  text: string;
  /** Stable per effect and member, so a mail resent after a crash threads (and dedupes) as the same message. */
  messageId: string;
}

/** The SMTP server refused the mail or could not be reached; the effect is retried. */
export class TeamEmailFailed extends Error {}

/** Sends the team's notification emails over SMTP (SMTP_URL). */
@Injectable()
export class NotificationMailer {
  private readonly logger = new Logger('NotificationMailer');
  private transport: Transporter | null = null;

  constructor(@InjectAppConfig() private readonly config: Pick<AppConfig, 'smtp'>) {}

  get configured(): boolean {
    return this.config.smtp !== null;
  }

  /** The block asked for email but this server has no SMTP: not a failure, the inbox and Slack still go. */
  logSkipped(effectKey: string, members: number): void {
    this.logger.log(`team notification ${effectKey}: email to ${members} member(s) skipped, SMTP_URL is not set`);
  }

  /** Throws when the SMTP server refuses or cannot be reached (the effect is retried). */
  async send(email: NotificationEmail): Promise<void> {
    const smtp = this.config.smtp;
    if (!smtp) throw new Error('SMTP_URL is not set');
    this.transport ??= createTransport(smtp.url);
    try {
      await this.transport.sendMail({
        from: smtp.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        messageId: email.messageId,
      });
    } catch (error) {
      throw new TeamEmailFailed(error instanceof Error ? error.message : String(error));
    }
  }
}
