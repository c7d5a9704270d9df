import { DynamicModule, Global, Module } from '@nestjs/common';
import { RedisModule } from '../../core/redis/redis.module';
import { WorkersModule } from '../../core/workers/workers.module';
import { GraphApiClient } from './graph-api.client';
import { InstagramSendLimiter } from './instagram-send-limiter';
import { MessagingService } from './messaging.service';
import { OutboundSendsPruner } from './outbound-sends-pruner';
import { OutboundSendsStore } from './outbound-sends.store';

@Global()
@Module({
  // Imported here too (it is global) so a spec or CLI that loads MessagingModule alone gets the counters.
  imports: [RedisModule],
  providers: [GraphApiClient, InstagramSendLimiter, OutboundSendsStore, MessagingService],
  exports: [GraphApiClient, MessagingService],
})
export class MessagingModule {
  /** The sent-messages pruner, for processes that run workers (AppModule.forRole). */
  static workers(): DynamicModule {
    return WorkersModule.of(MessagingModule, [OutboundSendsPruner]);
  }
}
