import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JOBS, ProcessInboxEventJob, QUEUES } from '../../core/queue/queue-contract';
import { InboundRouterService } from './inbound-router.service';

/**
 * Concurrency 1 keeps one person's messages in the order Meta sent them (answers to a question must not
 * overtake each other); scale out with more worker processes.
 */
@Processor(QUEUES.inbound)
export class ProcessInboxEventProcessor {
  constructor(private readonly router: InboundRouterService) {}

  @Process({ name: JOBS.processInboxEvent.name, concurrency: 1 })
  handle(job: Job<ProcessInboxEventJob>): Promise<void> {
    return this.router.process(job.data.inboxEventId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
  }
}
