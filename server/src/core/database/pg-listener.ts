import { Logger } from '@nestjs/common';
import { Client } from 'pg';

const RECONNECT_MS = 1_000;

/**
 * Calls `onNotify` with the payload of each Postgres NOTIFY on `channel`, on a connection of its own, reconnecting after a failure.
 * NOTIFY is delivered at the sender's commit, to every listening process on every host: a wake-up that follows the
 * data. Notifications sent while disconnected are lost, so `onConnect` runs after each (re)connection for the
 * listener to catch up; a poller stays the safety net.
 */
export class PgListener {
  private readonly logger = new Logger(PgListener.name);
  private client: Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly onNotify: (payload: string) => void,
    private readonly onConnect: () => void = () => onNotify(''),
  ) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.databaseUrl });
    client.on('notification', (message) => this.onNotify(message.payload ?? ''));
    client.on('error', (error) => this.reconnect(client, error));
    client.on('end', () => this.reconnect(client));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${client.escapeIdentifier(this.channel)}`);
      this.onConnect();
    } catch (error) {
      this.reconnect(client, error as Error);
    }
  }

  private reconnect(client: Client, error?: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    if (error) this.logger.warn({ msg: 'LISTEN connection lost; reconnecting', channel: this.channel, error: error.message });
    client.end().catch(() => undefined);
    this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
  }
}
