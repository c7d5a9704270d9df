import { Injectable } from '@nestjs/common';
import { QueueGateway } from '../../../core/queue/queue-gateway';
import type { EffectExecution, EffectHandler, EffectRecord } from './effect-handler';

/** Parks the wait as a Bull delayed job whose id is the timer id, so a replay schedules it once. */
@Injectable()
export class ScheduleTimerHandler implements EffectHandler<'schedule_timer'> {
  readonly type = 'schedule_timer' as const;
  readonly outbound = false;

  constructor(private readonly queue: QueueGateway) {}

  async execute({ effect, run, row }: EffectExecution<'schedule_timer'>): Promise<EffectRecord> {
    // A smart delay names its instant (a window's opening); a fixed wait counts from when the run reached it, not
    // from when the outbox got to it.
    const dueAt = effect.dueAt ? Date.parse(effect.dueAt) : new Date(row.createdAt).getTime() + effect.delayMs;
    await this.queue.enqueue(
      'fireTimer',
      { runId: run.id, timerId: effect.timerId },
      { jobId: effect.timerId, delay: Math.max(0, dueAt - Date.now()) },
    );
    return () => Promise.resolve({ due_at: new Date(dueAt).toISOString() });
  }
}
