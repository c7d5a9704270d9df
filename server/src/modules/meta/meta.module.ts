import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { InboxModule } from '../inbox/inbox.module';
import { MetaWebhookController } from './meta-webhook.controller';
import { ConnectedIgAccounts } from './connected-ig-accounts';
import { IngestAdmission } from './ingest-admission';
import { MetaWebhookService } from './meta-webhook.service';
import { MetricsModule } from '../../core/metrics/metrics.module';
import { AccountChangesModule } from '../../core/database/account-changes';

@Module({
  imports: [InboxModule, AccountsModule, MetricsModule, AccountChangesModule],
  controllers: [MetaWebhookController],
  providers: [MetaWebhookService, IngestAdmission, ConnectedIgAccounts],
})
export class MetaModule {}
