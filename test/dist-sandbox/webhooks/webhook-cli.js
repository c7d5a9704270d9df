"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WEBHOOK_CLI_USAGE = void 0;
exports.runWebhookCommand = runWebhookCommand;
const webhook_control_1 = require("./webhook-control");
const USAGE = `usage: npm run sandbox -- post-<${webhook_control_1.WEBHOOK_KINDS.join('|')}> --ig-user-id <id> [fields] [--server-url http://127.0.0.1:3000] [--app-secret <META_APP_SECRET>]
  post-comment  --text "price?" [--media-id m] [--comment-id c] [--from-id u] [--username jdoe] [--live]
  post-dm       --sender-id u --text "hi" [--mid m] [--quick-reply-payload P] [--story-id s]
  post-postback --sender-id u --payload P [--title T] [--mid m]`;
exports.WEBHOOK_CLI_USAGE = USAGE;
/** `--ig-user-id 1784` → { igUserId: '1784' }; a flag without value is `true`. */
function flags(args) {
    const fields = {};
    for (let i = 0; i < args.length; i++) {
        if (!args[i].startsWith('--'))
            throw new Error(`unexpected argument "${args[i]}"\n${USAGE}`);
        const name = args[i].slice(2).replace(/-([a-z])/g, (_match, letter) => letter.toUpperCase());
        const next = args[i + 1];
        if (next === undefined || next.startsWith('--'))
            fields[name] = true;
        else
            fields[name] = args[++i];
    }
    return fields;
}
/** `npm run sandbox -- post-comment ...`: signs and posts one webhook, prints dmflow's answer as JSON. Exit 0 only on 200. */
async function runWebhookCommand(command, args) {
    const kind = command.replace(/^post-/, '');
    const fields = flags(args);
    const delivery = await (0, webhook_control_1.postWebhookFromControl)(kind, fields, {
        serverUrl: process.env.SANDBOX_WEBHOOK_TARGET ?? 'http://127.0.0.1:3000',
        appSecret: process.env.META_APP_SECRET,
    });
    process.stdout.write(`${JSON.stringify({ status: delivery.status, response: delivery.body, payload: JSON.parse(delivery.payload) })}\n`);
    return delivery.status === 200 ? 0 : 1;
}
