// `npm run bench:analytics`: how long GET /v1/flows/:id/analytics takes over many runs. Seeds runs and their
// steps with SQL (the lead-gen flow's path), plus as many runs of another version as noise, then times the
// service over 30 days and over the whole range. Prints figures; asserts nothing about speed.
import 'reflect-metadata';
import { leadGenFlow } from '@dmflow/shared/testing';
import { createMigratedTestDatabase, useBenchEnvironment } from '../support/test-database';

const RUNS = Number(process.env.BENCH_RUNS ?? 50_000);
const REPEAT = 5;

// The lead-gen path of a completed run, and where open or cancelled runs stop (the question, left open).
const COMPLETED_PATH = [
  ['trigger', 'trigger', 'next'],
  ['welcome', 'send_message', 'next'],
  ['ask_email', 'question', 'answered'],
  ['is_gmail', 'condition', 'false'],
  ['wait', 'delay', 'next'],
  ['thanks', 'send_message', 'next'],
  ['end', 'end', null],
];

async function main(): Promise<void> {
  const database = await createMigratedTestDatabase();
  useBenchEnvironment(database.url);
  const { NestFactory } = await import('@nestjs/core');
  const { TypeOrmModule } = await import('@nestjs/typeorm');
  const { Module } = await import('@nestjs/common');
  const { DataSource } = await import('typeorm');
  const { ConfigModule } = await import('../../src/core/config/config.module');
  const { dataSourceOptions } = await import('../../src/core/database/data-source-options');
  const { AccountsModule } = await import('../../src/modules/accounts/accounts.module');
  const { AccountsService } = await import('../../src/modules/accounts/accounts.service');
  const { InstagramAccountsService } = await import('../../src/modules/accounts/instagram-accounts.service');
  const { FlowAnalyticsModule } = await import('../../src/modules/flow-analytics/flow-analytics.module');
  const { FlowAnalyticsService } = await import('../../src/modules/flow-analytics/flow-analytics.service');
  const { createPublishedFlow } = await import('../support/engine-fixtures');

  @Module({
    imports: [
      ConfigModule.forRoot(),
      TypeOrmModule.forRoot({ ...dataSourceOptions(database.url), autoLoadEntities: true }),
      AccountsModule,
      FlowAnalyticsModule,
    ],
  })
  class BenchModule {}

  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
  const dataSource = app.get(DataSource);
  const analytics = app.get(FlowAnalyticsService);
  try {
    const measured = await createPublishedFlow(
      dataSource,
      { accounts: app.get(AccountsService), instagramAccounts: app.get(InstagramAccountsService) },
      leadGenFlow(),
    );
    const noise = await createPublishedFlow(
      dataSource,
      { accounts: app.get(AccountsService), instagramAccounts: app.get(InstagramAccountsService) },
      leadGenFlow(),
      'Noise',
    );
    const seeding = performance.now();
    for (const fixture of [measured, noise]) await seed(dataSource, fixture);
    await dataSource.query('ANALYZE');
    const seedSeconds = (performance.now() - seeding) / 1000;
    const [{ steps }] = await dataSource.query('SELECT count(*)::int AS steps FROM run_steps');

    const time = async (query: { from?: string; to?: string }) => {
      const durations: number[] = [];
      let entered = 0;
      for (let i = 0; i < REPEAT; i++) {
        const startedAt = performance.now();
        entered = (await analytics.analytics(measured.accountId, measured.flowId, query)).runs.entered;
        durations.push(performance.now() - startedAt);
      }
      durations.sort((a, b) => a - b);
      return `median ${durations[Math.floor(REPEAT / 2)].toFixed(1)} ms over ${REPEAT} calls (${entered} runs counted)`;
    };
    const all = { from: new Date(Date.now() - 365 * 86_400_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    console.log(
      `dmflow flow analytics benchmark — ${RUNS} runs per version × 2 versions, ${steps} steps; seeded in ${seedSeconds.toFixed(1)} s`,
    );
    console.log(`  last 30 days (default range): ${await time({})}`);
    console.log(`  whole range (60 days):        ${await time(all)}`);
  } finally {
    await app.close();
    await database.drop();
  }
}

/** RUNS contacts and runs over the last 60 days: 80% completed, 10% waiting and 10% cancelled at the question. */
async function seed(
  dataSource: import('typeorm').DataSource,
  fixture: { accountId: string; instagramAccountId: string; flowId: string; flowVersionId: string },
): Promise<void> {
  await dataSource.query(
    `INSERT INTO contacts (account_id, instagram_account_id, ig_user_id, username) SELECT $1, $2, 'bench-' || g, 'user' || g FROM generate_series(1, $3) g`,
    [fixture.accountId, fixture.instagramAccountId, RUNS],
  );
  await dataSource.query(
    `INSERT INTO flow_runs (account_id, flow_id, flow_version_id, contact_id, status, current_node_id, snapshot, trigger, started_at)
     SELECT $1, $2, $3, c.id,
            CASE c.n % 10 WHEN 0 THEN 'waiting' WHEN 1 THEN 'cancelled' ELSE 'completed' END,
            CASE WHEN c.n % 10 IN (0, 1) THEN 'ask_email' ELSE 'end' END,
            '{}'::jsonb, '{"kind":"dm"}'::jsonb, now() - (c.n % 60) * interval '1 day'
       FROM (SELECT id, row_number() OVER () AS n FROM contacts WHERE instagram_account_id = $4) c`,
    [fixture.accountId, fixture.flowId, fixture.flowVersionId, fixture.instagramAccountId],
  );
  await dataSource.query(
    `INSERT INTO run_steps (run_id, account_id, flow_id, flow_version_id, node_id, node_type, ordinal, entered_at, exited_at, exit_port)
     SELECT r.id, r.account_id, r.flow_id, r.flow_version_id, p.node_id, p.node_type, p.ordinal, r.started_at,
            CASE WHEN r.status <> 'completed' AND p.ordinal = 3 THEN NULL ELSE r.started_at END,
            CASE WHEN r.status <> 'completed' AND p.ordinal = 3 THEN NULL ELSE p.exit_port END
       FROM flow_runs r
       JOIN jsonb_to_recordset($2::jsonb) AS p(node_id text, node_type text, exit_port text, ordinal int) ON r.status = 'completed' OR p.ordinal <= 3
      WHERE r.flow_version_id = $1`,
    [
      fixture.flowVersionId,
      JSON.stringify(
        COMPLETED_PATH.map(([nodeId, nodeType, exitPort], index) => ({
          node_id: nodeId,
          node_type: nodeType,
          exit_port: exitPort,
          ordinal: index + 1,
        })),
      ),
    ],
  );
}

main().catch((error: Error) => {
  console.error(`benchmark failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
