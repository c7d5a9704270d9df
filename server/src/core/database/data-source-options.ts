import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    // A wait for a pooled connection is back-pressure under a burst (hundreds of sends at once on a loaded machine),
    // not a failure: the backstop is long enough that a busy pool delays work instead of failing it.
    extra: { max: 20, connectionTimeoutMillis: 30_000 },
  };
}
