import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { ExecuteRunEffectsJob, JOBS, QUEUES } from '../../core/queue/queue-contract';
import { EffectExecutor } from './effect-executor';

@Processor(QUEUES.outbound)
export class ExecuteRunEffectsProcessor {
  constructor(private readonly executor: EffectExecutor) {}

  @Process({ name: JOBS.executeRunEffects.name, concurrency: 8 })
  async handle(job: Job<ExecuteRunEffectsJob>): Promise<void> {
    await this.executor.drain(job.data.runId);
  }
}
