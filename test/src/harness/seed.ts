import type { FlowGraph } from '@dmflow/shared';
import type { TenantFixture } from './cli';
import { queryDatabase } from './database';

// Rows that Instagram traffic or the editor would create, written with SQL where a suite needs them as given.

export interface SeededFlow {
  flowId: string;
  versionId: string;
}

/** A flow of the tenant's Instagram account with `graph` published as version 1. */
export async function seedPublishedFlow(
  databaseUrl: string,
  tenant: Pick<TenantFixture, 'accountId' | 'instagramAccountId'>,
  graph: FlowGraph,
  name = 'Seeded flow',
): Promise<SeededFlow> {
  const json = JSON.stringify(graph);
  const [flow] = await queryDatabase<{ id: string }>(
    databaseUrl,
    `INSERT INTO flows (account_id, instagram_account_id, name, draft) VALUES ($1, $2, $3, $4) RETURNING id`,
    [tenant.accountId, tenant.instagramAccountId, name, json],
  );
  const [version] = await queryDatabase<{ id: string }>(
    databaseUrl,
    `INSERT INTO flow_versions (flow_id, version, graph) VALUES ($1, 1, $2) RETURNING id`,
    [flow.id, json],
  );
  await queryDatabase(databaseUrl, `UPDATE flows SET published_version_id = $2 WHERE id = $1`, [flow.id, version.id]);
  return { flowId: flow.id, versionId: version.id };
}

export interface SeededContactOptions {
  username?: string | null;
  tags?: string[];
  variables?: Record<string, unknown>;
  /** When the person last wrote (opens the 24-hour window); null = never. Default: now. */
  lastInboundAt?: Date | null;
}

/** A contact of the tenant's Instagram account. */
export async function seedContact(
  databaseUrl: string,
  tenant: TenantFixture,
  igUserId: string,
  options: SeededContactOptions = {},
): Promise<string> {
  const [row] = await queryDatabase<{ id: string }>(
    databaseUrl,
    `INSERT INTO contacts (account_id, instagram_account_id, ig_user_id, username, tags, variables, last_inbound_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      tenant.accountId,
      tenant.instagramAccountId,
      igUserId,
      options.username === undefined ? `user_${igUserId}` : options.username,
      options.tags ?? [],
      JSON.stringify(options.variables ?? {}),
      options.lastInboundAt === undefined ? new Date() : options.lastInboundAt,
    ],
  );
  return row.id;
}

export type ApiCall = (path: string, apiKey: string, init?: RequestInit) => Promise<Response>;

/** `fetch` against a server's REST API with an API key and JSON content type. */
export function apiCaller(baseUrl: () => string): ApiCall {
  return (path, apiKey, init = {}) =>
    fetch(`${baseUrl()}${path}`, {
      ...init,
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
}
