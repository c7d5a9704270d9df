import '../compile-cache';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AccountsService } from '../modules/accounts/accounts.service';
import { ApiKeysService } from '../modules/accounts/api-keys.service';
import { InstagramAccountsService } from '../modules/accounts/instagram-accounts.service';
import { InstagramConnectionsService } from '../modules/instagram-login/instagram-connections.service';
import { DomainError } from '../core/errors/domain-error';
import { ConfigError, loadConfig, RequiredSetting } from '../core/config/config';
import { loadSettings } from '../core/config/settings-file';
import { runMigrations } from '../core/database/run-migrations';
import { CliUsageError, parseArgs } from './cli-args';
import { CliModule } from './cli.module';
import { COMMANDS, type CliServices } from './commands';
import { runBatch } from './batch';
import { WebhookEndpointsService } from '../modules/webhooks/webhook-endpoints.service';
import { PeopleService } from '../modules/accounts/people/people.service';
import { SessionsService } from '../modules/accounts/sessions/sessions.service';

// The CLI talks only to Postgres: it needs DATABASE_URL and ENCRYPTION_KEY, not the server's HTTP or Redis settings.
const CLI_NEEDS: RequiredSetting[] = ['DATABASE_URL', 'ENCRYPTION_KEY'];

const BATCH_USAGE = 'batch  (commands from stdin, one JSON array of arguments per line; prints one JSON outcome per line)';

function usage(): string {
  return [
    'Usage: npm run cli -- <command> [options]',
    ...Object.values(COMMANDS).map((command) => `  ${command.usage}`),
    `  ${BATCH_USAGE}`,
  ].join('\n');
}

/** The stable error a failed command prints: its code and message. */
function describeError(error: unknown): { code: string; message: string } {
  if (error instanceof CliUsageError) return { code: 'usage', message: error.message };
  if (error instanceof ConfigError) return { code: 'config', message: error.message };
  if (error instanceof DomainError) return { code: error.code, message: error.message };
  return { code: 'internal_error', message: (error as Error).message };
}

function fail(error: unknown): never {
  process.stderr.write(`${JSON.stringify({ error: describeError(error) })}\n`);
  process.exit(1);
}

function runCommand(argv: string[], services: CliServices): Promise<unknown> {
  const { command, options } = parseArgs(argv);
  const definition = command === undefined ? undefined : COMMANDS[command];
  if (!definition) throw new CliUsageError(`unknown command "${command}"\n${usage()}`);
  return definition.run(options, services);
}

async function main(): Promise<void> {
  const { command } = parseArgs(process.argv.slice(2));
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  const batch = command === 'batch';
  if (!batch && !COMMANDS[command]) throw new CliUsageError(`unknown command "${command}"\n${usage()}`);

  // The same settings as `npm start`: the environment, then .env, then the local defaults.
  const config = loadConfig(loadSettings().env, { need: CLI_NEEDS });
  await runMigrations(config.databaseUrl);
  const app = await NestFactory.createApplicationContext(CliModule.withConfig(config), { logger: false });
  const services: CliServices = {
    accounts: app.get(AccountsService),
    apiKeys: app.get(ApiKeysService),
    instagramAccounts: app.get(InstagramAccountsService),
    instagramConnections: app.get(InstagramConnectionsService),
    webhooks: app.get(WebhookEndpointsService),
    people: app.get(PeopleService),
    sessions: app.get(SessionsService),
  };
  try {
    if (batch) {
      const failed = await runBatch(process.stdin, process.stdout, (argv) => runCommand(argv, services), describeError);
      if (failed) process.exitCode = 1;
      return;
    }
    const result = await runCommand([command, ...process.argv.slice(3)], services);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await app.close();
  }
}

main().catch(fail);
