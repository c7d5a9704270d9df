import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

export interface SweepSchedule {
  intervalMs: number;
  /** Work younger than this is still on its way through the queue; the start-up sweep takes everything. */
  graceMs: number;
}

/**
 * Re-queues work a crash or a Redis outage left behind: once at start-up, then periodically.
 * Subclasses say what to recover; registered in worker processes only.
 */
export abstract class RecoverySweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;

  protected constructor(
    private readonly name: string,
    private readonly schedule: SweepSchedule,
    private readonly logger: Logger = new Logger(name),
  ) {}

  /** Recovers what is older than `graceMs`; returns how many items it re-queued. */
  protected abstract recover(graceMs: number): Promise<number>;

  onApplicationBootstrap(): void {
    void this.sweep(0);
    this.timer = setInterval(() => void this.sweep(this.schedule.graceMs), this.schedule.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(graceMs: number): Promise<number> {
    try {
      const recovered = await this.recover(graceMs);
      if (recovered) this.logger.log({ msg: `${this.name} re-queued work`, items: recovered });
      return recovered;
    } catch (error) {
      this.logger.warn({ msg: `${this.name} failed`, error: (error as Error).message });
      return 0;
    }
  }
}
