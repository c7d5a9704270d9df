import { Module } from '@nestjs/common';
import { RedisModule } from '../../core/redis/redis.module';
import { AccountsModule } from '../accounts/accounts.module';
import { AiModule } from '../ai/ai.module';
import { UsageController } from './usage.controller';
import { UsageService } from './usage.service';

// Apart from AccountsModule, which the CLI loads without Redis.
@Module({
  imports: [RedisModule, AccountsModule, AiModule],
  controllers: [UsageController],
  providers: [UsageService],
})
export class UsageModule {}
