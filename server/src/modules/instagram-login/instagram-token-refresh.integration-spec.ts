import { GraphSandboxClient } from '@dmflow/sandbox';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConfigModule } from '../../core/config/config.module';
import { dataSourceOptions } from '../../core/database/data-source-options';
import { startGraphSandboxForSpecs, type SpecGraphSandbox } from '../../../test/support/graph-sandbox';
import { createMigratedTestDatabase, type MigratedTestDatabase, useTestEnvironment } from '../../../test/support/test-database';
import { AccountsService } from '../accounts/accounts.service';
import { InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { InstagramConnectionsService } from './instagram-connections.service';
import { InstagramLoginModule } from './instagram-login.module';
import { InstagramTokenRefreshService } from './instagram-token-refresh.service';

describe('InstagramTokenRefreshService against Postgres and the sandbox', () => {
  let database: MigratedTestDatabase;
  let sandbox: SpecGraphSandbox;
  let control: GraphSandboxClient;
  let dataSource: DataSource;
  let refresher: InstagramTokenRefreshService;
  let connections: InstagramConnectionsService;
  let instagramAccounts: InstagramAccountsService;
  let accountId: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    sandbox = await startGraphSandboxForSpecs();
    control = new GraphSandboxClient(sandbox.url);
    useTestEnvironment(database.url, { META_GRAPH_URL: sandbox.graphUrl });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(),
        TypeOrmModule.forRoot({ ...dataSourceOptions(database.url), autoLoadEntities: true }),
        InstagramLoginModule,
      ],
    }).compile();
    const app = await moduleRef.init();
    dataSource = app.get(DataSource);
    refresher = app.get(InstagramTokenRefreshService);
    connections = app.get(InstagramConnectionsService);
    instagramAccounts = app.get(InstagramAccountsService);
    accountId = (await app.get(AccountsService).createAccount('Refreshing shop', 'trendsetter_pro')).id;
    close = () => app.close();
  });

  afterAll(async () => {
    await close?.();
    await sandbox?.close();
    await database?.drop();
  });

  async function connectWithAge(username: string, issuedDaysAgo: number, expiresInDays: number | null) {
    const business = await control.registerInstagramUser({ username });
    const connected = await connections.connectWithToken({ accountId, accessToken: business.access_token, tokenExpiresAt: null }, null);
    await dataSource.query(
      `UPDATE instagram_accounts SET token_refreshed_at = now() - make_interval(days => $2),
         token_expires_at = CASE WHEN $3::int IS NULL THEN NULL ELSE now() + make_interval(days => $3::int) END WHERE id = $1`,
      [connected.id, issuedDaysAgo, expiresInDays],
    );
    return { business, id: connected.id };
  }

  const row = async (id: string) => (await instagramAccounts.findInstagramAccount(id))!;

  it('refreshes only what is due: near expiry (or of unknown expiry) and at least a day old; a refusal means needs reconnect', async () => {
    const due = await connectWithAge('due.soon', 2, 3);
    const unknown = await connectWithAge('unknown.expiry', 2, null);
    const young = await connectWithAge('too.young', 0, 3);
    const later = await connectWithAge('expires.later', 2, 30);
    const refused = await connectWithAge('refused.token', 2, 3);
    await control.revokeInstagramTokens(refused.business.user_id);

    expect(await refresher.refreshDueTokens()).toBe(3);
    const refreshCalls = sandbox.calls().filter((call) => call.path === '/refresh_access_token');
    expect(refreshCalls.map((call) => call.token).sort()).toEqual(
      [due.business.access_token, unknown.business.access_token, refused.business.access_token].sort(),
    );

    for (const { id, business } of [due, unknown]) {
      const refreshed = await row(id);
      expect(refreshed.status).toBe('connected');
      expect(refreshed.tokenExpiresAt!.getTime() - Date.now()).toBeGreaterThan(59 * 86_400_000);
      expect(instagramAccounts.accessToken(refreshed)).not.toBe(business.access_token);
    }
    for (const { id, business } of [young, later]) expect(instagramAccounts.accessToken(await row(id))).toBe(business.access_token);
    expect(await row(refused.id)).toMatchObject({
      status: 'needs_reconnect',
      needsReconnectReason: 'token_refresh_refused',
      accessTokenEncrypted: null,
    });
    const [event] = await dataSource.query(`SELECT event_type, payload FROM webhook_events WHERE account_id = $1`, [accountId]);
    expect(event).toMatchObject({
      event_type: 'instagram_account_needs_reconnect',
      payload: { instagram_account_id: refused.id, reason: 'token_refresh_refused', username: 'refused.token' },
    });

    // Nothing is due any more: a second pass calls nobody.
    expect(await refresher.refreshDueTokens()).toBe(0);
  });

  it('leaves a token for later when Instagram cannot answer, and does not retry it within the same half hour', async () => {
    const flaky = await connectWithAge('flaky.meta', 2, 3);
    await sandbox.fail({ pathContains: '/refresh_access_token', error: 'server_error', count: 1 });
    expect(await refresher.refreshDueTokens()).toBe(1);
    expect(await row(flaky.id)).toMatchObject({ status: 'connected' });
    expect(instagramAccounts.accessToken(await row(flaky.id))).toBe(flaky.business.access_token);
    expect(await refresher.refreshDueTokens()).toBe(0);
    expect(await refresher.refreshDueTokens(new Date(Date.now() + 31 * 60 * 1000))).toBe(1);
    expect(instagramAccounts.accessToken(await row(flaky.id))).not.toBe(flaky.business.access_token);
  });
});
