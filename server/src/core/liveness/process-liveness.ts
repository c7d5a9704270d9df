import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { AppConfig } from '../config/config';
import { InjectAppConfig } from '../config/config.module';

const RECONNECT_MS = 500;
/**
 * After a reconnection (e.g. Postgres restarted), other processes may not have taken their locks again yet: for this
 * long nobody is judged dead by this process. A fresh boot judges at once (that is the point of boot ids).
 */
const RECONNECTED_GRACE_MS = 5_000;
/** The advisory-lock namespace of boot locks (first key of the two-key form); the second key is hashtext(boot id). */
const BOOT_LOCKS = 'dmflow.process_boot';

/**
 * Whether the process that wrote a claim is still alive, as Postgres sees it: while it runs, each process holds a
 * session advisory lock on its boot id over a connection of its own. A process that dies (SIGKILL, OOM, a crash)
 * loses its connection and with it the lock at once, so a claim carrying its boot id is recognisably dead: a
 * restarted server takes such work over immediately instead of waiting for a lease to run out. A live process keeps
 * its lock however slow its calls are, so its claims are never taken over. Only a process whose host vanished without
 * closing the connection keeps "living" until the kernel's TCP keepalive drops it; leases stay as the backstop.
 */
@Injectable()
export class ProcessLiveness implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ProcessLiveness.name);
  /** This process's boot: written into every claim it makes. */
  readonly bootId = randomUUID();
  private client: Client | null = null;
  private held: Promise<void>;
  private markHeld: () => void = () => undefined;
  private isHeld = false;
  private reconnectedAt: number | null = null;
  private everHeld = false;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(@InjectAppConfig() private readonly config: Pick<AppConfig, 'databaseUrl'>) {
    this.held = this.nextHold();
  }

  async onModuleInit(): Promise<void> {
    void this.connect();
    await this.held;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  /**
   * Resolves while this process holds its boot lock; waits while it is reconnecting (e.g. across a Postgres
   * restart), so a claim is never written under a boot others would take for dead.
   */
  whenHeld(): Promise<void> {
    return this.held;
  }

  /** Whether this process holds its boot lock now: a claim written under it is not taken for a dead process's. */
  holdsBootLock(): boolean {
    return this.isHeld;
  }

  /**
   * Whether a missing boot lock may be read as a dead process now: not while this process has no lock itself, nor
   * just after it got it back (the others may still be reconnecting).
   */
  mayJudgeOthers(): boolean {
    return this.isHeld && (this.reconnectedAt === null || Date.now() - this.reconnectedAt > RECONNECTED_GRACE_MS);
  }

  /** SQL that is true when the boot id in `column` (uuid) belongs to a live process; usable in any statement. */
  static aliveSql(column: string): string {
    return `EXISTS (SELECT 1 FROM pg_locks boot_lock
      WHERE boot_lock.locktype = 'advisory' AND boot_lock.objsubid = 2 AND boot_lock.granted
        AND boot_lock.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND boot_lock.classid = hashtext('${BOOT_LOCKS}')::oid AND boot_lock.objid = hashtext(${column}::text)::oid)`;
  }

  private nextHold(): Promise<void> {
    return new Promise<void>((resolve) => (this.markHeld = resolve));
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.databaseUrl, keepAlive: true });
    client.on('error', (error) => this.reconnect(client, error));
    client.on('end', () => this.reconnect(client));
    this.client = client;
    try {
      await client.connect();
      await client.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [BOOT_LOCKS, this.bootId]);
      this.isHeld = true;
      if (this.everHeld) this.reconnectedAt = Date.now();
      this.everHeld = true;
      this.markHeld();
    } catch (error) {
      this.reconnect(client, error as Error);
    }
  }

  private reconnect(client: Client, error?: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    if (this.isHeld) this.held = this.nextHold();
    this.isHeld = false;
    this.logger.warn({ msg: 'boot lock connection lost; reconnecting', boot_id: this.bootId, error: error?.message });
    client.end().catch(() => undefined);
    this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
  }
}
