import { Global, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/config';
import { InjectAppConfig } from '../config/config.module';
import { PgListener } from './pg-listener';

/**
 * NOTIFYed by Postgres triggers at the commit of any change to what processes cache per account (flows, next-post
 * bindings, opt-out settings, Instagram connections), payload the account id.
 */
export const ACCOUNT_CHANGES_CHANNEL = 'dmflow_flows_changed';

/** An account whose cached entries are stale, or null: anything may be (a lost connection missed notifications). */
export type AccountChanged = (accountId: string | null) => void;

/**
 * One LISTEN connection per process for every per-account cache: each cache subscribes and drops its entries for the
 * account named. Started by the first subscriber, so a process whose caches are never used holds no connection.
 */
@Injectable()
export class AccountChanges implements OnApplicationShutdown {
  private readonly subscribers = new Set<AccountChanged>();
  private listener: PgListener | null = null;

  constructor(@InjectAppConfig() private readonly config: Pick<AppConfig, 'databaseUrl'>) {}

  /** Idempotent for the same callback, so a cache may subscribe at each use. */
  subscribe(onChange: AccountChanged): void {
    this.subscribers.add(onChange);
    if (this.listener) return;
    this.listener = new PgListener(
      this.config.databaseUrl,
      ACCOUNT_CHANGES_CHANNEL,
      (accountId) => this.notify(accountId || null),
      () => this.notify(null),
    );
    this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }

  private notify(accountId: string | null): void {
    for (const onChange of this.subscribers) onChange(accountId);
  }
}

@Global()
@Module({ providers: [AccountChanges], exports: [AccountChanges] })
export class AccountChangesModule {}
