import { ConfigError } from '../config/config';
import { runMigrations } from './run-migrations';

// `npm run migration:run`: needs only DATABASE_URL.
async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if (!databaseUrl) throw new ConfigError('DATABASE_URL', 'is not set');
  const applied = await runMigrations(databaseUrl, (message) => console.log(message));
  console.log(applied.length ? `${applied.length} migration(s) applied` : 'database is up to date');
}

main().catch((error: Error) => {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${error.message}`);
  process.exit(1);
});
