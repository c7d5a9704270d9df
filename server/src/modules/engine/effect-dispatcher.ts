import { Injectable } from '@nestjs/common';
import { QueueGateway } from '../../core/queue/queue-gateway';

/** Puts a run's outbox in line for execution. Queues carry ids; Postgres holds the effects. */
@Injectable()
export class EffectDispatcher {
  constructor(private readonly queue: QueueGateway) {}

  /** `dedupeKey` makes repeated enqueues of the same outbox state one job (e.g. the sweeper and a restart). */
  async dispatch(runId: string, dedupeKey?: string): Promise<void> {
    await this.queue.enqueue('executeRunEffects', { runId }, { jobId: dedupeKey ? `effects:${runId}:${dedupeKey}` : undefined });
  }
}
