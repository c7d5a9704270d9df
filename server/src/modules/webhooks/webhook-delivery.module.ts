import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkersModule } from '../../core/workers/workers.module';
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
import { MetricsModule } from '../../core/metrics/metrics.module';
import { WebhookBacklogMetrics } from './webhook-backlog-metrics';
import { WebhookDirectDelivery } from './webhook-direct-delivery';

/** The REST API for endpoints and the delivery log; `workers()` adds the relay loop and the delivery processor. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookDelivery, WebhookDeliveryAttempt]), WebhooksModule, AccountsModule, MetricsModule],
  controllers: [WebhooksController, WebhookDeliveriesController],
  providers: [WebhookDeliveryLogService, WebhookDeliveryService, WebhookDispatchService, WebhookBacklogMetrics],
  exports: [WebhookDeliveryService, WebhookDispatchService, WebhooksModule],
})
export class WebhookDeliveryModule {
  /**
   * The relay loop, the delivery processor, direct delivery of what this process's transactions record, and the pruner,
   * for processes that run workers (AppModule.forRole).
   */
  static workers(): DynamicModule {
    return WorkersModule.of(WebhookDeliveryModule, [WebhookRelayPoller, DeliverWebhookProcessor, WebhookDirectDelivery, WebhookPruner]);
  }
}
