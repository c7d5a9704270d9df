import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { PgListener } from '../../core/database/pg-listener';
import { WEBHOOK_EVENTS_CHANNEL } from './webhook-events.service';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookDispatchService } from './webhook-dispatch.service';

const RECLAIM_EVERY_MS = 5_000;

/**
 * The relay loop of worker processes: it dispatches due deliveries (and fans out events written unrelayed) as soon as
 * a transaction leaves a delivery pending (Postgres NOTIFY from WebhookEventsService, heard by every worker on every
 * host) or an attempt leaves a later delivery of its chain waiting; every WEBHOOKS_POLL_INTERVAL_MS it also sweeps
 * (retries that came due, notifications lost while disconnected, leases of dead processes). Deliveries leased at
 * insert never pass through it. It reads Postgres, so it resumes exactly where a crashed process stopped.
 */
@Injectable()
export class WebhookRelayPoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('webhooks');
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = false;
  private again = false;
  private lastReclaim = 0;
  private readonly listener: PgListener;

  constructor(
    private readonly dispatch: WebhookDispatchService,
    deliveries: WebhookDeliveryService,
    @InjectAppConfig() private readonly config: AppConfig,
  ) {
    deliveries.onAttemptFinished(() => this.kick());
    this.listener = new PgListener(config.databaseUrl, WEBHOOK_EVENTS_CHANNEL, () => this.kick());
  }

  onApplicationBootstrap(): void {
    this.listener.start();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.listener.stop();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), 0);
  }

  private async tick(): Promise<void> {
    this.running = true;
    this.again = false;
    let busy = false;
    try {
      if (Date.now() - this.lastReclaim > RECLAIM_EVERY_MS) {
        this.lastReclaim = Date.now();
        await this.dispatch.reclaimExpiredLeases();
      }
      // A round that took less than a full batch left nothing behind: what commits later NOTIFYs (or finishes an
      // attempt) and kicks the next round, so only a full batch goes round again at once.
      busy = (await this.dispatch.relayAndDispatch()).more;
    } catch (error) {
      this.logger.error({ msg: 'webhook relay failed; retrying', error: (error as Error).message });
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), busy || this.again ? 0 : this.config.webhooks.pollIntervalMs);
  }
}
