import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EffectDispatcher } from './effect-dispatcher';

const SWEEP_INTERVAL_MS = 10_000;
/** Effects younger than this are still on their way through the queue. */
const GRACE_MS = 5_000;

/**
 * Re-dispatches outboxes whose job was lost: a crash between the commit and the enqueue, or a job that ran out
 * of retries. Runs at start-up (crash recovery) and then periodically, in worker processes only.
 */
@Injectable()
export class OutboxSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxSweeper.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dispatcher: EffectDispatcher,
  ) {}

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
      const rows: { run_id: string; last_id: string }[] = await this.dataSource.query(
        `SELECT run_id, max(id)::text AS last_id FROM run_effects
          WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1::double precision / 1000)
          GROUP BY run_id LIMIT 1000`,
        [graceMs],
      );
      // One job per run per outbox state and time bucket: repeated sweeps do not pile up jobs.
      const bucket = Math.floor(Date.now() / 60_000);
      for (const row of rows) await this.dispatcher.dispatch(row.run_id, `${row.last_id}:${bucket}`);
      if (rows.length) this.logger.log({ msg: 'outbox sweep re-dispatched runs', runs: rows.length });
      return rows.length;
    } catch (error) {
      this.logger.warn({ msg: 'outbox sweep failed', error: (error as Error).message });
      return 0;
    }
  }
}
