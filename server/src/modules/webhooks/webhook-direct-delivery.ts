import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { runAfterCommit } from '../../core/database/after-commit';
import { ProcessLiveness } from '../../core/liveness/process-liveness';
import { DirectDeliverySlots } from './direct-delivery-slots';
import { WebhookDeliveryService } from './webhook-delivery.service';
import {
  type DirectDeliveries,
  type DirectDeliveryReservation,
  type LeasedAtInsert,
  type LeasedEvent,
  WebhookEventsService,
} from './webhook-events.service';

/**
 * In processes that run workers: a delivery that heads its chain is leased by its event's own insert and sent by this
 * process right after that transaction commits, so a webhook costs that one commit plus the attempt's record instead of
 * a relay round, a queue job and a claim. At most WEBHOOKS_CONCURRENCY at a time; the rest take the relay and the
 * queue. A crash before the request leaves the delivery `sending` under this boot: the relay puts it back.
 */
@Injectable()
export class WebhookDirectDelivery implements DirectDeliveries, OnApplicationShutdown {
  private readonly slots: DirectDeliverySlots;
  private stopped = false;

  constructor(
    events: WebhookEventsService,
    private readonly deliveries: WebhookDeliveryService,
    private readonly liveness: ProcessLiveness,
    @InjectAppConfig() config: Pick<AppConfig, 'webhooks'>,
  ) {
    this.slots = new DirectDeliverySlots(config.webhooks.concurrency);
    events.deliverDirectly(this);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
  }

  reserve(wanted: number): DirectDeliveryReservation {
    // A lease under a boot the others may take for dead would be put back while it is sent; and none while stopping.
    const may = !this.stopped && this.liveness.holdsBootLock();
    return { bootId: this.liveness.bootId, slots: may ? this.slots.take(wanted) : [] };
  }

  leased(manager: EntityManager, reservation: DirectDeliveryReservation, event: LeasedEvent, deliveries: LeasedAtInsert[]): void {
    const used = reservation.slots.slice(0, deliveries.length);
    for (const slot of reservation.slots.slice(deliveries.length)) this.slots.release(slot);
    if (!used.length) return;
    runAfterCommit(manager, {
      run: () => {
        for (const slot of used) this.slots.confirm(slot);
        return Promise.all(
          deliveries.map((delivery, n) => this.deliveries.deliverLeased(event, delivery).finally(() => this.slots.release(used[n]))),
        );
      },
      discard: () => this.cancel({ ...reservation, slots: used }),
    });
  }

  cancel(reservation: DirectDeliveryReservation): void {
    for (const slot of reservation.slots) this.slots.release(slot);
  }

  /** Slots in use now (tests). */
  get inFlight(): number {
    return this.slots.inUse;
  }
}
