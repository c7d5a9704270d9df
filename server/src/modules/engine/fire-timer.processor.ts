import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { FireTimerJob, JOBS, QUEUES } from '../../core/queue/queue-contract';
import { EngineService } from './engine.service';

@Processor(QUEUES.timers)
export class FireTimerProcessor {
  constructor(private readonly engine: EngineService) {}

  @Process({ name: JOBS.fireTimer.name, concurrency: 8 })
  async handle(job: Job<FireTimerJob>): Promise<void> {
    await this.engine.fireTimer(job.data.runId, job.data.timerId);
  }
}
