// `npm run bench:engine`: runs/s and events/s for the lead-gen flow (8 blocks) through a fresh Postgres
// database, Redis queues and the sandbox Graph API. Prints figures; asserts nothing about speed.
import 'reflect-metadata';
import { leadGenFlow } from '@dmflow/shared/testing';
import { createMigratedTestDatabase, useBenchEnvironment } from '../support/test-database';
import { startGraphSandboxForSpecs } from '../support/graph-sandbox';
import { waitUntil } from '../support/wait-until';

const RUNS = Number(process.env.BENCH_RUNS ?? 300);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function inParallel<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

function rate(count: number, startedAt: number): string {
  const seconds = (performance.now() - startedAt) / 1000;
  return `${(count / seconds).toFixed(1)}/s (${count} in ${seconds.toFixed(2)} s)`;
}

async function main(): Promise<void> {
  const database = await createMigratedTestDatabase();
  const graph = await startGraphSandboxForSpecs();
  useBenchEnvironment(database.url, { META_GRAPH_URL: graph.graphUrl });
  const { NestFactory } = await import('@nestjs/core');
  const { TypeOrmModule } = await import('@nestjs/typeorm');
  const { getQueueToken } = await import('@nestjs/bull');
  const { Module } = await import('@nestjs/common');
  const { DataSource } = await import('typeorm');
  const { dataSourceOptions } = await import('../../src/core/database/data-source-options');
  const { ConfigModule } = await import('../../src/core/config/config.module');
  const { FaultsModule } = await import('../../src/core/faults/faults.module');
  const { QueuesModule } = await import('../../src/core/queue/queues.module');
  const { ALL_QUEUES } = await import('../../src/core/queue/queue-contract');
  const { AccountsModule } = await import('../../src/modules/accounts/accounts.module');
  const { AccountsService } = await import('../../src/modules/accounts/accounts.service');
  const { InstagramAccountsService } = await import('../../src/modules/accounts/instagram-accounts.service');
  const { MessagingModule } = await import('../../src/modules/messaging/messaging.module');
  const { WebhooksModule } = await import('../../src/modules/webhooks/webhooks.module');
  const { EngineModule } = await import('../../src/modules/engine/engine.module');
  const { EngineService } = await import('../../src/modules/engine/engine.service');
  const { createContact, createPublishedFlow } = await import('../support/engine-fixtures');

  @Module({
    imports: [
      ConfigModule.forRoot(),
      FaultsModule.forRoot(),
      TypeOrmModule.forRoot({ ...dataSourceOptions(database.url), autoLoadEntities: true }),
      QueuesModule,
      AccountsModule,
      MessagingModule,
      WebhooksModule,
      EngineModule,
      EngineModule.workers(),
    ],
  })
  class BenchModule {}

  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
  const dataSource = app.get(DataSource);
  const engine = app.get(EngineService);
  try {
    const fixture = await createPublishedFlow(
      dataSource,
      { accounts: app.get(AccountsService), instagramAccounts: app.get(InstagramAccountsService) },
      leadGenFlow({ delaySeconds: 1 }),
    );
    const contacts: string[] = [];
    for (let i = 0; i < RUNS; i++)
      contacts.push(await createContact(dataSource, fixture, `9000${String(i).padStart(10, '0')}`, `bench${i}`));

    let startedAt = performance.now();
    await inParallel(contacts, (contactId) =>
      engine.startRun({ flowVersionId: fixture.flowVersionId, contactId, trigger: { kind: 'dm', text: 'guide' } }),
    );
    const startRate = rate(RUNS, startedAt);

    startedAt = performance.now();
    await inParallel(contacts, (contactId) => engine.deliverMessage(contactId, { text: 'not an email' }));
    await inParallel(contacts, (contactId) => engine.deliverMessage(contactId, { text: `${contactId.slice(0, 8)}@gmail.com` }));
    const eventRate = rate(RUNS * 2, startedAt);

    startedAt = performance.now();
    await waitUntil(
      async () => Number((await dataSource.query(`SELECT count(*) FROM flow_runs WHERE status = 'completed'`))[0].count) === RUNS,
      300_000,
      'every run to complete',
    );
    await waitUntil(
      async () => Number((await dataSource.query(`SELECT count(*) FROM run_effects WHERE status = 'pending'`))[0].count) === 0,
      300_000,
      'outbox drained',
    );
    const [{ count: effects }] = await dataSource.query(`SELECT count(*) FROM run_effects`);
    const drainSeconds = (performance.now() - startedAt) / 1000;

    console.log(`dmflow engine benchmark — lead-gen flow (8 blocks), ${RUNS} contacts, concurrency ${CONCURRENCY}`);
    console.log(`  runs started (trigger → message → question, snapshot + outbox committed): ${startRate}`);
    console.log(`  events applied (answers: 1 invalid + 1 valid per run, each a transaction):  ${eventRate}`);
    console.log(
      `  effects executed through Bull + Graph API stand-in: ${effects} effects, ${graph.calls().length} sends; all runs completed ${drainSeconds.toFixed(2)} s after the last answer (includes the 1 s delay block)`,
    );
  } finally {
    for (const name of ALL_QUEUES)
      await app
        .get(getQueueToken(name))
        .obliterate({ force: true })
        .catch(() => undefined);
    await app.close();
    await graph.close();
    await database.drop();
  }
}

main().catch((error: Error) => {
  console.error(`benchmark failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
