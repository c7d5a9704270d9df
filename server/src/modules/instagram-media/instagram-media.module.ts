import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { MessagingModule } from '../messaging/messaging.module';
import { InstagramMediaController } from './instagram-media.controller';
import { InstagramMediaService } from './instagram-media.service';

/** Lists a connected account's posts and reels (the editor's post picker); stores nothing. */
@Module({
  imports: [AccountsModule, MessagingModule],
  controllers: [InstagramMediaController],
  providers: [InstagramMediaService],
  exports: [InstagramMediaService],
})
export class InstagramMediaModule {}
