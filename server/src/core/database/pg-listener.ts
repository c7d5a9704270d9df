import { Logger } from '@nestjs/common';
import { Client } from 'pg';

const RECONNECT_MS = 1_000;

interface Subscription {
  readonly channel: string;
  onNotify(payload: string): void;
  onConnect(): void;
}

/**
 * One LISTEN connection per process and database for all its listeners. Postgres wakes every listening backend of a
 * database at each NOTIFY there, whatever its channel, and each wake-up is a transaction of that backend: with a
 * connection per channel, one message's NOTIFY cost as many transactions as the process had listeners (three).
 */
class ListenConnection {
  private readonly logger = new Logger(PgListener.name);
  private readonly subscriptions = new Set<Subscription>();
  private client: Client | null = null;
  /** The channels LISTENed (or being) on the current connection; `live` once every subscribed channel is. */
  private listening = new Map<string, Promise<unknown>>();
  private live = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly onEmpty: () => void,
  ) {}

  add(subscription: Subscription): void {
    this.subscriptions.add(subscription);
    if (!this.client && !this.retry) void this.connect();
    else if (this.live) void this.listenLate(subscription);
    // Otherwise the connection being made LISTENs every subscribed channel before it calls each onConnect.
  }

  async remove(subscription: Subscription): Promise<void> {
    if (!this.subscriptions.delete(subscription)) return;
    if (!this.subscriptions.size) {
      this.onEmpty();
      await this.close();
      return;
    }
    const client = this.client;
    if (client && this.live && !this.channels().has(subscription.channel) && this.listening.delete(subscription.channel)) {
      await client.query(`UNLISTEN ${client.escapeIdentifier(subscription.channel)}`).catch(() => undefined);
    }
  }

  private channels(): Set<string> {
    return new Set([...this.subscriptions].map((subscription) => subscription.channel));
  }

  private async connect(): Promise<void> {
    this.retry = null;
    if (!this.subscriptions.size) return;
    const client = new Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => this.dispatch(message.channel, message.payload ?? ''));
    client.on('error', (error) => this.reconnect(client, error));
    client.on('end', () => this.reconnect(client));
    this.client = client;
    this.listening = new Map();
    this.live = false;
    try {
      await client.connect();
      // Listeners added meanwhile are LISTENed too before anyone is told the connection is up.
      for (;;) {
        const pending = [...this.channels()].filter((channel) => !this.listening.has(channel));
        if (!pending.length) break;
        for (const channel of pending) await this.listen(client, channel);
      }
      if (this.client !== client) return;
      this.live = true;
      for (const subscription of [...this.subscriptions]) this.told(subscription, () => subscription.onConnect());
    } catch (error) {
      this.reconnect(client, error as Error);
    }
  }

  /** A listener added to a connection already up: its channel LISTENed if it was not, then told it is connected. */
  private async listenLate(subscription: Subscription): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      await this.listen(client, subscription.channel);
      if (this.client === client && this.subscriptions.has(subscription)) this.told(subscription, () => subscription.onConnect());
    } catch (error) {
      this.reconnect(client, error as Error);
    }
  }

  /** LISTENs once per channel and connection; a second listener of the channel waits for the same LISTEN. */
  private listen(client: Client, channel: string): Promise<unknown> {
    let listened = this.listening.get(channel);
    if (!listened) {
      listened = client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      this.listening.set(channel, listened);
    }
    return listened;
  }

  private dispatch(channel: string, payload: string): void {
    for (const subscription of [...this.subscriptions]) {
      if (subscription.channel === channel) this.told(subscription, () => subscription.onNotify(payload));
    }
  }

  /** One listener's failure is its own: the others are still told. */
  private told(subscription: Subscription, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.logger.error({ msg: 'LISTEN callback failed', channel: subscription.channel, error: (error as Error).message });
    }
  }

  private reconnect(client: Client, error?: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.live = false;
    if (error) this.logger.warn({ msg: 'LISTEN connection lost; reconnecting', channels: [...this.channels()], error: error.message });
    client.end().catch(() => undefined);
    if (this.subscriptions.size) this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
  }

  private async close(): Promise<void> {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.client = null;
    this.live = false;
    await client?.end().catch(() => undefined);
  }
}

/** The process's LISTEN connection of each database. */
const connections = new Map<string, ListenConnection>();

/**
 * Calls `onNotify` with the payload of each Postgres NOTIFY on `channel`, reconnecting after a failure; the process's
 * listeners of one database share one connection (ListenConnection). NOTIFY is delivered at the sender's commit, to
 * every listening process on every host: a wake-up that follows the data. Notifications sent while disconnected are
 * lost, so `onConnect` runs after each (re)connection, once the channel is LISTENed, for the listener to catch up; a
 * poller stays the safety net.
 */
export class PgListener {
  private readonly subscription: Subscription;
  private connection: ListenConnection | null = null;

  constructor(
    private readonly databaseUrl: string,
    channel: string,
    onNotify: (payload: string) => void,
    onConnect: () => void = () => onNotify(''),
  ) {
    this.subscription = { channel, onNotify, onConnect };
  }

  start(): void {
    if (this.connection) return;
    let connection = connections.get(this.databaseUrl);
    if (!connection) {
      const created = new ListenConnection(this.databaseUrl, () => {
        if (connections.get(this.databaseUrl) === created) connections.delete(this.databaseUrl);
      });
      connections.set(this.databaseUrl, created);
      connection = created;
    }
    this.connection = connection;
    connection.add(this.subscription);
  }

  async stop(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    await connection?.remove(this.subscription);
  }
}
