import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createFromMigratedTemplate } from '@dmflow/shared/testing';
import { Client } from 'pg';
import { runMigrations } from '../../src/core/database/run-migrations';

const ADMIN_DATABASE_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface MigratedTestDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin(sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Array<Record<string, unknown>>;
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const MIGRATIONS_SOURCE = join(__dirname, '..', '..', 'src', 'core', 'database', 'migrations');

/** A hash of the migrations' source: an edited migration gets a new template. */
function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_SOURCE).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS_SOURCE, file)));
  return hash.digest('hex');
}

/** A fresh, migrated database for one integration spec file (a copy of a template migrated once): specs never share state. */
export async function createMigratedTestDatabase(): Promise<MigratedTestDatabase> {
  const name = `dmflow_it_${randomBytes(5).toString('hex')}`;
  await createFromMigratedTemplate({
    admin,
    name,
    fingerprint: `src${migrationsFingerprint()}`,
    migrate: async (templateName) => void (await runMigrations(databaseUrl(templateName))),
  });
  return { url: databaseUrl(name), drop: async () => void (await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
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
