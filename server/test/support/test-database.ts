import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '../../src/core/database/run-migrations';

const ADMIN_DATABASE_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface MigratedTestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database for one integration spec file: specs never share state. */
export async function createMigratedTestDatabase(): Promise<MigratedTestDatabase> {
  const name = `dmflow_it_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Sets the environment loadConfig() reads (ConfigModule.forRoot()), for specs that boot Nest modules in-process. */
export function useTestEnvironment(databaseUrl: string, overrides: Record<string, string> = {}): void {
  Object.assign(process.env, {
    PORT: '3000',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    META_APP_SECRET: 'test-app-secret',
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    QUEUE_PREFIX: `dmflow_it_${randomBytes(4).toString('hex')}`,
    ...overrides,
  });
}

/** The environment for a benchmark process: like a spec's, with quiet logs and a bench queue prefix. */
export function useBenchEnvironment(databaseUrl: string, overrides: Record<string, string> = {}): void {
  useTestEnvironment(databaseUrl, {
    META_APP_SECRET: 'bench-app-secret',
    QUEUE_PREFIX: `dmflow_bench_${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'warn',
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...overrides,
  });
}
