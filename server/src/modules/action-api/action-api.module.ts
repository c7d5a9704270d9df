import { Module } from '@nestjs/common';
import { ActionApiController } from './action-api.controller';
import { ActionApiService } from './action-api.service';
import { HourlyLimitService } from './hourly-limit.service';
import { IdempotencyService } from './idempotency.service';

@Module({
  controllers: [ActionApiController],
  providers: [ActionApiService, HourlyLimitService, IdempotencyService],
})
export class ActionApiModule {}
