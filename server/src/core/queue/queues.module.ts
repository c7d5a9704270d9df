import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ALL_QUEUES } from './queue-contract';
import { QueueGateway } from './queue-gateway';
import { QueueInspector } from './queue-inspector';
import { DeadWorkerJobs } from './dead-worker-jobs';
import { LivenessModule } from '../liveness/liveness.module';

@Global()
@Module({
  imports: [
    LivenessModule,
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        url: config.redisUrl,
        prefix: config.queuePrefix,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
        // A job whose worker died is handed to another once its lock is gone and a stalled-job check (every
        // stalledInterval) sees it: DeadWorkerJobs releases a dead process's locks at once; a lock it cannot tell
        // (an unknown worker) expires after lockDuration (renewed every lockDuration / 2 while the job runs).
        // Jobs are safe to run twice (Postgres holds the truth), and one job may stall twice (a crash, then another).
        settings: { lockDuration: 15_000, stalledInterval: 1_000, maxStalledCount: 2 },
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [QueueGateway, QueueInspector, DeadWorkerJobs],
  exports: [BullModule, QueueGateway, QueueInspector],
})
export class QueuesModule {}
