import { afterAll, beforeAll } from '@jest/globals';
import { GraphSandboxClient, MetaWebhookSender } from '@dmflow/sandbox';
import { createTenant, type TenantFixture } from './cli';
import type { TestDatabase } from './database';
import { startSandboxedServer, type SandboxedServer } from './sandboxed-server';
import { apiCaller, type ApiCall } from './seed';

// Not exported from the harness index: it registers Jest hooks, and the benches load the index outside Jest.

export type TenantOptions = NonNullable<Parameters<typeof createTenant>[1]>;

/**
 * `database`, `graph`, `meta` and `tenants` are made when the suite is declared and filled in place by beforeAll, so a
 * suite may destructure them where it declares the suite and use them in its hooks and tests.
 */
export interface ServerWithTenants {
  /** Set once beforeAll has run. */
  stack: SandboxedServer;
  /** The suite's fresh database. */
  database: TestDatabase;
  /** Drives the sandbox Graph API the server calls. */
  graph: GraphSandboxClient;
  /** One per entry of the `tenants` option, in order. */
  tenants: TenantFixture[];
  /** `fetch` against the server with an API key. */
  api: ApiCall;
  /** Posts webhooks to the server signed with its app secret, as Meta does. */
  meta: MetaWebhookSender;
}

/**
 * The beforeAll/afterAll most API suites share: a fresh database, the sandbox Graph API, the built server pointed
 * at it, and one tenant (account, API key, connected Instagram account) per entry of `tenants`, made with the CLI.
 */
export function useServerWithTenants(options: { tenants: TenantOptions[]; env?: Record<string, string> }): ServerWithTenants {
  let stack: SandboxedServer | undefined;
  const suite: ServerWithTenants = {
    get stack(): SandboxedServer {
      if (!stack) throw new Error('the suite has not started its server yet: use it in hooks and tests');
      return stack;
    },
    database: { name: '', url: '', drop: () => Promise.resolve() },
    graph: new GraphSandboxClient(''),
    tenants: options.tenants.map((): TenantFixture => ({ accountId: '', apiKey: '', apiKeyId: '', instagramAccountId: '', igUserId: '' })),
    meta: new MetaWebhookSender('', ''),
    api: apiCaller(() => suite.stack.server.url),
  };
  beforeAll(async () => {
    stack = await startSandboxedServer({ env: options.env });
    Object.assign(suite.database, stack.database);
    Object.assign(suite.graph, stack.graph);
    Object.assign(suite.meta, new MetaWebhookSender(stack.server.url, stack.server.env.META_APP_SECRET));
    const server = stack.server;
    const tenants = await Promise.all(options.tenants.map((tenant) => createTenant(server.env, tenant)));
    tenants.forEach((tenant, index) => Object.assign(suite.tenants[index], tenant));
  });
  afterAll(async () => {
    await stack?.stop();
  });
  return suite;
}
