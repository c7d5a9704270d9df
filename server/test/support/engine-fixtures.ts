import type { FlowGraph } from '@dmflow/shared';
import { DataSource } from 'typeorm';
import type { AccountsService } from '../../src/modules/accounts/accounts.service';
import type { InstagramAccountsService } from '../../src/modules/accounts/instagram-accounts.service';

export interface EngineFixture {
  accountId: string;
  instagramAccountId: string;
  flowId: string;
  flowVersionId: string;
}

/** The accounts module's services a fixture creates its account and Instagram connection with. */
export interface AccountServices {
  accounts: AccountsService;
  instagramAccounts: InstagramAccountsService;
}

/** An account with a connected Instagram account and one published flow, written as the app would. */
export async function createPublishedFlow(
  dataSource: DataSource,
  { accounts, instagramAccounts }: AccountServices,
  graph: FlowGraph,
  name = 'Lead Gen Flow',
): Promise<EngineFixture> {
  const account = await accounts.createAccount('Engine shop', 'trendsetter_pro');
  const { connected: instagram } = await instagramAccounts.connectVerified({
    accountId: account.id,
    igUserId: `1784${Math.floor(Math.random() * 1e11)}`,
    username: 'engine_shop',
    profilePictureUrl: null,
    accessToken: 'IGQV-engine-token',
    tokenExpiresAt: null,
  });
  const [flow] = await dataSource.query(
    `INSERT INTO flows (account_id, instagram_account_id, name, draft) VALUES ($1, $2, $3, $4) RETURNING id`,
    [account.id, instagram.id, name, JSON.stringify(graph)],
  );
  const [version] = await dataSource.query(`INSERT INTO flow_versions (flow_id, version, graph) VALUES ($1, 1, $2) RETURNING id`, [
    flow.id,
    JSON.stringify(graph),
  ]);
  await dataSource.query(`UPDATE flows SET published_version_id = $2 WHERE id = $1`, [flow.id, version.id]);
  return { accountId: account.id, instagramAccountId: instagram.id, flowId: flow.id, flowVersionId: version.id };
}

/** A contact who has just written to the account (every flow here starts from their DM), so the 24-hour window is open. */
export async function createContact(
  dataSource: DataSource,
  fixture: EngineFixture,
  igUserId: string,
  username: string | null = 'user123',
  lastInboundAt: Date | null = new Date(),
): Promise<string> {
  const [contact] = await dataSource.query(
    `INSERT INTO contacts (account_id, instagram_account_id, ig_user_id, username, last_inbound_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [fixture.accountId, fixture.instagramAccountId, igUserId, username, lastInboundAt],
  );
  return contact.id;
}
