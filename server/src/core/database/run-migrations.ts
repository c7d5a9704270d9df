import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

// Several processes may start at once (api + workers): one applies migrations, the others wait.
const MIGRATION_LOCK_ID = 7_243_001;

export async function runMigrations(databaseUrl: string, log: (message: string) => void = () => {}): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied) log(`applied migration ${migration.name}`);
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}
