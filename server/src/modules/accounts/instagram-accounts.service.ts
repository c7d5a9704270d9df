import { canonicalLocale, isTimeZone, type NeedsReconnectReason, type RunAccount } from '@dmflow/shared';
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
import { ConnectedInstagramAccountsCache } from './connected-instagram-accounts.cache';
import { InstagramAccountView, UpdateInstagramAccountDto } from './dto/instagram-account.dto';
import { InstagramAccount } from './entities/instagram-account.entity';

/** An Instagram account whose token Meta vouched for: the id and profile are what GET /me answered for the token. */
export interface VerifiedInstagramConnection {
  accountId: string;
  igUserId: string;
  username: string;
  profilePictureUrl: string | null;
  accessToken: string;
  /** null when Meta did not say (a token given by hand). */
  tokenExpiresAt: Date | null;
}

export interface ConnectionChange {
  connected: InstagramAccount;
  /** Another workspace's connection of the same Instagram account, which this one replaced. */
  displaced: InstagramAccount | null;
}

/** Runs inside the transaction that makes a change, so what it records (a webhook event) commits with the change. */
export type InTransaction<T> = (value: T, manager: EntityManager) => Promise<void>;

/** When a token is due for a refresh: the job hands these over, the store compares them in SQL. */
export interface RefreshWindow {
  /** Tokens expiring before this are due. */
  expiringBefore: Date;
  /** Tokens issued after this are too young for Meta to refresh. */
  issuedBefore: Date;
  /** A row tried after this is left to the process that tried it. */
  attemptedBefore: Date;
  now: Date;
}

