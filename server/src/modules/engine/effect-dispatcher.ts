import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { ExecuteRunEffectsJob, JOBS, QUEUES } from '../../core/queue/queue-contract';

/** Puts a run's outbox in line for execution. Queues carry ids; Postgres holds the effects. */
@Injectable()
export class EffectDispatcher {
  constructor(@InjectQueue(QUEUES.outbound) private readonly outbound: Queue) {}

  /** `dedupeKey` makes repeated enqueues of the same outbox state one job (e.g. the sweeper and a restart). */
  async dispatch(runId: string, dedupeKey?: string): Promise<void> {
    const job: ExecuteRunEffectsJob = { runId };
    await this.outbound.add(JOBS.executeRunEffects, job, {
      jobId: dedupeKey ? `effects:${runId}:${dedupeKey}` : undefined,
      attempts: 8,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: true,
    });
  }
}
