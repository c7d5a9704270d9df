import { Module } from '@nestjs/common';
import { workerProviders } from '../../core/config/config';
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
  imports: [InboxModule, EngineModule, FlowVersionsModule, AccountsModule, ContactsModule, WebhooksModule, MessagingModule],
  providers: [FlowTriggersService, NextPostBinder, InstagramMediaStore, InboundRouterService, ...workerProviders([ProcessInboxEventProcessor])],
  exports: [InboundRouterService],
})
export class RoutingModule {}
