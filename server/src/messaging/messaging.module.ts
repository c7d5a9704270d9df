import { Global, Module } from '@nestjs/common';
import { GraphApiClient } from './graph-api.client';
import { InstagramSendLimiter } from './instagram-send-limiter';
import { MessagingService } from './messaging.service';
import { OutboundSendsStore } from './outbound-sends.store';

@Global()
@Module({
  providers: [GraphApiClient, InstagramSendLimiter, OutboundSendsStore, MessagingService],
  exports: [GraphApiClient, MessagingService],
})
export class MessagingModule {}
