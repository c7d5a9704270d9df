import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { TeamNotification } from './entities/team-notification.entity';
import { NotificationMailer } from './notification-mailer';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { SlackWebhook } from './slack-webhook';
import { TeamNotificationsStore } from './team-notifications.store';

/** What flows tell the team: each member's inbox notifications, their emails (SMTP), and Slack-compatible webhooks. */
@Module({
  imports: [TypeOrmModule.forFeature([TeamNotification]), AccountsModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, TeamNotificationsStore, NotificationMailer, SlackWebhook],
  exports: [NotificationsService],
})
export class NotificationsModule {}
