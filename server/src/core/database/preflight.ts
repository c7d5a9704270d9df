import Redis from 'ioredis';
import { Client } from 'pg';

const TIMEOUT_MS = 4000;

function describe(error: unknown): string {
  const err = error as NodeJS.ErrnoException & { errors?: Error[] };
  if (err?.errors?.length) return err.errors.map((e) => e.message).join('; ');
  return err?.message || err?.code || String(error);
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable url>';
  }
}

/** Fails fast, with one line naming the variable, when Postgres or Redis can't be reached at start-up. */
export async function checkDependencies(databaseUrl: string, redisUrl: string): Promise<void> {
  const pg = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: TIMEOUT_MS });
  try {
    await pg.connect();
    await pg.query('SELECT 1');
  } catch (error) {
    throw new Error(`Cannot reach Postgres at DATABASE_URL=${redact(databaseUrl)}: ${describe(error)}`);
  } finally {
    await pg.end().catch(() => undefined);
  }

  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Cannot reach Redis at REDIS_URL=${redact(redisUrl)}: ${describe(error)}`);
  } finally {
    redis.disconnect();
  }
}
