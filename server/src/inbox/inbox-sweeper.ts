import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InboxService } from './inbox.service';

const SWEEP_INTERVAL_MS = 15_000;
/** Rows younger than this are still on their way through the queue. */
const GRACE_MS = 30_000;
const BATCH = 500;

/**
 * Re-queues inbox rows left pending by a crash (between the commit and the enqueue, or mid-processing) or a
 * Redis outage. Runs at start-up and then periodically, in worker processes only. Job id = row id, so a row
 * still in the queue is not duplicated.
 */
@Injectable()
export class InboxSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InboxSweeper.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly inbox: InboxService) {}

  onApplicationBootstrap(): void {
    void this.sweep(0);
    this.timer = setInterval(() => void this.sweep(GRACE_MS), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(graceMs: number): Promise<number> {
    try {
      const ids = await this.inbox.unfinished(graceMs, BATCH);
      const queued = await this.inbox.requeue(ids);
      if (queued) this.logger.log({ msg: 'inbox sweep re-queued events', events: queued });
      return queued;
    } catch (error) {
      this.logger.warn({ msg: 'inbox sweep failed', error: (error as Error).message });
      return 0;
    }
  }
}
