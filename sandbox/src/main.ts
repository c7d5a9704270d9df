#!/usr/bin/env node
import { startGraphSandbox } from './graph-api/graph-api-sandbox';
import { runWebhookCommand, WEBHOOK_CLI_USAGE } from './webhooks/webhook-cli';

// `npm run sandbox`: the sandbox Graph API on SANDBOX_PORT (default 4010). Point dmflow at it with
// META_GRAPH_URL=http://127.0.0.1:4010/v25.0 (and Business Login at META_OAUTH_AUTHORIZE_URL=…/oauth/authorize,
// META_OAUTH_TOKEN_URL=…/oauth/access_token); inspect with GET /_sandbox/calls. It posts signed Meta webhooks to
// SANDBOX_WEBHOOK_TARGET (default http://127.0.0.1:3000) with META_APP_SECRET on POST /_sandbox/webhooks/<kind>.
// `npm run sandbox -- post-comment|post-dm|post-postback ...` posts one webhook and exits.
async function serve(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? 4010);
  const host = process.env.SANDBOX_HOST ?? '127.0.0.1';
  const sandbox = await startGraphSandbox({
    port,
    host,
    log: (line) => process.stdout.write(`${JSON.stringify({ at: new Date().toISOString(), msg: line })}\n`),
    webhooks: { serverUrl: process.env.SANDBOX_WEBHOOK_TARGET ?? 'http://127.0.0.1:3000', appSecret: process.env.META_APP_SECRET },
    app: { appId: process.env.META_APP_ID || undefined, appSecret: process.env.META_APP_SECRET || undefined },
  });
  const urls = { url: sandbox.url, graph_url: sandbox.graphUrl, authorize_url: sandbox.authorizeUrl, token_url: sandbox.tokenUrl };
  process.stdout.write(`${JSON.stringify({ msg: 'sandbox Graph API listening', ...urls })}\n`);
  const stop = () => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (!command || command === 'serve') return serve();
  if (command === 'help' || command === '--help') {
    process.stdout.write(`${WEBHOOK_CLI_USAGE}\n`);
    return;
  }
  if (!command.startsWith('post-')) throw new Error(`unknown command "${command}"\n${WEBHOOK_CLI_USAGE}`);
  process.exitCode = await runWebhookCommand(command, args);
}

main().catch((error: Error) => {
  process.stderr.write(`sandbox: ${error.message}\n`);
  process.exit(1);
});
