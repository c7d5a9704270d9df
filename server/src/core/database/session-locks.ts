import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';
import type { AppConfig } from '../config/config';
import { InjectAppConfig } from '../config/config.module';

/** A Postgres session advisory lock held on its own connection until `release()`. */
export interface HeldLock {
  release(): Promise<void>;
}

/** At most this many locks are held at once per process (one connection each, outside TypeORM's pool). */
const MAX_HELD = 16;

/**
 * Session-level advisory locks (`pg_try_advisory_lock`) for work that spans several transactions, e.g. a contact's
 * inbox lane. Each held lock pins one connection of a small pool of its own, so TypeORM's pool is never starved by
 * holders waiting for it. Postgres drops the lock with the connection: a crashed holder frees it at once, on any host.
 */
@Injectable()
export class SessionLocks implements OnModuleDestroy {
  private readonly logger = new Logger(SessionLocks.name);
  private readonly pool: Pool;

  constructor(@InjectAppConfig() config: Pick<AppConfig, 'databaseUrl'>) {
    this.pool = new Pool({
      connectionString: config.databaseUrl,
      max: MAX_HELD,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 5_000,
    });
    this.pool.on('error', (error) => this.logger.warn({ msg: 'idle lock connection failed', error: error.message }));
  }

  /** Takes `namespace:key` if nobody holds it; null when another session (this or another process) does. */
  async tryHold(namespace: string, key: string): Promise<HeldLock | null> {
    const client = await this.pool.connect();
    let locked = false;
    try {
      const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked', [
        namespace,
        key,
      ]);
      locked = result.rows[0].locked;
    } finally {
      if (!locked) client.release();
    }
    return locked ? { release: () => this.unlock(client, namespace, key) } : null;
  }

  private async unlock(client: PoolClient, namespace: string, key: string): Promise<void> {
    try {
      await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [namespace, key]);
      client.release();
    } catch {
      // Closing the connection drops every lock it held.
      client.release(true);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
