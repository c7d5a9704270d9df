import { type CliResult } from './cli-process';
import { operatorGraphSandbox, runOperator } from './operator-cli';
import { rememberSetupOwner } from './workspace-owners';

export * from './cli-process';

/** The password of every person the harness makes. */
export const TEST_PASSWORD = 'correct horse battery staple';

export interface TenantFixture {
  accountId: string;
  apiKey: string;
  apiKeyId: string;
  instagramAccountId: string;
  igUserId: string;
  /** With `owner: true`: the owner made by the same `workspace:setup` (password TEST_PASSWORD). */
  ownerEmail?: string;
}

let owners = 0;

/**
 * An account with a plan, an API key and a connected Instagram account, made as an operator would with one
 * `workspace:setup`, in the suite's operator batch (`runOperator`: suites make a hundred tenants, and each CLI start
 * costs seconds of CPU on a loaded machine).
 */
export async function createTenant(
  env: Record<string, string>,
  options: { plan?: string; credits?: number; igUserId?: string; username?: string; token?: string | null; owner?: boolean } = {},
): Promise<TenantFixture> {
  // `createPerson(…, 'owner')` then signs this owner in, and invites other roles through them, with no CLI start of its own.
  const ownerEmail = options.owner ? `owner-${process.pid}-${++owners}-${Date.now()}@example.com` : undefined;
  const igUserId = options.igUserId ?? `1784${Math.floor(Math.random() * 1e11)}`;
  const username = options.username ?? 'test_shop';
  const workspace = [
    'workspace:setup',
    '--name',
    'Test shop',
    '--plan',
    options.plan ?? 'trendsetter_pro',
    '--credits',
    String(options.credits ?? 0),
    '--key-name',
    'e2e',
    ...(ownerEmail ? ['--owner-email', ownerEmail, '--owner-password', TEST_PASSWORD] : []),
  ];
  const result =
    options.token === null
      ? await runOperator(env, [...workspace, '--ig-user-id', igUserId, '--username', username])
      : await withBusinessVerifiedByMe({ igUserId, username, token: options.token ?? 'IGQVJ-test-token' }, (graphUrl, token) =>
          runOperator({ ...env, META_GRAPH_URL: graphUrl }, [...workspace, '--token', token]),
        );
  if (result.code !== 0) throw new Error(`cli failed: ${result.stderr}`);
  const {
    account,
    api_key: key,
    instagram_account: instagram,
  } = result.json as {
    account: { id: string };
    api_key: { id: string; key: string };
    instagram_account: { id: string };
  };
  if (ownerEmail) rememberSetupOwner(account.id, ownerEmail);
  return {
    accountId: account.id,
    apiKey: key.key,
    apiKeyId: key.id,
    instagramAccountId: instagram.id,
    igUserId,
    ...(ownerEmail ? { ownerEmail } : {}),
  };
}

/** Fixture connections take turns on the operator's sandbox (below). */
let verifications: Promise<unknown> = Promise.resolve();

/**
 * Runs `connect` against the operator's own sandbox, whose GET /me answers for `igUserId` with `token`: fixtures are
 * made as an operator would, without the calls showing up in (or depending on) the suite's own Graph sandbox.
 */
async function withBusinessVerifiedByMe(
  instagram: { igUserId: string; username: string; token: string },
  connect: (graphUrl: string, token: string) => Promise<CliResult>,
): Promise<CliResult> {
  // Tenants share a token ('IGQVJ-test-token', which some suites check in sends), and the sandbox's GET /me answers
  // for the business that registered it last: each registers and connects in turn.
  const turn = verifications.then(async () => {
    const meta = await operatorGraphSandbox();
    const registered = await fetch(`${meta.url}/_sandbox/instagram-users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user_id: instagram.igUserId, username: instagram.username, access_token: instagram.token }),
    });
    if (registered.status !== 201) throw new Error(`the operator's sandbox refused the test business: ${await registered.text()}`);
    return connect(meta.graphUrl, instagram.token);
  });
  verifications = turn.catch(() => undefined);
  return turn;
}
