import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from './core/config/config';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

// Settings and the reachability of Postgres and Redis are checked before Nest and its modules load, so a bad start
// fails within a second or two even on a busy machine.
async function bootstrap(config: AppConfig): Promise<void> {
  const { checkDependencies } = await import('./core/database/preflight');
  await checkDependencies(config.databaseUrl, config.redisUrl);
  const { startApp } = await import('./start-app');
  await startApp(config);
}

let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}

bootstrap(config).catch((error: Error) => {
  fail(`dmflow failed to start: ${error.message}`);
});
