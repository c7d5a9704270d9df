import { Injectable } from '@nestjs/common';
import { RecoverySweeper } from '../../core/housekeeping/recovery-sweeper';
import { InboxService } from './inbox.service';

const BATCH = 500;

/**
 * Re-queues inbox rows left pending by a crash (between the commit and the enqueue, or mid-processing) or a
 * Redis outage. Job id = row id, so a row still in the queue is not duplicated.
 */
@Injectable()
export class InboxSweeper extends RecoverySweeper {
  constructor(private readonly inbox: InboxService) {
    super('inbox sweep', { intervalMs: 15_000, graceMs: 30_000 });
  }

  protected async recover(graceMs: number): Promise<number> {
    return this.inbox.requeue(await this.inbox.unfinished(graceMs, BATCH));
  }
}
