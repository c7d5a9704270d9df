import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createFromMigratedTemplate } from '@dmflow/shared/testing';
import { Client } from 'pg';
import { SERVER_DIST } from './server-process';

/** The server's maintenance database, used to create and drop one fresh database per test run. */
export const ADMIN_DATABASE_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin<T>(adminUrl: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const MIGRATIONS_DIST = join(SERVER_DIST, 'core', 'database', 'migrations');

/** A hash of the built server's migrations: a rebuilt migration gets a new template. */
function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIST)
    .filter((name) => name.endsWith('.js'))
    .sort()) {
    hash.update(file).update(readFileSync(join(MIGRATIONS_DIST, file)));
  }
  return hash.digest('hex');
}

/** The built server's own migration command, so the template is migrated exactly as a server start would. */
async function migrateWithServerBuild(url: string): Promise<void> {
  await promisify(execFile)(process.execPath, [join(SERVER_DIST, 'core', 'database', 'migrate.js')], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: url },
  });
}

/**
 * A fresh database per run, already migrated (a copy of a template migrated once per build of the migrations);
 * `migrated: false` gives an empty one. `adminUrl`: another cluster's maintenance database, e.g. a private one
 * from startPostgres.
 */
export async function createTestDatabase(
  prefix = 'dmflow_e2e',
  adminUrl = ADMIN_DATABASE_URL,
  { migrated = true }: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const adminQuery = (sql: string) => admin(adminUrl, async (client) => (await client.query(sql)).rows as Array<Record<string, unknown>>);
  if (migrated) {
    await createFromMigratedTemplate({
      admin: adminQuery,
      name,
      fingerprint: migrationsFingerprint(),
      migrate: (templateName) => migrateWithServerBuild(databaseUrl(adminUrl, templateName)),
    });
  } else {
    await adminQuery(`CREATE DATABASE ${name}`);
  }
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: () => admin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export async function queryDatabase<T = Record<string, unknown>>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
