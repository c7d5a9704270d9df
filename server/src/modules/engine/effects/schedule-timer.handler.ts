import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { FireTimerJob, JOBS, QUEUES } from '../../../core/queue/queue-contract';
import type { EffectExecution, EffectHandler, EffectResult } from './effect-handler';

export const TIMER_JOB_OPTIONS = { attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true } as const;

/** Parks the wait as a Bull delayed job whose id is the timer id, so a replay schedules it once. */
@Injectable()
export class ScheduleTimerHandler implements EffectHandler<'schedule_timer'> {
  readonly type = 'schedule_timer' as const;

  constructor(@InjectQueue(QUEUES.timers) private readonly timers: Queue) {}

  async execute({ effect, run, row }: EffectExecution<'schedule_timer'>): Promise<EffectResult> {
    // Counted from when the run reached the wait, not from when the outbox got to it.
    const dueAt = new Date(row.createdAt).getTime() + effect.delayMs;
    const job: FireTimerJob = { runId: run.id, timerId: effect.timerId };
    await this.timers.add(JOBS.fireTimer, job, { ...TIMER_JOB_OPTIONS, jobId: effect.timerId, delay: Math.max(0, dueAt - Date.now()) });
    return { due_at: new Date(dueAt).toISOString() };
  }
}
