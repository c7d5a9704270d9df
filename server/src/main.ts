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
import { Logger } from 'nestjs-pino';
import { createRootLogger } from './core/logging/root-logger';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function bootstrap(config: AppConfig): Promise<void> {
  const rootLogger = createRootLogger(config);
  const bootLogger = rootLogger.child({ context: 'bootstrap' });
  await checkDependencies(config.databaseUrl, config.redisUrl);
  await runMigrations(config.databaseUrl, (message) => rootLogger.info({ context: 'migrations' }, message));

  const faults = faultPointsFromEnv(process.env);
  if (faults !== NO_FAULT_POINTS) bootLogger.warn('test fault points are on (DMFLOW_TEST_PAUSE_* is set): never in production');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRole(config.role, config, { faults, logger: rootLogger }), {
    rawBody: true,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.enableShutdownHooks();
  serveOpenApi(app);
  if (config.editorDist && hostEditor(app, config.editorDist)) bootLogger.info(`serving the editor from ${config.editorDist}`);
  await app.listen(config.port);
  bootLogger.info({ port: config.port, role: config.role }, 'dmflow server listening');
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
