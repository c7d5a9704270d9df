import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountChanges } from '../../core/database/account-changes';
import { dataSourceOptions } from '../../core/database/data-source-options';
import { ConfigModule } from '../../core/config/config.module';
import { createMigratedTestDatabase, MigratedTestDatabase, useTestEnvironment } from '../../../test/support/test-database';
import { AccountsModule } from './accounts.module';
import { AccountsService } from './accounts.service';
import { ApiKeysService } from './api-keys.service';
import { InstagramAccountsService } from './instagram-accounts.service';
import { readUntil } from '../../../test/support/wait-until';

describe('AccountsService against Postgres', () => {
  let database: MigratedTestDatabase;
  let accounts: AccountsService;
  let apiKeys: ApiKeysService;
  let instagramAccounts: InstagramAccountsService;
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let app: INestApplicationContext;

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
    app = await moduleRef.init();
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

  describe('connected accounts read from memory (ConnectedInstagramAccountsCache)', () => {
    it('serves a connected account from memory by id and by Instagram user id, and drops it at any change to it', async () => {
      // The process's LISTEN connection up first: its (re)connection drops every cached row, as notifications may be lost.
      const heard: Array<string | null> = [];
      app.get(AccountChanges).subscribe((accountId) => heard.push(accountId));
      await readUntil(
        () => Promise.resolve(heard),
        (changes) => changes.includes(null),
        'the LISTEN connection',
      );
      const account = await accounts.createAccount('Cached shop', 'trendsetter_pro');
      const { connected } = await instagramAccounts.connectVerified({
        accountId: account.id,
        igUserId: '17841400000000077',
        username: 'cached_shop',
        profilePictureUrl: null,
        accessToken: 'IGQV-cached',
        tokenExpiresAt: null,
      });
      // The connection's own notification comes after its commit; once it is heard, what is read stays in memory.
      await readUntil(
        () => Promise.resolve(heard),
        (changes) => changes.includes(account.id),
        "the connection's notification",
      );
      expect((await instagramAccounts.connectedInstagramAccount(connected.id))?.username).toBe('cached_shop');

      // A write that tells nobody (the trigger off) is not seen: both keys are answered from memory.
      await dataSource.query('ALTER TABLE instagram_accounts DISABLE TRIGGER instagram_accounts_notify');
      try {
        await dataSource.query(`UPDATE instagram_accounts SET username = 'renamed_quietly' WHERE id = $1`, [connected.id]);
      } finally {
        await dataSource.query('ALTER TABLE instagram_accounts ENABLE TRIGGER instagram_accounts_notify');
      }
      expect((await instagramAccounts.connectedInstagramAccount(connected.id))?.username).toBe('cached_shop');
      expect((await instagramAccounts.connectedInstagramAccountByIgUserId('17841400000000077'))?.username).toBe('cached_shop');

      // Any change to the row reaches every process at its commit: a time zone (which once told nobody) ...
      await instagramAccounts.updateInstagramAccount(account.id, connected.id, { time_zone: 'Europe/Berlin' });
      const moved = await readUntil(
        () => instagramAccounts.connectedInstagramAccount(connected.id),
        (row) => row?.timeZone === 'Europe/Berlin',
        'the cached row to be dropped at the time zone change',
      );
      expect(moved?.username).toBe('renamed_quietly');
      expect(moved && instagramAccounts.accessToken(moved)).toBe('IGQV-cached');

      // ... or the token taken away.
      const claim = { instagramAccount: (await instagramAccounts.findInstagramAccount(connected.id))!, accessToken: 'IGQV-cached' };
      expect(await instagramAccounts.markNeedsReconnect(claim, 'token_refresh_refused')).toBe(true);
      const changed = await readUntil(
        () => instagramAccounts.connectedInstagramAccount(connected.id),
        (row) => row?.status === 'needs_reconnect',
        'the cached row to be dropped at the reconnect mark',
      );
      expect(changed && instagramAccounts.accessToken(changed)).toBeNull();
      expect((await instagramAccounts.connectedInstagramAccountByIgUserId('17841400000000077'))?.status).toBe('needs_reconnect');

      // A disconnected account is read from Postgres every time: by Instagram user id it is not found.
      await instagramAccounts.disconnectInstagramAccount(account.id, connected.id);
      await readUntil(
        () => instagramAccounts.connectedInstagramAccountByIgUserId('17841400000000077'),
        (row) => row === null,
        'the disconnected account to be gone',
      );
      expect((await instagramAccounts.connectedInstagramAccount(connected.id))?.disconnectedAt).toBeInstanceOf(Date);
    });
  });
});
