import { Module } from '@nestjs/common';
import { InboxModule } from '../inbox/inbox.module';
import { MetaWebhookController } from './meta-webhook.controller';
import { MetaWebhookService } from './meta-webhook.service';
import { MetricsModule } from '../../core/metrics/metrics.module';

@Module({
  imports: [InboxModule, MetricsModule],
  controllers: [MetaWebhookController],
  providers: [MetaWebhookService],
})
export class MetaModule {}
