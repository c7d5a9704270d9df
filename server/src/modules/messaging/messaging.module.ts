import { DynamicModule, Module } from '@nestjs/common';
import { RedisModule } from '../../core/redis/redis.module';
import { WorkersModule } from '../../core/workers/workers.module';
import { AccountsModule } from '../accounts/accounts.module';
import { ContactsModule } from '../contacts/contacts.module';
import { GraphApiClient } from './graph-api.client';
import { InstagramSendLimiter } from './instagram-send-limiter';
import { MessagingService } from './messaging.service';
import { OutboundSendsPruner } from './outbound-sends-pruner';
import { OutboundSendsStore } from './outbound-sends.store';
import { SendReconciler } from './send-reconciler';
import { MetricsModule } from '../../core/metrics/metrics.module';

@Module({
  // RedisModule is global; imported here too so a spec or CLI that loads MessagingModule alone gets the counters.
  imports: [RedisModule, AccountsModule, ContactsModule, MetricsModule],
  providers: [GraphApiClient, InstagramSendLimiter, OutboundSendsStore, SendReconciler, MessagingService],
  exports: [GraphApiClient, MessagingService],
})
export class MessagingModule {
  /** The sent-messages pruner, for processes that run workers (AppModule.forRole). */
  static workers(): DynamicModule {
    return WorkersModule.of(MessagingModule, [OutboundSendsPruner]);
  }
}
