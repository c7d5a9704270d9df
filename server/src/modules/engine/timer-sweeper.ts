import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RecoverySweeper } from '../../core/housekeeping/recovery-sweeper';
import { QueueGateway } from '../../core/queue/queue-gateway';

const BATCH = 500;

/**
 * Timers are Bull delayed jobs, and Redis keeps nothing on disk: a Redis restart loses every pending delay and
 * question timeout. This re-queues the timer an open run still waits for once it is overdue; the job id is the
 * timer id, so a timer still in Redis is not doubled, and a timer the run no longer waits for does nothing.
 */
@Injectable()
export class TimerSweeper extends RecoverySweeper {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: QueueGateway,
  ) {
    super('timer sweep', { intervalMs: 15_000, graceMs: 15_000 });
  }

  protected async recover(graceMs: number): Promise<number> {
    const overdue: Array<{ run_id: string; timer_id: string }> = await this.dataSource.query(
      `SELECT run.id AS run_id, effect.effect->>'timerId' AS timer_id
         FROM flow_runs run
         JOIN run_effects effect ON effect.run_id = run.id AND effect.effect_type = 'schedule_timer' AND effect.status = 'done'
          AND effect.effect->>'timerId' = run.snapshot->'context'->'node'->>'timerId'
        WHERE run.status IN ('active', 'waiting')
          AND (effect.result->>'due_at')::timestamptz < now() - make_interval(secs => $1::double precision / 1000)
        LIMIT $2`,
      [graceMs, BATCH],
    );
    for (const { run_id: runId, timer_id: timerId } of overdue) {
      // Even a timer job that ran out of attempts: the timer can fire again.
      await this.queue.requeue('fireTimer', { runId, timerId }, timerId);
    }
    return overdue.length;
  }
}
