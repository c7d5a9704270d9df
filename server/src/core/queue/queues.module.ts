import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { ALL_QUEUES } from './queue-contract';
import { QueueGateway } from './queue-gateway';
import { QueueInspector } from './queue-inspector';

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        url: config.redisUrl,
        prefix: config.queuePrefix,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
        // A job whose worker died is handed to another after at most lockDuration + stalledInterval (Bull's default
        // 30 s + 30 s made a crashed process's jobs wait a minute). Locks are renewed every lockDuration / 2.
        // Jobs are safe to run twice (Postgres holds the truth), and one job may stall twice (a crash, then another).
        settings: { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 2 },
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [QueueGateway, QueueInspector],
  exports: [BullModule, QueueGateway, QueueInspector],
})
export class QueuesModule {}
