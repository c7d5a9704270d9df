import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { FlowsModule } from '../flows/flows.module';
import { MessagingModule } from '../messaging/messaging.module';
import { MessengerProfileController } from './messenger-profile.controller';
import { MessengerProfileService } from './messenger-profile.service';
import { MessengerProfileStore } from './messenger-profile.store';

/** Conversation starters and persistent menu per Instagram account (owns the messenger_profiles table). */
@Module({
  imports: [AccountsModule, FlowsModule, MessagingModule],
  controllers: [MessengerProfileController],
  providers: [MessengerProfileService, MessengerProfileStore],
})
export class MessengerProfileModule {}
