import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AccountChanges } from '../../core/database/account-changes';
import type { InstagramAccount } from './entities/instagram-account.entity';

const CACHE_LIMIT = 10_000;
/** A safety net only: any change to a connection drops its account's entries at once (AccountChanges; migration 1766950000000). */
const TTL_MS = 60_000;

type Key = `id:${string}` | `ig:${string}`;

/**
 * Connected Instagram accounts (the row, token still encrypted) as the hot path reads them: every inbox event and every
 * send asked Postgres for the same row (five reads of one lead-gen flow). Only connected rows are kept, by id and by
 * Instagram user id; every process drops an account's entries at the commit of any change to its connections (NOTIFY
 * from a trigger, whoever the writer), everything after a lost LISTEN connection, and entries expire after a minute
 * regardless. A read that an invalidation overtook does not fill the cache (`generation`). Entries are frozen: shared.
 */
@Injectable()
export class ConnectedInstagramAccountsCache {
  private readonly rows = new LRUCache<Key, Readonly<InstagramAccount>>({ max: CACHE_LIMIT, ttl: TTL_MS });
  private generation = 0;
  /** One callback, subscribed at each use: a process that never reads through the cache holds no LISTEN connection. */
  private readonly onAccountChanged = (accountId: string | null) => this.forget(accountId);

  constructor(private readonly changes: AccountChanges) {}

  byId(id: string, read: () => Promise<InstagramAccount | null>): Promise<Readonly<InstagramAccount> | null> {
    return this.through(`id:${id}`, read);
  }

  byIgUserId(igUserId: string, read: () => Promise<InstagramAccount | null>): Promise<Readonly<InstagramAccount> | null> {
    return this.through(`ig:${igUserId}`, read);
  }

  private async through(key: Key, read: () => Promise<InstagramAccount | null>): Promise<Readonly<InstagramAccount> | null> {
    this.changes.subscribe(this.onAccountChanged);
    const cached = this.rows.get(key);
    if (cached) return cached;
    const generation = this.generation;
    const row = await read();
    if (!row || row.disconnectedAt || generation !== this.generation) return row;
    const frozen = Object.freeze(row);
    this.rows.set(`id:${row.id}`, frozen);
    this.rows.set(`ig:${row.igUserId}`, frozen);
    return frozen;
  }

  /** Drops one account's entries, or all of them (null or '': a lost connection may have missed notifications). */
  private forget(accountId: string | null): void {
    this.generation++;
    if (!accountId) return this.rows.clear();
    for (const [key, row] of [...this.rows.entries()]) if (row.accountId === accountId) this.rows.delete(key);
  }
}
