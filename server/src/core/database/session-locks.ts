import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Pool, type PoolClient, type QueryResultRow } from 'pg';
import type { AppConfig } from '../config/config';
import { InjectAppConfig } from '../config/config.module';

/** One connection of the lock pool, for session-level advisory locks and the queries made while holding them. */
export interface LockSession {
  query<Row extends QueryResultRow>(sql: string, params: unknown[]): Promise<Row[]>;
  /** Back to the pool; `broken` closes it instead, which drops any lock it still holds. */
  release(broken?: boolean): void;
}

/** At most this many sessions at once per process (outside TypeORM's pool, so holders never starve it). */
const MAX_SESSIONS = 16;
/** How long a session waits for a lock someone else holds before giving up (Postgres error 55P03). */
export const LOCK_WAIT_MS = 200;
export const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Connections for session-level advisory locks (`pg_advisory_lock`), for work that spans several transactions,
 * e.g. a contact's inbox lane. Postgres drops a session's locks with its connection: a crashed holder frees them at
 * once, on any host. Each connection waits at most LOCK_WAIT_MS for a lock (lock_timeout).
 */
@Injectable()
export class SessionLocks implements OnModuleDestroy {
  private readonly logger = new Logger(SessionLocks.name);
  private readonly pool: Pool;

  constructor(@InjectAppConfig() config: Pick<AppConfig, 'databaseUrl'>) {
    this.pool = new Pool({
      connectionString: config.databaseUrl,
      max: MAX_SESSIONS,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 5_000,
    });
    this.pool.on('connect', (client) => void client.query(`SET lock_timeout = ${LOCK_WAIT_MS}`).catch(() => undefined));
    this.pool.on('error', (error) => this.logger.warn({ msg: 'idle lock connection failed', error: error.message }));
  }

  async connect(): Promise<LockSession> {
    const client: PoolClient = await this.pool.connect();
    return {
      query: async <Row extends QueryResultRow>(sql: string, params: unknown[]) => (await client.query<Row>(sql, params)).rows,
      release: (broken = false) => client.release(broken),
    };
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
