import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { ContactsModule } from '../contacts/contacts.module';
import { ConversationsModule } from '../conversations/conversations.module';
import { EngineModule } from '../engine/engine.module';
import { MessagingModule } from '../messaging/messaging.module';
import { HumanReplyService } from './human-reply.service';
import { InboxStreamController } from './inbox-stream.controller';
import { InboxStreamService } from './inbox-stream.service';
import { InboxController, LiveChatSettingsController } from './inbox.controller';
import { TakeoverService } from './takeover.service';

/** The team's side of conversations: the inbox, replies through the one send path, take-over, assignment, live updates. */
@Module({
  imports: [AccountsModule, ContactsModule, ConversationsModule, EngineModule, MessagingModule],
  // The stream's fixed path comes before `:contactId`.
  controllers: [InboxStreamController, InboxController, LiveChatSettingsController],
  providers: [HumanReplyService, TakeoverService, InboxStreamService],
})
export class LiveChatModule {}
