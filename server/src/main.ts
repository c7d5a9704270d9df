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
import { refuseDeepJson } from './core/http/json-depth';
import { JsonLogger } from './core/logging/json-logger';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function bootstrap(config: AppConfig): Promise<void> {
  const logger = new JsonLogger(config.logLevel);
  await checkDependencies(config.databaseUrl, config.redisUrl);
  await runMigrations(config.databaseUrl, (message) => logger.log(message, 'migrations'));

  const faults = faultPointsFromEnv(process.env);
  if (faults !== NO_FAULT_POINTS) logger.warn('test fault points are on (DMFLOW_TEST_PAUSE_* is set): never in production', 'bootstrap');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRole(config.role, config, faults), {
    logger,
    rawBody: true,
    bufferLogs: true,
  });
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.use(refuseDeepJson(config.limits.jsonMaxDepth));
  // Behind a reverse proxy, rate limits must see the client's address, not the proxy's.
  if (config.limits.trustProxy !== null) app.set('trust proxy', config.limits.trustProxy);
  app.enableShutdownHooks();
  serveOpenApi(app);
  if (config.editorDist && hostEditor(app, config.editorDist)) logger.log(`serving the editor from ${config.editorDist}`, 'bootstrap');
  await app.listen(config.port);
  logger.log({ msg: 'dmflow server listening', port: config.port, role: config.role }, 'bootstrap');
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
