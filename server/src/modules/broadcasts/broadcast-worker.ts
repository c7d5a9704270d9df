import { Injectable } from '@nestjs/common';
import { PeriodicTask } from '../../core/housekeeping/periodic-task';
import { BroadcastSender } from './broadcast-sender';

/** How often an idle worker looks for a due broadcast (scheduled ones start within this of their time). */
const POLL_MS = 1_000;

/**
 * Looks for due broadcasts and sends them, one at a time per process; broadcasts are durable in Postgres (status,
 * lease, recipient rows), so a scheduled one waits there and a crashed worker's one is taken over when its lease ends.
 */
@Injectable()
export class BroadcastWorker extends PeriodicTask {
  private busy = false;

  constructor(private readonly sender: BroadcastSender) {
    super('broadcasts', POLL_MS);
  }

  protected async runOnce(): Promise<number> {
    if (this.busy) return 0;
    this.busy = true;
    try {
      return await this.sender.sendDue();
    } finally {
      this.busy = false;
    }
  }
}
