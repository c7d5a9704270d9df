import { Module } from '@nestjs/common';
import { RedisModule } from '../../core/redis/redis.module';
import { AccountsModule } from '../accounts/accounts.module';
import { MessagingModule } from '../messaging/messaging.module';
import { ActionApiController } from './action-api.controller';
import { ActionApiService } from './action-api.service';
import { HourlyLimitService } from './hourly-limit.service';
import { IdempotencyService } from './idempotency.service';

@Module({
  imports: [AccountsModule, MessagingModule, RedisModule],
  controllers: [ActionApiController],
  providers: [ActionApiService, HourlyLimitService, IdempotencyService],
})
export class ActionApiModule {}
