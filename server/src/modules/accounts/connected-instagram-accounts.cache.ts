import { Injectable } from '@nestjs/common';
import { AccountChanges } from '../../core/database/account-changes';
import { AccountScopedCache } from '../../core/database/account-scoped-cache';
import type { InstagramAccount } from './entities/instagram-account.entity';

const CACHE_LIMIT = 10_000;
/** A safety net only: any change to a connection drops its account's entries at once (AccountChanges; migration 1766950000000). */
const TTL_MS = 60_000;

type Key = `id:${string}` | `ig:${string}`;

/**
 * Connected Instagram accounts (the row, token still encrypted) as the hot path reads them: every inbox event and every
 * send asked Postgres for the same row (five reads of one lead-gen flow). Only connected rows are kept, by id and by
 * Instagram user id, and dropped at any change to the connection (AccountScopedCache). Entries are frozen: shared.
 */
@Injectable()
export class ConnectedInstagramAccountsCache {
  private readonly rows: AccountScopedCache<Key, Readonly<InstagramAccount>>;

  constructor(changes: AccountChanges) {
    this.rows = new AccountScopedCache(changes, { max: CACHE_LIMIT, ttlMs: TTL_MS, accountOf: (_key, row) => row.accountId });
  }

  byId(id: string, read: () => Promise<InstagramAccount | null>): Promise<Readonly<InstagramAccount> | null> {
    return this.through(`id:${id}`, read);
  }

  byIgUserId(igUserId: string, read: () => Promise<InstagramAccount | null>): Promise<Readonly<InstagramAccount> | null> {
    return this.through(`ig:${igUserId}`, read);
  }

  private async through(key: Key, read: () => Promise<InstagramAccount | null>): Promise<Readonly<InstagramAccount> | null> {
    const cached = this.rows.get(key);
    if (cached) return cached;
    const keep = this.rows.filler();
    const row = await read();
    if (!row || row.disconnectedAt) return row;
    const frozen = Object.freeze(row);
    keep(`id:${row.id}`, frozen);
    keep(`ig:${row.igUserId}`, frozen);
    return frozen;
  }
}
