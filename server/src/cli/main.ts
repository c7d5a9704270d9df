import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AccountsService } from '../modules/accounts/accounts.service';
import { ApiKeysService } from '../modules/accounts/api-keys.service';
import { InstagramAccountsService } from '../modules/accounts/instagram-accounts.service';
import { InstagramConnectionsService } from '../modules/instagram-login/instagram-connections.service';
import { DomainError } from '../core/errors/domain-error';
import { ConfigError, loadConfig, RequiredSetting } from '../core/config/config';
import { runMigrations } from '../core/database/run-migrations';
import { CliUsageError, parseArgs } from './cli-args';
import { CliModule } from './cli.module';
import { COMMANDS } from './commands';
import { WebhookEndpointsService } from '../modules/webhooks/webhook-endpoints.service';

// The CLI talks only to Postgres: it needs DATABASE_URL and ENCRYPTION_KEY, not the server's HTTP or Redis settings.
const CLI_NEEDS: RequiredSetting[] = ['DATABASE_URL', 'ENCRYPTION_KEY'];

function usage(): string {
  return ['Usage: npm run cli -- <command> [options]', ...Object.values(COMMANDS).map((command) => `  ${command.usage}`)].join('\n');
}

function fail(code: string, message: string): never {
  process.stderr.write(`${JSON.stringify({ error: { code, message } })}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const { command, options } = parseArgs(process.argv.slice(2));
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  const definition = COMMANDS[command];
  if (!definition) throw new CliUsageError(`unknown command "${command}"\n${usage()}`);

  const config = loadConfig(process.env, { need: CLI_NEEDS });
  await runMigrations(config.databaseUrl);
  const app = await NestFactory.createApplicationContext(CliModule.withConfig(config), { logger: false });
  try {
    const result = await definition.run(options, {
      accounts: app.get(AccountsService),
      apiKeys: app.get(ApiKeysService),
      instagramAccounts: app.get(InstagramAccountsService),
      instagramConnections: app.get(InstagramConnectionsService),
      webhooks: app.get(WebhookEndpointsService),
    });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof CliUsageError) fail('usage', error.message);
  if (error instanceof ConfigError) fail('config', error.message);
  if (error instanceof DomainError) fail(error.code, error.message);
  fail('internal_error', (error as Error).message);
});
