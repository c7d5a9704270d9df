import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { PgListener } from '../../core/database/pg-listener';
import { InstagramAccountsService } from '../accounts/instagram-accounts.service';

const CACHE_LIMIT = 10_000;
/** A safety net only: a connection's change drops its account's entries at once (FLOWS_CHANGED_CHANNEL). */
const TTL_MS = 60_000;
/** Notified by Postgres triggers on instagram_accounts (migration 1766880000000), payload the account id. */
const FLOWS_CHANGED_CHANNEL = 'dmflow_flows_changed';

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
export class ConnectedIgAccounts implements OnApplicationShutdown {
  /** Instagram user id → the id of the dmflow account it is connected to. */
  private readonly connected = new LRUCache<string, string>({ max: CACHE_LIMIT, ttl: TTL_MS });
  /** Bumped by every invalidation: a read that started before one does not fill the cache with what it read. */
  private generation = 0;
  private listener: PgListener | null = null;

  constructor(
    private readonly instagramAccounts: InstagramAccountsService,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'databaseUrl'>,
  ) {}

  /** Which of these Instagram user ids are connected now; Postgres is asked only about those not remembered. */
  async of(igUserIds: string[]): Promise<Set<string>> {
    this.listen();
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

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }

  /** Started by the first delivery, so processes that never ingest hold no LISTEN connection for it. */
  private listen(): void {
    if (this.listener) return;
    this.listener = new PgListener(
      this.config.databaseUrl,
      FLOWS_CHANGED_CHANNEL,
      (accountId) => this.forget(accountId),
      () => this.forget(null),
    );
    this.listener.start();
  }

  /** Drops one account's entries, or all of them (null or '': a lost connection may have missed notifications). */
  private forget(accountId: string | null): void {
    this.generation++;
    if (!accountId) return this.connected.clear();
    for (const [igUserId, owner] of [...this.connected.entries()]) if (owner === accountId) this.connected.delete(igUserId);
  }
}
