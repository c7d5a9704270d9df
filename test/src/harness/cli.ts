import { startGraphSandbox } from '@dmflow/sandbox';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import type { Json } from './http';
import { rememberSetupOwner } from './workspace-owners';

/** The password of every person the harness makes. */
export const TEST_PASSWORD = 'correct horse battery staple';

export const CLI_MAIN = join(
  process.env.DMFLOW_TEST_SERVER_DIST ?? join(dirname(require.resolve('@dmflow/server/package.json')), 'dist'),
  'cli/main.js',
);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  json: Json;
}

/** Runs `npm run cli -- ...` (the built CLI) against a server's environment; parses its JSON output. */
export function runCli(env: Record<string, string>, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_MAIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const text = (code === 0 ? stdout : stderr).trim();
      let json: Json = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      resolve({ code, stdout, stderr, json });
    });
  });
}

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
 * `workspace:setup` (one CLI process: each costs seconds of CPU to start, and suites make a hundred tenants).
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
      ? await runCli(env, [...workspace, '--ig-user-id', igUserId, '--username', username])
      : await withBusinessVerifiedByMe({ igUserId, username, token: options.token ?? 'IGQVJ-test-token' }, (graphUrl, token) =>
          runCli({ ...env, META_GRAPH_URL: graphUrl }, [...workspace, '--token', token]),
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

/**
 * Runs `connect` against a private sandbox whose GET /me answers for `igUserId` with `token`: fixtures are made as an
 * operator would, without the calls showing up in (or depending on) the suite's own Graph sandbox.
 */
async function withBusinessVerifiedByMe(
  instagram: { igUserId: string; username: string; token: string },
  connect: (graphUrl: string, token: string) => Promise<CliResult>,
): Promise<CliResult> {
  const meta = await startGraphSandbox();
  try {
    const registered = await fetch(`${meta.url}/_sandbox/instagram-users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user_id: instagram.igUserId, username: instagram.username, access_token: instagram.token }),
    });
    if (registered.status !== 201) throw new Error(`the private sandbox refused the test business: ${await registered.text()}`);
    return await connect(meta.graphUrl, instagram.token);
  } finally {
    await meta.close();
  }
}
