import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { Page, PageQueryDto, paginate } from '../../core/http/pagination';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { Account } from './entities/account.entity';
import { ApiKey } from './entities/api-key.entity';
import { InstagramAccount } from './entities/instagram-account.entity';
import { InstagramAccountView } from './dto/instagram-account.dto';
import { isPlanId, PLAN_IDS, planFor } from './plans';
import { generateApiKey, hashApiKey, TokenCipher } from '../../core/crypto/token-cipher';
import { isUuid } from '../../core/http/uuid';
import { AccountErrors } from './accounts.errors';

function assertPlan(plan: string): void {
  if (!isPlanId(plan)) throw AccountErrors.unknownPlan(plan, PLAN_IDS);
}

function assertCreditAmount(amount: number): void {
  if (!Number.isInteger(amount) || amount < 0) throw AccountErrors.invalidCredits();
}

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  /** Shown once, at creation; only its hash is stored. */
  key: string;
  createdAt: Date;
}

export interface ConnectInstagramInput {
  accountId: string;
  igUserId: string;
  username: string;
  accessToken: string | null;
}

@Injectable()
export class AccountsService {
  private readonly cipher = new TokenCipher(this.config.encryptionKey);

  constructor(
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    @InjectRepository(ApiKey) private readonly apiKeys: Repository<ApiKey>,
    @InjectRepository(InstagramAccount) private readonly instagramAccounts: Repository<InstagramAccount>,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  async createAccount(name: string, plan: string, credits = 0): Promise<Account> {
    assertPlan(plan);
    assertCreditAmount(credits);
    return this.accounts.save(this.accounts.create({ name, plan, credits }));
  }

  /** Changes the plan; `hourlyLimitOverride` replaces the plan's hourly limit (null = the plan's). */
  async setPlan(accountId: string, plan: string, hourlyLimitOverride?: number | null): Promise<Account> {
    assertPlan(plan);
    if (hourlyLimitOverride !== undefined && hourlyLimitOverride !== null && !(Number.isInteger(hourlyLimitOverride) && hourlyLimitOverride > 0)) {
      throw AccountErrors.invalidHourlyLimit();
    }
    const account = await this.getAccount(accountId);
    account.plan = plan;
    if (hourlyLimitOverride !== undefined) account.hourlyLimitOverride = hourlyLimitOverride;
    return this.accounts.save(account);
  }

  async addCredits(accountId: string, amount: number): Promise<Account> {
    assertCreditAmount(amount);
    await this.getAccount(accountId);
    await this.accounts.increment({ id: accountId }, 'credits', amount);
    return this.getAccount(accountId);
  }

  /** Takes one credit if there is one, atomically: parallel requests never drive credits below zero. */
  async spendCredit(accountId: string): Promise<boolean> {
    const result = await this.accounts
      .createQueryBuilder()
      .update()
      .set({ credits: () => 'credits - 1' })
      .where('id = :accountId AND credits > 0', { accountId })
      .execute();
    return result.affected === 1;
  }

  async refundCredit(accountId: string): Promise<void> {
    await this.accounts.increment({ id: accountId }, 'credits', 1);
  }

  async getAccount(id: string): Promise<Account> {
    const account = await this.accounts.findOneBy({ id });
    if (!account) throw AccountErrors.accountNotFound(id);
    return account;
  }

  async createApiKey(accountId: string, name: string): Promise<CreatedApiKey> {
    const account = await this.getAccount(accountId);
    if (!planFor(account.plan).apiAccess) throw AccountErrors.planWithoutApiKeys();
    const generated = generateApiKey();
    const saved = await this.apiKeys.save(this.apiKeys.create({ accountId, name, prefix: generated.prefix, keyHash: generated.hash }));
    return { id: saved.id, name: saved.name, prefix: saved.prefix, key: generated.key, createdAt: saved.createdAt };
  }

  async revokeApiKey(accountId: string, keyId: string): Promise<void> {
    const result = await this.apiKeys.update({ id: keyId, accountId, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!result.affected) throw AccountErrors.apiKeyNotFound(keyId);
  }

  listApiKeys(accountId: string): Promise<ApiKey[]> {
    return this.apiKeys.find({ where: { accountId }, order: { createdAt: 'ASC' } });
  }

  /** The account owning an active key, or null. The lookup is by hash, so timing reveals nothing of the key. */
  async accountForApiKey(key: string): Promise<Account | null> {
    const apiKey = await this.apiKeys.findOneBy({ keyHash: hashApiKey(key), revokedAt: IsNull() });
    if (!apiKey) return null;
    void this.apiKeys.update({ id: apiKey.id }, { lastUsedAt: new Date() });
    return this.accounts.findOneBy({ id: apiKey.accountId });
  }

  async connectInstagramAccount(input: ConnectInstagramInput): Promise<InstagramAccount> {
    await this.getAccount(input.accountId);
    const active = await this.instagramAccounts.findOneBy({ igUserId: input.igUserId, disconnectedAt: IsNull() });
    if (active && active.accountId !== input.accountId) {
      throw AccountErrors.instagramAccountTaken();
    }
    // Reconnecting reuses this owner's own row (keeping its contacts); a new owner always gets a fresh row.
    const entity =
      active ??
      (await this.instagramAccounts.findOne({ where: { igUserId: input.igUserId, accountId: input.accountId }, order: { createdAt: 'DESC' } })) ??
      this.instagramAccounts.create({ igUserId: input.igUserId, accountId: input.accountId });
    Object.assign(entity, {
      username: input.username,
      accessTokenEncrypted: input.accessToken ? this.cipher.encrypt(input.accessToken) : null,
      connectedAt: new Date(),
      disconnectedAt: null,
    });
    return this.instagramAccounts.save(entity);
  }

  async disconnectInstagramAccount(accountId: string, instagramAccountId: string): Promise<void> {
    if (!isUuid(instagramAccountId)) {
      throw AccountErrors.instagramAccountNotFound();
    }
    const result = await this.instagramAccounts.update(
      { id: instagramAccountId, accountId, disconnectedAt: IsNull() },
      { disconnectedAt: new Date(), accessTokenEncrypted: null },
    );
    if (!result.affected) throw AccountErrors.instagramAccountNotFound();
  }

  listInstagramAccounts(accountId: string): Promise<InstagramAccount[]> {
    return this.instagramAccounts.find({ where: { accountId, disconnectedAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  pageInstagramAccounts(accountId: string, page: PageQueryDto): Promise<Page<InstagramAccountView>> {
    const query = this.instagramAccounts
      .createQueryBuilder('instagram')
      .where('instagram.account_id = :accountId AND instagram.disconnected_at IS NULL', { accountId });
    return paginate(query, page, InstagramAccountView.of);
  }

  findInstagramAccountByIgUserId(igUserId: string): Promise<InstagramAccount | null> {
    return this.instagramAccounts.findOneBy({ igUserId, disconnectedAt: IsNull() });
  }

  findInstagramAccount(id: string): Promise<InstagramAccount | null> {
    return this.instagramAccounts.findOneBy({ id });
  }

  /** The decrypted token of a connected account, or null when it has none. Never log the result. */
  accessToken(instagramAccount: InstagramAccount): string | null {
    return instagramAccount.accessTokenEncrypted && !instagramAccount.disconnectedAt ? this.cipher.decrypt(instagramAccount.accessTokenEncrypted) : null;
  }
}
