import './compile-cache';
import 'reflect-metadata';
import { AppConfig, ConfigError, loadConfig } from './core/config/config';
import { checkSecrets, type SecretProblem } from './core/config/production-secrets';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

// Settings and the reachability of Postgres and Redis are checked before Nest and its modules load, so a bad start
// fails within a second or two even on a busy machine.
async function bootstrap(config: AppConfig, secretProblems: SecretProblem[]): Promise<void> {
  const { checkDependencies } = await import('./core/database/preflight');
  await checkDependencies(config.databaseUrl, config.redisUrl);
  const { startApp } = await import('./start-app');
  await startApp(config, secretProblems);
}

let config: AppConfig;
let secretProblems: SecretProblem[];
try {
  secretProblems = checkSecrets(process.env);
  config = loadConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}

bootstrap(config, secretProblems).catch((error: Error) => {
  fail(`dmflow failed to start: ${error.message}`);
});
