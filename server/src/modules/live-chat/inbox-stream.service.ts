import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { filter, interval, map, merge, Observable, Subject } from 'rxjs';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { PgListener } from '../../core/database/pg-listener';
import { CONVERSATIONS_CHANNEL, type ConversationChange } from '../conversations/conversation-changes';

/** A server-sent event for the inbox: a conversation changed, `resync` (changes may have been missed), or a ping. */
export interface InboxStreamEvent {
  type: 'conversation' | 'resync' | 'ping';
  data: { contact_id?: string; change?: string };
}

/** Proxies and load balancers close idle connections; a comment line this often keeps the stream open. */
const PING_EVERY_MS = 20_000;

type Broadcast = { kind: 'change'; change: ConversationChange } | { kind: 'resync' };

/**
 * Live inbox updates for browsers. Every process LISTENs on the conversations channel (NOTIFY at the writer's commit,
 * whichever process or host wrote), and pushes each change to the streams of that workspace; so a message recorded
 * by a worker reaches a browser connected to any API process, never before it can be read.
 */
@Injectable()
export class InboxStreamService implements OnApplicationShutdown {
  private readonly changes = new Subject<Broadcast>();
  private listener: PgListener | null = null;

  constructor(@InjectAppConfig() private readonly config: Pick<AppConfig, 'databaseUrl'>) {}

  stream(accountId: string): Observable<InboxStreamEvent> {
    this.listen();
    const forAccount = this.changes.pipe(
      filter((broadcast) => broadcast.kind === 'resync' || broadcast.change.account_id === accountId),
      map((broadcast): InboxStreamEvent =>
        broadcast.kind === 'resync'
          ? { type: 'resync', data: {} }
          : { type: 'conversation', data: { contact_id: broadcast.change.contact_id, change: broadcast.change.change } },
      ),
    );
    const pings = interval(PING_EVERY_MS).pipe(map((): InboxStreamEvent => ({ type: 'ping', data: {} })));
    return merge(forAccount, pings);
  }

  async onApplicationShutdown(): Promise<void> {
    this.changes.complete();
    await this.listener?.stop();
  }

  /** Started by the first browser, so worker-only processes hold no LISTEN connection. */
  private listen(): void {
    if (this.listener) return;
    this.listener = new PgListener(
      this.config.databaseUrl,
      CONVERSATIONS_CHANNEL,
      (payload) => this.broadcast(payload),
      () => this.changes.next({ kind: 'resync' }),
    );
    this.listener.start();
  }

  private broadcast(payload: string): void {
    try {
      this.changes.next({ kind: 'change', change: JSON.parse(payload) as ConversationChange });
    } catch {
      this.changes.next({ kind: 'resync' });
    }
  }
}
