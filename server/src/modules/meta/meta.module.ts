import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { InboxModule } from '../inbox/inbox.module';
import { MetaWebhookController } from './meta-webhook.controller';
import { MetaWebhookService } from './meta-webhook.service';

@Module({
  imports: [InboxModule, AccountsModule],
  controllers: [MetaWebhookController],
  providers: [MetaWebhookService],
})
export class MetaModule {}
