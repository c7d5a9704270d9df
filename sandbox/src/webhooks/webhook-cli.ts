import { postWebhookFromControl, WEBHOOK_KINDS } from './webhook-control';

const USAGE = `usage: npm run sandbox -- post-<${WEBHOOK_KINDS.join('|')}> --ig-user-id <id> [fields] [--server-url http://127.0.0.1:3000] [--app-secret <META_APP_SECRET>]
  post-comment  --text "price?" [--media-id m] [--comment-id c] [--from-id u] [--username jdoe] [--live]
  post-dm       --sender-id u --text "hi" [--mid m] [--quick-reply-payload P] [--story-id s]
  post-postback --sender-id u --payload P [--title T] [--mid m]`;

/** `--ig-user-id 1784` → { igUserId: '1784' }; a flag without value is `true`. */
function flags(args: string[]): Record<string, string | boolean> {
  const fields: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith('--')) throw new Error(`unexpected argument "${args[i]}"\n${USAGE}`);
    const name = args[i].slice(2).replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase());
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) fields[name] = true;
    else fields[name] = args[++i];
  }
  return fields;
}

/** `npm run sandbox -- post-comment ...`: signs and posts one webhook, prints dmflow's answer as JSON. Exit 0 only on 200. */
export async function runWebhookCommand(command: string, args: string[]): Promise<number> {
  const kind = command.replace(/^post-/, '');
  const fields = flags(args);
  const delivery = await postWebhookFromControl(kind, fields, {
    serverUrl: process.env.SANDBOX_WEBHOOK_TARGET ?? 'http://127.0.0.1:3000',
    appSecret: process.env.META_APP_SECRET,
  });
  process.stdout.write(
    `${JSON.stringify({ status: delivery.status, response: delivery.body, payload: JSON.parse(delivery.payload) as unknown })}\n`,
  );
  return delivery.status === 200 ? 0 : 1;
}

export { USAGE as WEBHOOK_CLI_USAGE };
