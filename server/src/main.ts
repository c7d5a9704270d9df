import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { appConfig, AppConfig, ConfigError } from './core/config/config';
import { checkDependencies } from './core/database/preflight';
import { runMigrations } from './core/database/run-migrations';
import { serveOpenApi } from './core/openapi/openapi';
import { hostEditor } from './core/http/editor-hosting';
import { JsonLogger } from './core/logging/json-logger';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function bootstrap(config: AppConfig): Promise<void> {
  const logger = new JsonLogger(config.logLevel);
  await checkDependencies(config.databaseUrl, config.redisUrl);
  await runMigrations(config.databaseUrl, (message) => logger.log(message, 'migrations'));

  // Loaded only now: modules pick their queue processors from the validated config (workerProviders) when loaded.
  const { AppModule } = await import('./app.module');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { logger, rawBody: true, bufferLogs: true });
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.enableShutdownHooks();
  serveOpenApi(app);
  if (config.editorDist && hostEditor(app, config.editorDist)) logger.log(`serving the editor from ${config.editorDist}`, 'bootstrap');
  await app.listen(config.port);
  logger.log({ msg: 'dmflow server listening', port: config.port, role: config.role }, 'bootstrap');
}

let config: AppConfig;
try {
  config = appConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}

bootstrap(config).catch((error: Error) => {
  fail(`dmflow failed to start: ${error.message}`);
});
