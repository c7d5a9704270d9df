import { Injectable } from '@nestjs/common';
import { AccountChanges } from '../../core/database/account-changes';
import { AccountScopedCache } from '../../core/database/account-scoped-cache';
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
  private readonly connected: AccountScopedCache<string, string>;

  constructor(
    private readonly instagramAccounts: InstagramAccountsService,
    changes: AccountChanges,
  ) {
    this.connected = new AccountScopedCache(changes, { max: CACHE_LIMIT, ttlMs: TTL_MS, accountOf: (_igUserId, owner) => owner });
  }

  /** Which of these Instagram user ids are connected now; Postgres is asked only about those not remembered. */
  async of(igUserIds: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unknown: string[] = [];
    for (const id of igUserIds) {
      if (this.connected.get(id) !== undefined) found.add(id);
      else unknown.push(id);
    }
    if (!unknown.length) return found;
    const keep = this.connected.filler();
    for (const row of await this.instagramAccounts.connectedAccounts(unknown)) {
      found.add(row.igUserId);
      keep(row.igUserId, row.accountId);
    }
    return found;
  }
}
