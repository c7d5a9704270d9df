import { InjectQueue } from '@nestjs/bull';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Job, Queue } from 'bull';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { DeliverWebhookJob, JOBS, QUEUES } from '../../core/queue/queue-contract';
import { WebhookDeliveryService } from './webhook-delivery.service';

/**
 * Registered at init rather than with `@Process`: its concurrency is WEBHOOKS_CONCURRENCY, and a decorator argument
 * would have to read the config when the file is imported. `queue.process` is what `@Process` calls.
 */
@Injectable()
export class DeliverWebhookProcessor implements OnModuleInit {
  constructor(
    private readonly deliveries: WebhookDeliveryService,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue<DeliverWebhookJob>,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'webhooks'>,
  ) {}

  onModuleInit(): void {
    void this.queue.process(JOBS.deliverWebhook.name, this.config.webhooks.concurrency, (job) => this.handle(job));
  }

  handle(job: Job<DeliverWebhookJob>): Promise<void> {
    return this.deliveries.deliver(job.data);
  }
}
