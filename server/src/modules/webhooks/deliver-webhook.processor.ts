import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { appConfig } from '../../core/config/config';
import { DeliverWebhookJob, JOBS, QUEUES } from '../../core/queue/queue-contract';
import { WebhookDeliveryService } from './webhook-delivery.service';

@Processor(QUEUES.webhooks)
export class DeliverWebhookProcessor {
  constructor(private readonly deliveries: WebhookDeliveryService) {}

  @Process({ name: JOBS.deliverWebhook, concurrency: appConfig().webhooks.concurrency })
  handle(job: Job<DeliverWebhookJob>): Promise<void> {
    return this.deliveries.deliver(job.data);
  }
}
