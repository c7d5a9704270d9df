import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookEvent } from './entities/webhook-event.entity';
import { WebhookEventsService } from './webhook-events.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEvent])],
  providers: [WebhookEventsService],
  exports: [WebhookEventsService],
})
export class WebhooksModule {}
