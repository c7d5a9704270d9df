import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { AppConfig, ConfigError, loadConfig } from './core/config/config';
import { checkDependencies } from './core/database/preflight';
import { faultPointsFromEnv } from './core/faults/env-fault-points';
import { NO_FAULT_POINTS } from './core/faults/fault-points';
import { runMigrations } from './core/database/run-migrations';
import { serveOpenApi } from './core/openapi/openapi';
import { hostEditor } from './core/http/editor-hosting';
import { JsonLogger } from './core/logging/json-logger';
import { useSecurityHeaders } from './core/http/security-headers';
import { checkSecrets, type SecretProblem } from './core/config/production-secrets';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function warnDevelopmentSecrets(logger: JsonLogger, problems: SecretProblem[]): void {
  if (!problems.length) return;
  const lines = problems.map((problem) => `  ${problem.variable} ${problem.problem}`).join('\n');
  logger.warn(
    `\n!!! dmflow is running with DEVELOPMENT SECRETS: fine on your machine, never on the internet.\n${lines}\n` +
      '!!! Set real values (NODE_ENV=production refuses to start without them).',
    'bootstrap',
  );
}

async function bootstrap(config: AppConfig, secretProblems: SecretProblem[]): Promise<void> {
  const logger = new JsonLogger(config.logLevel);
  warnDevelopmentSecrets(logger, secretProblems);
  await checkDependencies(config.databaseUrl, config.redisUrl);
  await runMigrations(config.databaseUrl, (message) => logger.log(message, 'migrations'));

  const faults = faultPointsFromEnv(process.env);
  if (faults !== NO_FAULT_POINTS) logger.warn('test fault points are on (DMFLOW_TEST_PAUSE_* is set): never in production', 'bootstrap');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRole(config.role, config, faults), {
    logger,
    rawBody: true,
    bufferLogs: true,
  });
  useSecurityHeaders(app);
  // X-Forwarded-Proto decides whether a request came over https (and so whether the session cookie is Secure).
  app.set('trust proxy', config.sessions.trustProxyHops);
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.enableShutdownHooks();
  serveOpenApi(app);
  if (config.editorDist && hostEditor(app, config.editorDist)) logger.log(`serving the editor from ${config.editorDist}`, 'bootstrap');
  await app.listen(config.port);
  logger.log({ msg: 'dmflow server listening', port: config.port, role: config.role }, 'bootstrap');
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
