import { afterAll, beforeAll } from '@jest/globals';
import { MetaWebhookSender } from '@dmflow/sandbox';
import { createTenant, type TenantFixture } from './cli';
import { startSandboxedServer, type SandboxedServer } from './sandboxed-server';
import { apiCaller, type ApiCall } from './seed';

// Not exported from the harness index: it registers Jest hooks, and the benches load the index outside Jest.

export type TenantOptions = NonNullable<Parameters<typeof createTenant>[1]>;

export interface ServerWithTenants {
  /** Set once beforeAll has run. */
  stack: SandboxedServer;
  tenants: TenantFixture[];
  /** `fetch` against the server with an API key. */
  api: ApiCall;
  /** Posts webhooks to the server signed with its app secret, as Meta does. Set once beforeAll has run. */
  meta: MetaWebhookSender;
}

/**
 * The beforeAll/afterAll most API suites share: a fresh database, the sandbox Graph API, the built server pointed
 * at it, and one tenant (account, API key, connected Instagram account) per entry of `tenants`, made with the CLI.
 */
export function useServerWithTenants(options: { tenants: TenantOptions[]; env?: Record<string, string> }): ServerWithTenants {
  const suite = { tenants: [] as TenantFixture[] } as unknown as ServerWithTenants;
  suite.api = apiCaller(() => suite.stack.server.url);
  beforeAll(async () => {
    suite.stack = await startSandboxedServer({ env: options.env });
    suite.tenants = await Promise.all(options.tenants.map((tenant) => createTenant(suite.stack.server.env, tenant)));
    suite.meta = new MetaWebhookSender(suite.stack.server.url, suite.stack.server.env.META_APP_SECRET);
  });
  afterAll(async () => {
    await suite.stack?.stop();
  });
  return suite;
}
