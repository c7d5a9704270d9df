import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { workerProviders } from '../../core/config/config';
import { AccountsModule } from '../accounts/accounts.module';
import { DeliverWebhookProcessor } from './deliver-webhook.processor';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookDeliveryAttempt } from './entities/webhook-delivery-attempt.entity';
import { WebhookDeliveriesController } from './webhook-deliveries.controller';
import { WebhookDeliveryLogService } from './webhook-delivery-log.service';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookDispatchService } from './webhook-dispatch.service';
import { WebhookPruner } from './webhook-pruner';
import { WebhookRelayPoller } from './webhook-relay.poller';
import { WebhooksController } from './webhooks.controller';
import { WebhooksModule } from './webhooks.module';

/** The REST API for endpoints and the delivery log, and (in worker processes) the relay loop and the delivery processor. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookDelivery, WebhookDeliveryAttempt]), WebhooksModule, AccountsModule],
  controllers: [WebhooksController, WebhookDeliveriesController],
  providers: [
    WebhookDeliveryLogService,
    WebhookDeliveryService,
    WebhookDispatchService,
    ...workerProviders([WebhookRelayPoller, DeliverWebhookProcessor, WebhookPruner]),
  ],
})
export class WebhookDeliveryModule {}
