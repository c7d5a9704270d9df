import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../core/database/data-source-options';
import { ConfigModule } from '../../core/config/config.module';
import { createMigratedTestDatabase, MigratedTestDatabase, useTestEnvironment } from '../../../test/support/test-database';
import { AccountsModule } from './accounts.module';
import { AccountsService } from './accounts.service';
import { ApiKeysService } from './api-keys.service';
import { InstagramAccountsService } from './instagram-accounts.service';

describe('AccountsService against Postgres', () => {
  let database: MigratedTestDatabase;
  let accounts: AccountsService;
  let apiKeys: ApiKeysService;
  let instagramAccounts: InstagramAccountsService;
  let dataSource: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    useTestEnvironment(database.url);
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(),
        TypeOrmModule.forRoot({ ...dataSourceOptions(database.url), autoLoadEntities: true }),
        AccountsModule,
      ],
    }).compile();
    const app = await moduleRef.init();
    accounts = app.get(AccountsService);
    apiKeys = app.get(ApiKeysService);
    instagramAccounts = app.get(InstagramAccountsService);
    dataSource = app.get(DataSource);
    close = () => app.close();
  });

  afterAll(async () => {
    await close?.();
    await database?.drop();
  });

  it('authenticates an active key, stores only its hash, and stops after revocation', async () => {
    const account = await accounts.createAccount('Shop', 'trendsetter_pro');
    const created = await apiKeys.createApiKey(account.id, 'ci');
    expect((await apiKeys.accountForApiKey(created.key))?.id).toBe(account.id);

    const [row] = await dataSource.query('SELECT key_hash, prefix FROM api_keys WHERE id = $1', [created.id]);
    expect(row.key_hash).not.toContain(created.key);
    expect(created.key.startsWith(row.prefix)).toBe(true);

    await apiKeys.revokeApiKey(account.id, created.id);
    expect(await apiKeys.accountForApiKey(created.key)).toBeNull();
    await expect(apiKeys.revokeApiKey(account.id, created.id)).rejects.toMatchObject({ code: 'api_key_not_found' });
  });

  it("never lets one account revoke another account's key", async () => {
    const owner = await accounts.createAccount('Owner', 'trendsetter_pro');
    const other = await accounts.createAccount('Other', 'trendsetter_pro');
    const key = await apiKeys.createApiKey(owner.id, 'k');
    await expect(apiKeys.revokeApiKey(other.id, key.id)).rejects.toMatchObject({ code: 'api_key_not_found' });
    expect((await apiKeys.accountForApiKey(key.key))?.id).toBe(owner.id);
  });

  it('encrypts Instagram tokens at rest; a workspace proving ownership takes the account over and the old one needs a reconnect', async () => {
    const account = await accounts.createAccount('IG owner', 'trendsetter_pro');
    const verified = { igUserId: '17841400000000001', username: 'shop', profilePictureUrl: null, tokenExpiresAt: null };
    const { connected } = await instagramAccounts.connectVerified({ ...verified, accountId: account.id, accessToken: 'IGQV-secret' });
    const [row] = await dataSource.query('SELECT access_token_encrypted FROM instagram_accounts WHERE id = $1', [connected.id]);
    expect(row.access_token_encrypted).not.toContain('IGQV-secret');
    expect(instagramAccounts.accessToken(connected)).toBe('IGQV-secret');

    const newOwner = await accounts.createAccount('New owner', 'trendsetter_pro');
    const told: string[] = [];
    const moved = await instagramAccounts.connectVerified({ ...verified, accountId: newOwner.id, accessToken: 'IGQV-new' }, (change) => {
      told.push(change.displaced?.accountId ?? 'nobody');
      return Promise.resolve();
    });
    expect(told).toEqual([account.id]);
    expect(moved.connected.id).not.toBe(connected.id);
    expect(moved.displaced).toMatchObject({ id: connected.id, status: 'needs_reconnect', needsReconnectReason: 'connected_elsewhere' });
    expect(instagramAccounts.accessToken((await instagramAccounts.findInstagramAccount(connected.id))!)).toBeNull();
    expect((await instagramAccounts.findInstagramAccountByIgUserId(verified.igUserId))?.accountId).toBe(newOwner.id);

    // Without a token nothing is proven: the CLI's token-less connection is refused while another workspace holds it.
    await expect(instagramAccounts.connectWithoutToken(account.id, verified.igUserId, 'shop')).rejects.toMatchObject({
      code: 'instagram_token_required',
    });
  });

  it('knows only catalogued plans and gives API keys only to plans with API access', async () => {
    await expect(accounts.createAccount('Typo', 'trendseter')).rejects.toMatchObject({ code: 'unknown_plan', status: 400 });
    const free = await accounts.createAccount('Free', 'free');
    await expect(apiKeys.createApiKey(free.id, 'k')).rejects.toMatchObject({
      code: 'plan_without_api_keys',
      status: 403,
      message: 'API keys require higher plan',
    });
    const upgraded = await accounts.setPlan(free.id, 'trendsetter', 50);
    expect(upgraded).toMatchObject({ plan: 'trendsetter', hourlyLimitOverride: 50 });
    expect((await accounts.setPlan(free.id, 'trendsetter', null)).hourlyLimitOverride).toBeNull();
    await expect(accounts.setPlan(free.id, 'trendsetter', 0)).rejects.toMatchObject({ code: 'invalid_hourly_limit' });
    expect((await apiKeys.createApiKey(free.id, 'k')).key).toMatch(/^sk_/);
  });

  it('spends credits atomically: 30 parallel spends of 10 credits succeed exactly 10 times', async () => {
    const account = await accounts.createAccount('Credits', 'multi_account', 4);
    expect((await accounts.addCredits(account.id, 6)).credits).toBe(10);
    await expect(accounts.addCredits(account.id, -5)).rejects.toMatchObject({ code: 'invalid_credits' });
    const spent = await Promise.all(Array.from({ length: 30 }, () => accounts.spendCredit(account.id)));
    expect(spent.filter(Boolean)).toHaveLength(10);
    expect((await accounts.getAccount(account.id)).credits).toBe(0);
    await accounts.refundCredit(account.id);
    expect((await accounts.getAccount(account.id)).credits).toBe(1);
  });
});
