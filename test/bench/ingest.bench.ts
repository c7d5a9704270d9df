// `npm run bench:ingest`: signed Instagram comment webhooks into a real dmflow server (Postgres + Redis), at
// increasing offered rates, then flat out; and, on the same machine in the same run, a bare Node HTTP server
// that reads the body and answers 200, as the ceiling of what Node's HTTP layer gives this client.
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { createTenant, createTestDatabase, queryDatabase, startServer } from '../src/harness';
import { bareNodeServer, INGEST_ONLY_ENV, signedComments } from './ceilings';
import { closeAgent, LoadResult, offeredLoad, saturate } from './load';

const APP_SECRET = 'bench-app-secret';
const RATES = (process.env.BENCH_RATES ?? '100,250,500,1000,2000').split(',').map(Number);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
/** Where the server's .cpuprofile goes (`node scripts/cpu-profile-summary.mjs DIR` summarises it); none when unset. */
const PROFILE_DIR = process.env.BENCH_PROFILE_DIR ?? '';

function row(label: string, result: LoadResult): string {
  return `${label.padEnd(26)} ${result.ackedPerSecond.toFixed(0).padStart(8)} ${String(result.acked).padStart(7)} ${String(result.failed).padStart(7)} ${result.p50Ms.toFixed(1).padStart(8)} ${result.p99Ms.toFixed(1).padStart(8)}`;
}

async function main(): Promise<void> {
  process.stdout.write(
    `bench:ingest on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}; client and server share the machine\n`,
  );
  const database = await createTestDatabase('dmflow_bench');
  // ROLE=api: the process that answers Meta; workers would compete for the same two cores with the ack path.
  const server = await startServer({
    databaseUrl: database.url,
    env: { META_APP_SECRET: APP_SECRET, ROLE: 'api', LOG_LEVEL: 'warn', ...INGEST_ONLY_ENV },
    nodeArgs: PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${resolve(PROFILE_DIR)}`] : undefined,
  });
  const bare = await bareNodeServer();
  try {
    const tenant = await createTenant(server.env);
    const nextComment = signedComments(tenant.igUserId, APP_SECRET, 'bench');

    process.stdout.write(
      `\n${'step'.padEnd(26)} ${'acked/s'.padStart(8)} ${'acked'.padStart(7)} ${'refused'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}\n`,
    );
    await saturate(`${server.url}/meta/webhook`, 4, 1, nextComment); // warm-up
    for (const rate of RATES) {
      process.stdout.write(
        `${row(`dmflow offered ${rate}/s`, await offeredLoad(`${server.url}/meta/webhook`, rate, STEP_SECONDS, nextComment))}\n`,
      );
    }
    const dmflowMax = await saturate(`${server.url}/meta/webhook`, CONCURRENCY, STEP_SECONDS, nextComment);
    process.stdout.write(`${row(`dmflow flat out (c=${CONCURRENCY})`, dmflowMax)}\n`);
    await saturate(bare.url, 4, 1, nextComment);
    const bareMax = await saturate(bare.url, CONCURRENCY, STEP_SECONDS, nextComment);
    process.stdout.write(`${row(`bare Node http (c=${CONCURRENCY})`, bareMax)}\n`);

    const [{ stored }] = await queryDatabase<{ stored: string }>(database.url, 'SELECT count(*) AS stored FROM inbox_events');
    process.stdout.write(
      `\ndmflow acknowledged ${dmflowMax.ackedPerSecond.toFixed(0)} events/s flat out = ${((100 * dmflowMax.ackedPerSecond) / bareMax.ackedPerSecond).toFixed(1)}% of the bare Node server's ${bareMax.ackedPerSecond.toFixed(0)} req/s; inbox rows stored: ${stored}\n`,
    );
  } finally {
    closeAgent();
    await bare.close();
    await server.stop();
    await database.drop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`bench:ingest failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
