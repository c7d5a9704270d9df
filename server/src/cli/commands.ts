import { AccountsService } from '../modules/accounts/accounts.service';
import { ApiKeysService } from '../modules/accounts/api-keys.service';
import { InstagramAccountsService } from '../modules/accounts/instagram-accounts.service';
import type { InstagramConnectionsService } from '../modules/instagram-login/instagram-connections.service';
import type { AuthenticatedAccount } from '../modules/accounts/auth/authenticated-account';
import { hourlyLimitFor, planFor, PLAN_IDS } from '../modules/accounts/plans';
import { WebhookEndpointsService } from '../modules/webhooks/webhook-endpoints.service';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../modules/webhooks/webhook-event-types';
import { CliUsageError, requireOption } from './cli-args';

function accountJson(account: AuthenticatedAccount) {
  const plan = planFor(account.plan);
  return {
    id: account.id,
    name: account.name,
    plan: account.plan,
    credits: account.credits,
    api_access: plan.apiAccess,
    hourly_limit: hourlyLimitFor(plan, account.hourlyLimitOverride),
    credit_based: plan.creditBased,
  };
}

export type CliCommand = (options: Record<string, string>, services: CliServices) => Promise<unknown>;

export interface CliServices {
  accounts: AccountsService;
  apiKeys: ApiKeysService;
  instagramAccounts: InstagramAccountsService;
  instagramConnections: InstagramConnectionsService;
  webhooks: WebhookEndpointsService;
}

function eventList(value: string): WebhookEventType[] {
  const events = value
    .split(',')
    .map((event) => event.trim())
    .filter(Boolean);
  const unknown = events.find((event) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(event));
  if (unknown || !events.length)
    throw new CliUsageError(`--events must list some of ${WEBHOOK_EVENT_TYPES.join(', ')}${unknown ? ` (got "${unknown}")` : ''}`);
  return events as WebhookEventType[];
}

/** Every CLI command; each prints its result as JSON. */
export const COMMANDS: Record<string, { usage: string; run: CliCommand }> = {
  'account:create': {
    usage: `account:create --name <name> [--plan <${PLAN_IDS.join('|')}>] [--credits <n>]`,
    run: async (options, { accounts }) => {
      const account = await accounts.createAccount(requireOption(options, 'name'), options.plan ?? 'free', Number(options.credits ?? 0));
      return accountJson(account);
    },
  },
  'account:set-plan': {
    usage: `account:set-plan --account <id> --plan <${PLAN_IDS.join('|')}> [--hourly-limit <n>|plan]`,
    run: async (options, { accounts }) => {
      const limit = options['hourly-limit'];
      const override = limit === undefined ? undefined : limit === 'plan' ? null : Number(limit);
      return accountJson(await accounts.setPlan(requireOption(options, 'account'), requireOption(options, 'plan'), override));
    },
  },
  'account:add-credits': {
    usage: 'account:add-credits --account <id> --credits <n>',
    run: async (options, { accounts }) =>
      accountJson(await accounts.addCredits(requireOption(options, 'account'), Number(requireOption(options, 'credits')))),
  },
  'account:show': {
    usage: 'account:show --account <id>',
    run: async (options, { accounts }) => accountJson(await accounts.getAccount(requireOption(options, 'account'))),
  },
  'instagram:connect': {
    usage:
      'instagram:connect --account <id> --token <access token> [--ig-user-id <id>]  (GET /me decides the account)\n' +
      '  instagram:connect --account <id> --ig-user-id <id> --username <name>  (no token: receives, cannot send)',
    run: async (options, { instagramAccounts, instagramConnections }) => {
      const accountId = requireOption(options, 'account');
      const connected = options.token
        ? await instagramConnections.connectWithToken(
            { accountId, accessToken: options.token, tokenExpiresAt: null },
            options['ig-user-id'] ?? null,
          )
        : await instagramAccounts.connectWithoutToken(accountId, requireOption(options, 'ig-user-id'), requireOption(options, 'username'));
      return {
        id: connected.id,
        account_id: connected.accountId,
        ig_user_id: connected.igUserId,
        username: connected.username,
        has_token: !!connected.accessTokenEncrypted,
      };
    },
  },
  'key:create': {
    usage: 'key:create --account <id> [--name <label>]',
    run: async (options, { apiKeys }) => {
      const key = await apiKeys.createApiKey(requireOption(options, 'account'), options.name ?? 'default');
      return { id: key.id, name: key.name, prefix: key.prefix, key: key.key };
    },
  },
  'key:list': {
    usage: 'key:list --account <id>',
    run: async (options, { apiKeys }) => {
      const keys = await apiKeys.listApiKeys(requireOption(options, 'account'));
      return keys.map((key) => ({ id: key.id, name: key.name, prefix: key.prefix, created_at: key.createdAt, revoked_at: key.revokedAt }));
    },
  },
  'key:revoke': {
    usage: 'key:revoke --account <id> --key <key id>',
    run: async (options, { apiKeys }) => {
      await apiKeys.revokeApiKey(requireOption(options, 'account'), requireOption(options, 'key'));
      return { id: options.key, revoked: true };
    },
  },
  'webhook:create': {
    usage: `webhook:create --account <id> --url <url> [--events ${WEBHOOK_EVENT_TYPES.join(',')}] [--description <text>] (prints the secret once)`,
    run: async (options, { accounts, webhooks }) => {
      await accounts.getAccount(requireOption(options, 'account'));
      return webhooks.create(options.account, {
        url: requireOption(options, 'url'),
        events: eventList(options.events ?? WEBHOOK_EVENT_TYPES.join(',')),
        description: options.description,
      });
    },
  },
  'webhook:list': {
    usage: 'webhook:list --account <id>',
    run: async (options, { webhooks }) => (await webhooks.list(requireOption(options, 'account'), { limit: 100 })).data,
  },
  'webhook:delete': {
    usage: 'webhook:delete --account <id> --webhook <webhook id>',
    run: async (options, { webhooks }) => {
      await webhooks.remove(requireOption(options, 'account'), requireOption(options, 'webhook'));
      return { id: options.webhook, deleted: true };
    },
  },
};
