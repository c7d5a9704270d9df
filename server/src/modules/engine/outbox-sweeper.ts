import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RecoverySweeper } from '../../core/housekeeping/recovery-sweeper';
import { EffectDispatcher } from './effect-dispatcher';

/**
 * Re-dispatches outboxes whose job was lost: a crash between the commit and the enqueue, or a job that ran out
 * of retries.
 */
@Injectable()
export class OutboxSweeper extends RecoverySweeper {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dispatcher: EffectDispatcher,
  ) {
    super('outbox sweep', { intervalMs: 10_000, graceMs: 5_000 });
  }

  protected async recover(graceMs: number): Promise<number> {
    const rows: { run_id: string; last_id: string }[] = await this.dataSource.query(
      `SELECT run_id, max(id)::text AS last_id FROM run_effects
        WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1::double precision / 1000)
        GROUP BY run_id LIMIT 1000`,
      [graceMs],
    );
    // One job per run per outbox state and time bucket: repeated sweeps do not pile up jobs.
    const bucket = Math.floor(Date.now() / 60_000);
    for (const row of rows) await this.dispatcher.dispatch(row.run_id, `${row.last_id}:${bucket}`);
    return rows.length;
  }
}
