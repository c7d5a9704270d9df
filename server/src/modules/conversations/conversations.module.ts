import { AssignmentService } from './assignment.service';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { ContactsModule } from '../contacts/contacts.module';
import { ConversationMessagesStore } from './conversation-messages.store';
import { ConversationNotesStore } from './conversation-notes.store';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { ConversationsStore } from './conversations.store';
import { ConversationMessage } from './entities/conversation-message.entity';
import { ConversationNote } from './entities/conversation-note.entity';
import { Conversation } from './entities/conversation.entity';
import { LiveChatSettings } from './entities/live-chat-settings.entity';
import { LiveChatSettingsStore } from './live-chat-settings.store';

/** Conversation history (every message in and out per contact) and each conversation's inbox state. */
@Module({
  imports: [
    TypeOrmModule.forFeature([ConversationMessage, Conversation, ConversationNote, LiveChatSettings]),
    AccountsModule,
    ContactsModule,
  ],
  controllers: [ConversationsController],
  providers: [
    AssignmentService,
    ConversationsService,
    ConversationMessagesStore,
    ConversationsStore,
    ConversationNotesStore,
    LiveChatSettingsStore,
  ],
  exports: [ConversationsService, AssignmentService],
})
export class ConversationsModule {}
