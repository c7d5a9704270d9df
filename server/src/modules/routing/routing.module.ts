import { ConversationsModule } from '../conversations/conversations.module';
import { DynamicModule, Module } from '@nestjs/common';
import { WorkersModule } from '../../core/workers/workers.module';
import { AccountChangesModule } from '../../core/database/account-changes';
import { AccountsModule } from '../accounts/accounts.module';
import { ContactsModule } from '../contacts/contacts.module';
import { EngineModule } from '../engine/engine.module';
import { FlowVersionsModule } from '../flows/flow-versions.module';
import { InboxModule } from '../inbox/inbox.module';
import { MessagingModule } from '../messaging/messaging.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { FlowTriggersService } from './flow-triggers.service';
import { InboundRouterService } from './inbound-router.service';
import { InstagramMediaStore } from './instagram-media.store';
import { NextPostBinder } from './next-post-binder';
import { ProcessInboxEventProcessor } from './process-inbox-event.processor';

@Module({
  imports: [
    AccountChangesModule,
    ConversationsModule,
    InboxModule,
    EngineModule,
    FlowVersionsModule,
    AccountsModule,
    ContactsModule,
    WebhooksModule,
    MessagingModule,
  ],
  providers: [FlowTriggersService, NextPostBinder, InstagramMediaStore, InboundRouterService],
  exports: [InboundRouterService],
})
export class RoutingModule {
  /** The inbound queue's processor, for processes that run workers (AppModule.forRole). */
  static workers(): DynamicModule {
    return WorkersModule.of(RoutingModule, [ProcessInboxEventProcessor]);
  }
}
