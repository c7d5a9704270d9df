import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { JOBS, ProcessInboxEventJob, QUEUES } from '../../core/queue/queue-contract';
import { InboundRouterService } from './inbound-router.service';

/**
 * Several jobs at once per process: each works in its contact's lane (InboxService.claimInLane), which keeps one
 * person's messages in the order Meta sent them across processes and hosts, while other people proceed in parallel.
 */
/** Lanes worked at once per process; each holds one lock connection (SessionLocks) while it works. */
const INBOUND_CONCURRENCY = 8;

@Processor(QUEUES.inbound)
export class ProcessInboxEventProcessor {
  constructor(private readonly router: InboundRouterService) {}

  @Process({ name: JOBS.processInboxEvent.name, concurrency: INBOUND_CONCURRENCY })
  handle(job: Job<ProcessInboxEventJob>): Promise<void> {
    return this.router.process(job.data.inboxEventId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
  }
}
