import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { AccountChanges } from '../../core/database/account-changes';
import { InstagramAccountsService } from '../accounts/instagram-accounts.service';

const CACHE_LIMIT = 10_000;
/** A safety net only: a connection's change drops its account's entries at once (AccountChanges; Postgres triggers on instagram_accounts, migration 1766880000000). */
const TTL_MS = 60_000;

/**
 * Which Instagram accounts are connected, as the ingest path asks for every delivery, kept in memory so that
 * storing an event is the delivery's only Postgres statement. Only connected accounts are remembered (with the
 * dmflow account that holds them): an account connected a moment ago is never refused from a stale entry, and one
 * disconnected a moment ago at worst has its events stored as pending, which the worker then skips as routing
 * reads the connection again. Every process drops an account's entries at the commit of any change to its
 * Instagram connections (NOTIFY, by any writer); after a lost LISTEN connection everything is dropped, and entries
 * expire after a minute regardless.
 */
@Injectable()
export class ConnectedIgAccounts {
  /** Instagram user id → the id of the dmflow account it is connected to. */
  private readonly connected = new LRUCache<string, string>({ max: CACHE_LIMIT, ttl: TTL_MS });
  /** Bumped by every invalidation: a read that started before one does not fill the cache with what it read. */
  private generation = 0;
  /**
   * Subscribed at each use rather than at construction, so a process that never uses this cache holds no LISTEN
   * connection for it; one callback, so subscribing again changes nothing.
   */
  private readonly onAccountChanged = (accountId: string | null) => this.forget(accountId);

  constructor(
    private readonly instagramAccounts: InstagramAccountsService,
    private readonly changes: AccountChanges,
  ) {}

  /** Which of these Instagram user ids are connected now; Postgres is asked only about those not remembered. */
  async of(igUserIds: string[]): Promise<Set<string>> {
    this.changes.subscribe(this.onAccountChanged);
    const found = new Set<string>();
    const unknown: string[] = [];
    for (const id of igUserIds) {
      if (this.connected.get(id) !== undefined) found.add(id);
      else unknown.push(id);
    }
    if (!unknown.length) return found;
    const generation = this.generation;
    const rows = await this.instagramAccounts.connectedAccounts(unknown);
    for (const row of rows) {
      found.add(row.igUserId);
      if (generation === this.generation) this.connected.set(row.igUserId, row.accountId);
    }
    return found;
  }

  /** Drops one account's entries, or all of them (null or '': a lost connection may have missed notifications). */
  private forget(accountId: string | null): void {
    this.generation++;
    if (!accountId) return this.connected.clear();
    for (const [igUserId, owner] of [...this.connected.entries()]) if (owner === accountId) this.connected.delete(igUserId);
  }
}
