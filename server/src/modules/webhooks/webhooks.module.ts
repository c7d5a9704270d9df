import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookEndpoint } from './entities/webhook-endpoint.entity';
import { WebhookEvent } from './entities/webhook-event.entity';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookEventsService } from './webhook-events.service';

/** Events and endpoints: needs only Postgres, so the CLI imports it too. Delivery lives in WebhookDeliveryModule. */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEvent, WebhookEndpoint])],
  providers: [WebhookEventsService, WebhookEndpointsService],
  exports: [WebhookEventsService, WebhookEndpointsService],
})
export class WebhooksModule {}
