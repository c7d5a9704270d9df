import { ContactsModule } from '../contacts/contacts.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { Module, OnModuleInit } from '@nestjs/common';
import { ErrorDialects } from '../../core/errors/error-dialects';
import { ErrorsModule } from '../../core/errors/errors.module';
import { RedisModule } from '../../core/redis/redis.module';
import { AccountsModule } from '../accounts/accounts.module';
import { InboxModule } from '../inbox/inbox.module';
import { MessagingModule } from '../messaging/messaging.module';
import { ACTION_API_PATH, sendActionApiError } from './action-api-exception.filter';
import { ActionApiController } from './action-api.controller';
import { ActionApiService } from './action-api.service';
import { HourlyLimitService } from './hourly-limit.service';
import { IdempotencyService } from './idempotency.service';

@Module({
  imports: [ErrorsModule, AccountsModule, MessagingModule, InboxModule, RedisModule, ContactsModule, ConversationsModule],
  controllers: [ActionApiController],
  providers: [ActionApiService, HourlyLimitService, IdempotencyService],
  exports: [ActionApiService],
})
export class ActionApiModule implements OnModuleInit {
  constructor(private readonly errorDialects: ErrorDialects) {}

  /** Body-parser failures on /api-webhook reach only the global filter; it answers them in InstantDM's body too. */
  onModuleInit(): void {
    this.errorDialects.register(ACTION_API_PATH, sendActionApiError);
  }
}
