import { LRUCache } from 'lru-cache';
import type { AccountChanged, AccountChanges } from './account-changes';

export interface AccountScopedCacheOptions<K, V> {
  max: number;
  /** A safety net only: an account's change drops its entries at once. */
  ttlMs: number;
  /** The account an entry belongs to: its entries go at that account's change. */
  accountOf: (key: K, value: V) => string;
}

/**
 * Per-process memory of what Postgres holds per account (live triggers, opt-out keywords, Instagram connections),
 * dropped for an account at the commit of any change to it (AccountChanges: NOTIFY from Postgres triggers, whoever the
 * writer), entirely after a lost LISTEN connection, and after `ttlMs` regardless. Subscribed at each use rather than at
 * construction, so a process that never reads through it holds no LISTEN connection; one callback, so subscribing
 * again changes nothing.
 */
export class AccountScopedCache<K extends string, V extends object | string> {
  private readonly entries: LRUCache<K, V>;
  /** Bumped by every invalidation: a read that started before one does not fill the cache with what it read. */
  private generation = 0;
  private readonly onAccountChanged: AccountChanged = (accountId) => this.forget(accountId);

  constructor(
    private readonly changes: AccountChanges,
    private readonly options: AccountScopedCacheOptions<K, V>,
  ) {
    this.entries = new LRUCache<K, V>({ max: options.max, ttl: options.ttlMs });
  }

  get(key: K): V | undefined {
    this.changes.subscribe(this.onAccountChanged);
    return this.entries.get(key);
  }

  /** For a read starting now: what it hands to the returned setter is kept, unless an invalidation came meanwhile. */
  filler(): (key: K, value: V) => void {
    this.changes.subscribe(this.onAccountChanged);
    const generation = this.generation;
    return (key, value) => {
      if (generation === this.generation) this.entries.set(key, value);
    };
  }

  /** The entry for `key`, else what `read` returns, kept under `key`. */
  async through(key: K, read: () => Promise<V>): Promise<V> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const keep = this.filler();
    const value = await read();
    keep(key, value);
    return value;
  }

  /** Drops one account's entries, or all of them (null or '': a lost connection may have missed notifications). */
  private forget(accountId: string | null): void {
    this.generation++;
    if (!accountId) return this.entries.clear();
    for (const [key, value] of [...this.entries.entries()]) {
      if (this.options.accountOf(key, value) === accountId) this.entries.delete(key);
    }
  }
}
