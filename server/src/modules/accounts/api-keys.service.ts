import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { generateApiKey, hashApiKey } from '../../core/crypto/token-cipher';
import { AccountErrors } from './accounts.errors';
import { AccountsService } from './accounts.service';
import type { AuthenticatedAccount } from './auth/authenticated-account';
import { ApiKey } from './entities/api-key.entity';
import { planFor } from './plans';
import type { ApiKeyScope } from './auth/roles';
import { isUuid } from '../../core/http/uuid';

export interface CreatedApiKey {
  id: string;
  name: string;
  prefix: string;
  scope: ApiKeyScope;
  /** Shown once, at creation; only its hash is stored. */
  key: string;
  createdAt: Date;
}

/** An account's API keys: created (on plans with API access), listed, revoked, and looked up by a request's key. */
@Injectable()
export class ApiKeysService {
  constructor(
    @InjectRepository(ApiKey) private readonly apiKeys: Repository<ApiKey>,
    private readonly accounts: AccountsService,
  ) {}

  async createApiKey(accountId: string, name: string, scope: ApiKeyScope = 'full'): Promise<CreatedApiKey> {
    const account = await this.accounts.getAccount(accountId);
    if (!planFor(account.plan).apiAccess) throw AccountErrors.planWithoutApiKeys();
    const generated = generateApiKey();
    const saved = await this.apiKeys.save(
      this.apiKeys.create({ accountId, name, scope, prefix: generated.prefix, keyHash: generated.hash }),
    );
    return { id: saved.id, name: saved.name, prefix: saved.prefix, scope: saved.scope, key: generated.key, createdAt: saved.createdAt };
  }

  async revokeApiKey(accountId: string, keyId: string): Promise<void> {
    if (!isUuid(keyId)) throw AccountErrors.apiKeyNotFound(keyId);
    const result = await this.apiKeys.update({ id: keyId, accountId, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!result.affected) throw AccountErrors.apiKeyNotFound(keyId);
  }

  listApiKeys(accountId: string): Promise<ApiKey[]> {
    return this.apiKeys.find({ where: { accountId }, order: { createdAt: 'ASC' } });
  }

  /** The account owning an active key, or null. The lookup is by hash, so timing reveals nothing of the key. */
  async accountForApiKey(key: string): Promise<AuthenticatedAccount | null> {
    return (await this.findActiveKey(key))?.account ?? null;
  }

  /** An active key with its account, or null. */
  async findActiveKey(key: string): Promise<{ apiKey: ApiKey; account: AuthenticatedAccount } | null> {
    const apiKey = await this.apiKeys.findOneBy({ keyHash: hashApiKey(key), revokedAt: IsNull() });
    if (!apiKey) return null;
    void this.apiKeys.update({ id: apiKey.id }, { lastUsedAt: new Date() });
    const account = await this.accounts.findAccount(apiKey.accountId);
    return account ? { apiKey, account } : null;
  }
}
