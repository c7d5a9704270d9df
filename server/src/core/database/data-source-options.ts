import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';
import { PreparingClient } from './preparing-client';

export interface DataSourceTuning {
  /** Hot-path statements as named prepared statements (PreparingClient): for the long-running server, not one-off commands. */
  preparedStatements?: boolean;
}

export function dataSourceOptions(databaseUrl: string, { preparedStatements = false }: DataSourceTuning = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // A wait for a pooled connection is back-pressure under a burst (hundreds of sends at once on a loaded machine),
    // not a failure: the backstop is long enough that a busy pool delays work instead of failing it.
    extra: { max: 20, connectionTimeoutMillis: 30_000, ...(preparedStatements ? { Client: PreparingClient } : {}) },
  };
}
