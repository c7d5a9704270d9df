import { AccountsService } from '../modules/accounts/accounts.service';
import { ApiKeysService } from '../modules/accounts/api-keys.service';
import { InstagramAccountsService } from '../modules/accounts/instagram-accounts.service';
import type { InstagramConnectionsService } from '../modules/instagram-login/instagram-connections.service';
import type { AuthenticatedAccount } from '../modules/accounts/auth/authenticated-account';
import { hourlyLimitFor, planFor, PLAN_IDS } from '../modules/accounts/plans';
import { WebhookEndpointsService } from '../modules/webhooks/webhook-endpoints.service';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../modules/webhooks/webhook-event-types';
import { CliUsageError, requireOption } from './cli-args';
import type { PeopleService } from '../modules/accounts/people/people.service';
import type { SessionsService } from '../modules/accounts/sessions/sessions.service';
import { isRole, ROLES } from '../modules/accounts/auth/roles';
import { randomBytes } from 'node:crypto';

/** The operator's password, or a random one printed once (shown only in this command's output). */
function passwordOption(options: Record<string, string>): { password: string; generated: boolean } {
  if (options.password) return { password: options.password, generated: false };
  return { password: randomBytes(12).toString('base64url'), generated: true };
}

function roleOption(options: Record<string, string>): (typeof ROLES)[number] {
  const role = options.role ?? 'owner';
  if (!isRole(role)) throw new CliUsageError(`--role must be one of ${ROLES.join(', ')} (got "${role}")`);
  return role;
}

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
  people: PeopleService;
  sessions: SessionsService;
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

async function createKey(apiKeys: ApiKeysService, accountId: string, name: string) {
  const key = await apiKeys.createApiKey(accountId, name);
  return { id: key.id, name: key.name, prefix: key.prefix, key: key.key };
}

/** With a token, GET /me decides (and --ig-user-id checks) the account; without one it can receive but not send. */
async function connectInstagram(
  accountId: string,
  options: Record<string, string>,
  { instagramAccounts, instagramConnections }: CliServices,
) {
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
}

async function createOwner(accountId: string, email: string, givenPassword: string | undefined, people: PeopleService) {
  const { password, generated } = passwordOption(givenPassword ? { password: givenPassword } : {});
  const user = await people.createUser(email, password);
  await people.addMember(accountId, user.id, 'owner');
  return { id: user.id, email: user.email, role: 'owner', ...(generated ? { password } : {}) };
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
  'workspace:setup': {
    usage:
      `workspace:setup --name <name> [--plan <${PLAN_IDS.join('|')}>] [--credits <n>] [--key-name <label>]\n` +
      '    (--token <access token> [--ig-user-id <id>] | --ig-user-id <id> --username <name>)\n' +
      '    [--owner-email <email> [--owner-password <password>]]\n' +
      '  (account:create, key:create, instagram:connect and, with --owner-email, user:create --role owner in one go: prints\n' +
      '   the workspace, its API key once (none on a plan without API access), the Instagram account and the owner, with a\n' +
      '   generated password once when --owner-password is omitted)',
    run: async (options, services) => {
      const name = requireOption(options, 'name');
      if (!options.token) {
        requireOption(options, 'ig-user-id');
        requireOption(options, 'username');
      }
      const ownerEmail = options['owner-email'] === undefined ? null : requireOption(options, 'owner-email');
      // Checked before anything is made, so a taken email leaves no half-made workspace behind.
      if (ownerEmail && (await services.people.findUserByEmail(ownerEmail)))
        throw new CliUsageError(`--owner-email ${ownerEmail} already signs in: add them with user:create --workspace instead`);
      const account = await services.accounts.createAccount(name, options.plan ?? 'free', Number(options.credits ?? 0));
      // A plan without API access (free) gets no key: the workspace is used from the editor.
      const key = planFor(account.plan).apiAccess ? await createKey(services.apiKeys, account.id, options['key-name'] ?? 'default') : null;
      const instagram = await connectInstagram(account.id, options, services).catch((error: unknown) => {
        if (error instanceof Error)
          error.message += ` (workspace ${account.id}${key ? ' and its API key were' : ' was'} made: connect Instagram with instagram:connect --account ${account.id})`;
        throw error;
      });
      const owner = ownerEmail ? await createOwner(account.id, ownerEmail, options['owner-password'], services.people) : null;
      return { account: accountJson(account), api_key: key, instagram_account: instagram, ...(owner ? { owner } : {}) };
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
  'user:create': {
    usage: `user:create --email <email> [--password <password>] [--workspace <account id> [--role <${ROLES.join('|')}>]] (a password is generated and printed once when omitted)`,
    run: async (options, { accounts, people }) => {
      const { password, generated } = passwordOption(options);
      const workspace = options.workspace ? await accounts.getAccount(options.workspace) : null;
      const role = roleOption(options);
      const user = await people.createUser(requireOption(options, 'email'), password);
      if (workspace) await people.addMember(workspace.id, user.id, role);
      return {
        id: user.id,
        email: user.email,
        ...(generated ? { password } : {}),
        ...(workspace ? { workspace_id: workspace.id, role } : {}),
      };
    },
  },
  'user:reset-password': {
    usage:
      'user:reset-password --email <email> [--password <password>] (signs the person out everywhere; prints a generated password once)',
    run: async (options, { people, sessions }) => {
      const { password, generated } = passwordOption(options);
      const user = await people.setPassword(requireOption(options, 'email'), password);
      const revoked = await sessions.revokeAllOf(user.id);
      return { id: user.id, email: user.email, ...(generated ? { password } : {}), sessions_revoked: revoked };
    },
  },
  'workspace:list': {
    usage: 'workspace:list (every workspace with its plan, members and owners)',
    run: async (_options, { people }) => people.listAllWorkspaces(),
  },
  'instagram:connect': {
    usage:
      'instagram:connect --account <id> --token <access token> [--ig-user-id <id>]  (GET /me decides the account)\n' +
      '  instagram:connect --account <id> --ig-user-id <id> --username <name>  (no token: receives, cannot send)',
    run: (options, services) => connectInstagram(requireOption(options, 'account'), options, services),
  },
  'key:create': {
    usage: 'key:create --account <id> [--name <label>]',
    run: (options, { apiKeys }) => createKey(apiKeys, requireOption(options, 'account'), options.name ?? 'default'),
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
