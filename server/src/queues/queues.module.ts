import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { appConfig } from '../config/config';
import { ALL_QUEUES } from './queue-contract';

@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      useFactory: () => ({
        url: appConfig().redisUrl,
        prefix: appConfig().queuePrefix,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  exports: [BullModule],
})
export class QueuesModule {}