/** A token claimed for a refresh, with the ciphertext it had: later writes apply only if the row still holds it. */
export interface ClaimedToken {
  instagramAccount: InstagramAccount;
  accessToken: string;
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
    private readonly cache: ConnectedInstagramAccountsCache,
  ) {}

  /**
   * Connects the Instagram account the token belongs to. Holding a valid token for it is the proof of ownership, so
   * when another workspace holds the account it moves here: that workspace's connection loses its token and shows
   * "needs reconnect" (reason connected_elsewhere); `afterChange` tells it, in the same transaction.
   */
  async connectVerified(input: VerifiedInstagramConnection, afterChange?: InTransaction<ConnectionChange>): Promise<ConnectionChange> {
    await this.accounts.getAccount(input.accountId);
    return this.instagramAccounts.manager.transaction(async (manager) => {
      const repository = manager.getRepository(InstagramAccount);
      await this.lockInstagramId(manager, input.igUserId);
      const now = new Date();
      const active = await repository.findOneBy({ igUserId: input.igUserId, disconnectedAt: IsNull() });
      let displaced: InstagramAccount | null = null;
      if (active && active.accountId !== input.accountId) {
        Object.assign(active, {
          disconnectedAt: now,
          accessTokenEncrypted: null,
          status: 'needs_reconnect',
          needsReconnectReason: 'connected_elsewhere',
        });
        displaced = await repository.save(active);
      }
      const entity = await this.ownRow(repository, input.accountId, input.igUserId, active);
      Object.assign(entity, {
        username: input.username,
        profilePictureUrl: input.profilePictureUrl,
        accessTokenEncrypted: this.cipher.encrypt(input.accessToken),
        tokenExpiresAt: input.tokenExpiresAt,
        tokenRefreshedAt: now,
        tokenRefreshAttemptedAt: null,
        status: 'connected',
        needsReconnectReason: null,
        connectedAt: now,
        disconnectedAt: null,
      });
      const change: ConnectionChange = { connected: await repository.save(entity), displaced };
      await afterChange?.(change, manager);
      return change;
    });
  }

  /**
   * The operator's CLI connection without a token (it receives events and cannot send). Nothing proves ownership,
   * so it is refused while another workspace holds the account.
   */
  async connectWithoutToken(accountId: string, igUserId: string, username: string): Promise<InstagramAccount> {
    await this.accounts.getAccount(accountId);
    return this.instagramAccounts.manager.transaction(async (manager) => {
      const repository = manager.getRepository(InstagramAccount);
      await this.lockInstagramId(manager, igUserId);
      const active = await repository.findOneBy({ igUserId, disconnectedAt: IsNull() });
      if (active && active.accountId !== accountId) throw AccountErrors.instagramTokenRequired();
      const entity = await this.ownRow(repository, accountId, igUserId, active);
      Object.assign(entity, {
        username,
        accessTokenEncrypted: null,
        tokenExpiresAt: null,
        tokenRefreshedAt: null,
        status: 'connected',
        needsReconnectReason: null,
        connectedAt: new Date(),
        disconnectedAt: null,
      });
      return repository.save(entity);
    });
  }

  /** The owner lets the account go: its token is erased and it leaves every list (a "needs reconnect" one too). */
  async disconnectInstagramAccount(accountId: string, instagramAccountId: string): Promise<void> {
    if (!isUuid(instagramAccountId)) {
      throw AccountErrors.instagramAccountNotFound();
    }
    const result = await this.instagramAccounts
      .createQueryBuilder()
      .update(InstagramAccount)
      .set({ disconnectedAt: () => 'COALESCE(disconnected_at, now())', accessTokenEncrypted: null, status: 'disconnected' })
      .where("id = :id AND account_id = :accountId AND status <> 'disconnected'", { id: instagramAccountId, accountId })
      .execute();
    if (!result.affected) throw AccountErrors.instagramAccountNotFound();
  }

  /** The account's active connections (connected or needing a reconnect), oldest first. */
  listInstagramAccounts(accountId: string): Promise<InstagramAccount[]> {
    return this.instagramAccounts.find({ where: { accountId, disconnectedAt: IsNull() }, order: { createdAt: 'ASC' } });
  }

  /** What the account sees: its active connections, and those another workspace took over until it reconnects or lets go. */
  pageInstagramAccounts(accountId: string, page: PageQueryDto): Promise<Page<InstagramAccountView>> {
    const query = this.instagramAccounts
      .createQueryBuilder('instagram')
      .where("instagram.account_id = :accountId AND (instagram.disconnected_at IS NULL OR instagram.status = 'needs_reconnect')", {
        accountId,
      });
    return paginate(query, page, InstagramAccountView.of);
  }

  /** Changes the account's time zone and/or locale; an unknown zone or a malformed locale is refused with its own code. */
  async updateInstagramAccount(
    accountId: string,
    instagramAccountId: string,
    update: UpdateInstagramAccountDto,
  ): Promise<InstagramAccountView> {
    const instagramAccount = await this.instagramAccounts.findOneBy({ id: instagramAccountId, accountId });
    if (!instagramAccount || instagramAccount.status === 'disconnected') throw AccountErrors.instagramAccountNotFound();
    const changes: Partial<Pick<InstagramAccount, 'timeZone' | 'locale'>> = {};
    if (update.time_zone !== undefined) {
      if (!isTimeZone(update.time_zone)) throw AccountErrors.unknownTimeZone(update.time_zone);
      changes.timeZone = update.time_zone;
    }
    if (update.locale !== undefined) {
      const locale = canonicalLocale(update.locale);
      if (!locale) throw AccountErrors.invalidLocale(update.locale);
      changes.locale = locale;
    }
    if (Object.keys(changes).length) await this.instagramAccounts.update({ id: instagramAccountId, accountId }, changes);
    return InstagramAccountView.of(Object.assign(instagramAccount, changes));
  }

  /** The time zone and locale runs of this connection read business hours and dates in. */
  async clockOf(instagramAccountId: string, manager: EntityManager = this.instagramAccounts.manager): Promise<RunAccount> {
    const row = await manager.findOne(InstagramAccount, { where: { id: instagramAccountId }, select: { timeZone: true, locale: true } });
    return { timeZone: row?.timeZone ?? 'UTC', locale: row?.locale ?? 'en-US' };
  }

  findInstagramAccountByIgUserId(igUserId: string): Promise<InstagramAccount | null> {
    return this.instagramAccounts.findOneBy({ igUserId, disconnectedAt: IsNull() });
  }

  /** Which of these Instagram account ids are connected now, and to which account (one query for a whole webhook batch). */
  async connectedAccounts(igUserIds: string[]): Promise<Array<{ igUserId: string; accountId: string }>> {
    if (!igUserIds.length) return [];
    return this.instagramAccounts.find({
      select: { igUserId: true, accountId: true },
      where: { igUserId: In(igUserIds), disconnectedAt: IsNull() },
    });
  }

  findInstagramAccount(id: string, manager?: EntityManager): Promise<InstagramAccount | null> {
    return (manager?.getRepository(InstagramAccount) ?? this.instagramAccounts).findOneBy({ id });
  }

  /**
   * The hot path's reads (every inbox event, every send): a connected account from memory, else as the find* above.
   * Not for a transaction that changes connections: what it wrote is seen from its commit on.
   */
  connectedInstagramAccount(id: string): Promise<Readonly<ConnectedInstagramAccount> | null> {
    return this.cache.byId(id, () => this.findInstagramAccount(id));
  }

  connectedInstagramAccountByIgUserId(igUserId: string): Promise<Readonly<ConnectedInstagramAccount> | null> {
    return this.cache.byIgUserId(igUserId, () => this.findInstagramAccountByIgUserId(igUserId));
  }

  /**
   * The account's own Instagram account that acts for an /api-webhook call, or null when none can (no such
   * connection, or no usable token): the one named by `selector` (dmflow id or IG user id), else the first connected
   * with a usable token. Only this account's connections are searched, so a key never acts for another account.
   */
  async actingAccount(accountId: string, selector: string | null): Promise<InstagramAccount | null> {
    const connected = await this.listInstagramAccounts(accountId);
    const chosen = selector
      ? connected.find((candidate) => candidate.id === selector || candidate.igUserId === selector)
      : connected.find((candidate) => this.accessToken(candidate));
    return chosen && this.accessToken(chosen) ? chosen : null;
  }

  /** The decrypted token of the connected account with this id, or null when it is gone or has none. Never log the result. */
  async accessTokenFor(instagramAccountId: string, manager: EntityManager = this.instagramAccounts.manager): Promise<string | null> {
    const instagramAccount = await manager.findOneBy(InstagramAccount, { id: instagramAccountId });
    return instagramAccount ? this.accessToken(instagramAccount) : null;
  }

  /** The decrypted token of a connection that may send, or null: none, disconnected, or waiting for a reconnect. Never log it. */
  accessToken(instagramAccount: InstagramAccount): string | null {
    return instagramAccount.accessTokenEncrypted && !instagramAccount.disconnectedAt && instagramAccount.status === 'connected'
      ? this.cipher.decrypt(instagramAccount.accessTokenEncrypted)
      : null;
  }

  /** Claims one connected token due for a refresh (marking the attempt), or null when none is due. */
  async claimTokenDueForRefresh(window: RefreshWindow): Promise<ClaimedToken | null> {
    // TypeORM answers an UPDATE … RETURNING on Postgres as [rows, affected count].
    const [rows] = await this.instagramAccounts.query<[Array<{ id: string }>, number]>(
      `UPDATE instagram_accounts SET token_refresh_attempted_at = $4
       WHERE id = (
         SELECT id FROM instagram_accounts
         WHERE status = 'connected' AND disconnected_at IS NULL AND access_token_encrypted IS NOT NULL
           AND (token_expires_at IS NULL OR token_expires_at < $1)
           AND token_refreshed_at < $2
           AND (token_refresh_attempted_at IS NULL OR token_refresh_attempted_at < $3)
         ORDER BY token_expires_at NULLS LAST
         LIMIT 1
         FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [window.expiringBefore, window.issuedBefore, window.attemptedBefore, window.now],
    );
    const claimed = rows[0] ? await this.findInstagramAccount(rows[0].id) : null;
    const accessToken = claimed ? this.accessToken(claimed) : null;
    return claimed && accessToken ? { instagramAccount: claimed, accessToken } : null;
  }

  /** Stores a refreshed token, unless the row changed since the claim (reconnected, disconnected): then it is dropped. */
  async recordRefreshedToken(claim: ClaimedToken, accessToken: string, expiresAt: Date | null): Promise<boolean> {
    const result = await this.instagramAccounts
      .createQueryBuilder()
      .update(InstagramAccount)
      .set({ accessTokenEncrypted: this.cipher.encrypt(accessToken), tokenExpiresAt: expiresAt, tokenRefreshedAt: new Date() })
      .where('id = :id AND access_token_encrypted = :previous', {
        id: claim.instagramAccount.id,
        previous: claim.instagramAccount.accessTokenEncrypted,
      })
      .execute();
    return !!result.affected;
  }

  /**
   * Meta refused the claimed token: the connection stops sending and shows "needs reconnect" until someone connects
   * the account again. A row that changed since the claim is left alone. `afterChange` runs in the same transaction.
   */
  async markNeedsReconnect(
    claim: ClaimedToken,
    reason: NeedsReconnectReason,
    afterChange?: InTransaction<InstagramAccount>,
  ): Promise<boolean> {
    return this.instagramAccounts.manager.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(InstagramAccount)
        .set({ status: 'needs_reconnect', needsReconnectReason: reason, accessTokenEncrypted: null })
        .where("id = :id AND access_token_encrypted = :previous AND status = 'connected'", {
          id: claim.instagramAccount.id,
          previous: claim.instagramAccount.accessTokenEncrypted,
        })
        .execute();
      if (!result.affected) return false;
      await afterChange?.(await manager.findOneByOrFail(InstagramAccount, { id: claim.instagramAccount.id }), manager);
      return true;
    });
  }

  /** One connect or disconnect of an Instagram id at a time, so the one-active-connection rule never races. */
  private async lockInstagramId(manager: EntityManager, igUserId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('instagram-connect'), hashtext($1))`, [igUserId]);
  }

  /** Reconnecting reuses this owner's own row (keeping its contacts); a new owner always gets a fresh row. */
  private async ownRow(
    repository: Repository<InstagramAccount>,
    accountId: string,
    igUserId: string,
    active: InstagramAccount | null,
  ): Promise<InstagramAccount> {
    if (active?.accountId === accountId) return active;
    return (
      (await repository.findOne({ where: { igUserId, accountId }, order: { createdAt: 'DESC' } })) ??
      repository.create({ igUserId, accountId })
    );
  }
}
