import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { TokenCipher } from '../../core/crypto/token-cipher';
import { Page, PageQueryDto, paginate } from '../../core/http/pagination';
import { isUuid } from '../../core/http/uuid';
import { AccountErrors } from './accounts.errors';
import { AccountsService } from './accounts.service';
import { InstagramAccountView } from './dto/instagram-account.dto';
import { InstagramAccount } from './entities/instagram-account.entity';

export interface ConnectInstagramInput {
  accountId: string;
  igUserId: string;
  username: string;
  accessToken: string | null;
}

/** A connected Instagram account as other modules see it; its token is read through this service only. */
export type ConnectedInstagramAccount = InstagramAccount;

/** Instagram accounts connected to dmflow accounts, and their access tokens (stored encrypted). */
@Injectable()
export class InstagramAccountsService {
  private readonly cipher = new TokenCipher(this.config.encryptionKey);

  constructor(
    @InjectRepository(InstagramAccount) private readonly instagramAccounts: Repository<InstagramAccount>,
    private readonly accounts: AccountsService,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {}

  async connectInstagramAccount(input: ConnectInstagramInput): Promise<InstagramAccount> {
    await this.accounts.getAccount(input.accountId);
    const active = await this.instagramAccounts.findOneBy({ igUserId: input.igUserId, disconnectedAt: IsNull() });
    if (active && active.accountId !== input.accountId) {
      throw AccountErrors.instagramAccountTaken();
    }
    // Reconnecting reuses this owner's own row (keeping its contacts); a new owner always gets a fresh row.
    const entity =
      active ??
      (await this.instagramAccounts.findOne({
        where: { igUserId: input.igUserId, accountId: input.accountId },
        order: { createdAt: 'DESC' },
      })) ??
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

  /** Which of these Instagram account ids are connected to an account now (one query for a whole webhook batch). */
  async connectedIgUserIds(igUserIds: string[]): Promise<Set<string>> {
    if (!igUserIds.length) return new Set();
    const rows = await this.instagramAccounts.find({
      select: { igUserId: true },
      where: { igUserId: In(igUserIds), disconnectedAt: IsNull() },
    });
    return new Set(rows.map((row) => row.igUserId));
  }

  findInstagramAccount(id: string): Promise<InstagramAccount | null> {
    return this.instagramAccounts.findOneBy({ id });
  }

  /**
   * The account's own Instagram account that acts for an /api-webhook call, or null when none can (no such
   * connection, or no token): the one named by `selector` (dmflow id or IG user id), else the first connected
   * with a token. Only this account's connections are searched, so a key never acts for another account.
   */
  async actingAccount(accountId: string, selector: string | null): Promise<InstagramAccount | null> {
    const connected = await this.listInstagramAccounts(accountId);
    const chosen = selector
      ? connected.find((candidate) => candidate.id === selector || candidate.igUserId === selector)
      : connected.find((candidate) => candidate.accessTokenEncrypted);
    return chosen && this.accessToken(chosen) ? chosen : null;
  }

  /** The decrypted token of the connected account with this id, or null when it is gone or has none. Never log the result. */
  async accessTokenFor(instagramAccountId: string, manager: EntityManager = this.instagramAccounts.manager): Promise<string | null> {
    const instagramAccount = await manager.findOneBy(InstagramAccount, { id: instagramAccountId });
    return instagramAccount ? this.accessToken(instagramAccount) : null;
  }

  /** The decrypted token of a connected account, or null when it has none. Never log the result. */
  accessToken(instagramAccount: InstagramAccount): string | null {
    return instagramAccount.accessTokenEncrypted && !instagramAccount.disconnectedAt
      ? this.cipher.decrypt(instagramAccount.accessTokenEncrypted)
      : null;
  }
}
