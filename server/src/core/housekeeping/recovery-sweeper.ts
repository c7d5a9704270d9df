import { PeriodicTask } from './periodic-task';

export interface SweepSchedule {
  intervalMs: number;
  /** Work younger than this is still on its way through the queue; the start-up sweep takes everything. */
  graceMs: number;
}

/**
 * Re-queues work a crash or a Redis outage left behind: once at start-up, then periodically.
 * Subclasses say what to recover; registered in worker processes only.
 */
export abstract class RecoverySweeper extends PeriodicTask {
  protected constructor(
    name: string,
    private readonly schedule: SweepSchedule,
  ) {
    super(name, schedule.intervalMs);
  }

  /** Recovers what is older than `graceMs`; returns how many items it re-queued. */
  protected abstract recover(graceMs: number): Promise<number>;

  protected runOnce(startup: boolean): Promise<number> {
    return this.recover(startup ? 0 : this.schedule.graceMs);
  }
}
