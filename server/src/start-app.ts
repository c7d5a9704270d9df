import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import type { AppConfig } from './core/config/config';
import type { SecretProblem } from './core/config/production-secrets';
import { faultPointsFromEnv } from './core/faults/env-fault-points';
import { NO_FAULT_POINTS } from './core/faults/fault-points';
import { runMigrations } from './core/database/run-migrations';
import { hostEditor } from './core/http/editor-hosting';
import { useSecurityHeaders } from './core/http/security-headers';
import { refuseDeepJson } from './core/http/json-depth';
import { createRootLogger } from './core/logging/root-logger';
import { serveOpenApi } from './core/openapi/openapi';
import { serveMetaWebhookDirectly } from './modules/meta/meta-webhook-direct-route';

/** Migrates, builds the Nest application for the configured role and listens. Loaded once the settings and dependencies passed. */
export async function startApp(config: AppConfig, secretProblems: SecretProblem[]): Promise<void> {
  const rootLogger = createRootLogger(config);
  const bootLogger = rootLogger.child({ context: 'bootstrap' });
  if (secretProblems.length) {
    const lines = secretProblems.map((problem) => `  ${problem.variable} ${problem.problem}`).join('\n');
    bootLogger.warn(
      `\n!!! dmflow is running with DEVELOPMENT SECRETS: fine on your machine, never on the internet.\n${lines}\n` +
        '!!! Set real values (NODE_ENV=production refuses to start without them).',
    );
  }
  await runMigrations(config.databaseUrl, (message) => rootLogger.info({ context: 'migrations' }, message));

  const faults = faultPointsFromEnv(process.env);
  if (faults !== NO_FAULT_POINTS) bootLogger.warn('test fault points are on (DMFLOW_TEST_PAUSE_* is set): never in production');
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRole(config.role, config, { faults, logger: rootLogger }), {
    rawBody: true,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  useSecurityHeaders(app);
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.use(refuseDeepJson(config.limits.jsonMaxDepth));
  // Behind a reverse proxy, rate limits must see the client's address, not the proxy's, and the session cookie
  // must know the request came over https (X-Forwarded-Proto).
  if (config.limits.trustProxy !== null) app.set('trust proxy', config.limits.trustProxy);
  app.enableShutdownHooks();
  serveOpenApi(app);
  if (config.editorDist && hostEditor(app, config.editorDist)) bootLogger.info(`serving the editor from ${config.editorDist}`);
  serveMetaWebhookDirectly(app, { logger: rootLogger, bodyLimitBytes: config.bodyLimitBytes, jsonMaxDepth: config.limits.jsonMaxDepth });
  await app.listen(config.port);
  bootLogger.info({ port: config.port, role: config.role }, 'dmflow server listening');
}
