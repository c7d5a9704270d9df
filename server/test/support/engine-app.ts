import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { INestApplicationContext } from '@nestjs/common';
import { ConfigModule } from '../../src/core/config/config.module';
import { dataSourceOptions } from '../../src/core/database/data-source-options';
import { FaultsModule } from '../../src/core/faults/faults.module';
import { QueuesModule } from '../../src/core/queue/queues.module';
import { RedisModule } from '../../src/core/redis/redis.module';
import { AccountsModule } from '../../src/modules/accounts/accounts.module';
import { ContactsModule } from '../../src/modules/contacts/contacts.module';
import { MessagingModule } from '../../src/modules/messaging/messaging.module';
import { WebhooksModule } from '../../src/modules/webhooks/webhooks.module';

/**
 * The engine with its workers and the runs module, booted in-process against the spec's database, as engine specs use
 * it. Call after useTestEnvironment: the modules read their configuration (and the engine's imports it) when loaded.
 */
export async function startEngineApp(databaseUrl: string): Promise<INestApplicationContext> {
  const { EngineModule } = await import('../../src/modules/engine/engine.module');
  const { RunsModule } = await import('../../src/modules/runs/runs.module');
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(),
      FaultsModule.forRoot(),
      TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), autoLoadEntities: true }),
      QueuesModule,
      RedisModule,
      AccountsModule,
      ContactsModule,
      MessagingModule,
      WebhooksModule,
      EngineModule,
      EngineModule.workers(),
      RunsModule,
    ],
  }).compile();
  return moduleRef.init();
}
