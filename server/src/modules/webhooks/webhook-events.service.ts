import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '../../core/database/query-rows';
import type { WebhookEvent } from './entities/webhook-event.entity';
import type { WebhookEventType } from './webhook-event-types';
import { type ClaimedDelivery, ENDPOINT_ROW_JSON } from './claimed-delivery';

export interface NewWebhookEvent {
  accountId: string;
  type: WebhookEventType;
  /** e.g. `contact:<id>`: events with the same key reach each endpoint in the order recorded. */
  orderingKey: string | null;
  payload: Record<string, unknown>;
  occurredAt?: Date;
}

export type RecordedWebhookEvent = Pick<WebhookEvent, 'id'>;

/** NOTIFY channel of committed deliveries left to the relay: it wakes on it (WebhookRelayPoller) instead of waiting for its poll. */
export const WEBHOOK_EVENTS_CHANNEL = 'dmflow_webhook_events';

/**
 * How many enabled endpoints of the account subscribe to the event type and, if any, the event's ordering lock:
 * sequence numbers are taken at insert but become visible at commit, so without the lock a later event of the same
 * contact could commit before an earlier one. Held until the transaction ends, so the deliveries of one key are created
 * (and committed) in sequence order. An event nobody subscribes to is never delivered, so it needs no order.
 */
const SUBSCRIBED_SQL = `SELECT endpoints, CASE WHEN endpoints > 0 AND $3::text IS NOT NULL
         THEN pg_advisory_xact_lock(hashtext('webhook-order'), hashtext($3::text))::text END AS locked
   FROM (SELECT count(*)::int AS endpoints FROM webhook_endpoints
          WHERE account_id = $1 AND enabled AND $2::text = ANY (events)) endpoint`;

const INSERT_SQL = `INSERT INTO webhook_events (account_id, event_type, ordering_key, payload, occurred_at, relayed_at)
  VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`;

/**
 * SUBSCRIBED_SQL, and the event written in the same statement when nobody subscribes (most events of most accounts):
 * it needs no lock and no delivery. Otherwise the statement only counts and locks, and FAN_OUT_SQL writes the event.
 */
const UNLESS_SUBSCRIBED_SQL = `WITH subscribed AS (${SUBSCRIBED_SQL}), event AS (
     INSERT INTO webhook_events (account_id, event_type, ordering_key, payload, occurred_at, relayed_at)
     SELECT $1, $2, $3, $4::jsonb, $5::timestamptz, now() FROM subscribed WHERE endpoints = 0 RETURNING id
   )
   SELECT subscribed.endpoints, (SELECT id FROM event) AS id FROM subscribed`;

/**
 * The event, fanned out at once into one delivery per subscribed enabled endpoint (so it is written relayed). Up to $6
 * of them that head their chain (no open delivery of the same endpoint and key is before them, nor an event of the key
 * still waiting for the relay: one written the old way) are leased to this process's boot $7 as `sending`, with the
 * endpoint's row, to be sent after the commit; the others are `pending` and a NOTIFY (at commit) wakes the relay.
 */
const FAN_OUT_SQL = `WITH event AS (
     ${INSERT_SQL.replace('RETURNING id', 'RETURNING id, sequence, payload')}
   ), target AS (
     SELECT endpoint.*, ($3::text IS NULL OR (
         NOT EXISTS (SELECT 1 FROM webhook_deliveries earlier
                      WHERE earlier.endpoint_id = endpoint.id AND earlier.ordering_key = $3::text
                        AND earlier.status IN ('pending', 'queued', 'sending'))
         AND NOT EXISTS (SELECT 1 FROM webhook_events older
                          WHERE older.relayed_at IS NULL AND older.account_id = $1 AND older.ordering_key = $3::text))) AS heads
     FROM webhook_endpoints endpoint
     WHERE endpoint.account_id = $1 AND endpoint.enabled AND $2::text = ANY (endpoint.events)
   ), ranked AS (
     SELECT target.*, heads AND row_number() OVER (PARTITION BY heads ORDER BY target.id) <= $6 AS leased FROM target
   ), delivery AS (
     INSERT INTO webhook_deliveries (endpoint_id, event_id, event_sequence, event_type, ordering_key, status, leased_at,
       leased_by_boot, first_attempt_at)
     SELECT ranked.id, event.id, event.sequence, $2, $3, CASE WHEN ranked.leased THEN 'sending' ELSE 'pending' END,
       CASE WHEN ranked.leased THEN clock_timestamp() END, CASE WHEN ranked.leased THEN $7::uuid END,
       CASE WHEN ranked.leased THEN now() END
     FROM event, ranked
     RETURNING id, endpoint_id, status, first_attempt_at
   )
   SELECT event.id,
     (SELECT pg_notify($8, '') FROM delivery WHERE status = 'pending' LIMIT 1) AS notified,
     -- As stored (jsonb orders keys its own way): the body is the same as any later attempt's.
     CASE WHEN EXISTS (SELECT 1 FROM delivery WHERE status = 'sending') THEN event.payload END AS payload,
     (SELECT coalesce(json_agg(json_build_object('id', delivery.id, 'endpoint_id', delivery.endpoint_id,
        'first_attempt_at', delivery.first_attempt_at, 'endpoint', ${ENDPOINT_ROW_JSON})), '[]')
      FROM delivery JOIN ranked endpoint ON endpoint.id = delivery.endpoint_id WHERE delivery.status = 'sending') AS leased
   FROM event`;

interface FannedOut {
  id: string;
  payload: Record<string, unknown> | null;
  leased: LeasedAtInsert[];
}

/** Slots of this process for deliveries it leases at insert and sends itself after the commit. */
export interface DirectDeliveryReservation {
  bootId: string;
  slots: number[];
}

export type LeasedAtInsert = Pick<ClaimedDelivery, 'id' | 'endpoint_id' | 'first_attempt_at' | 'endpoint'>;

/** Sends deliveries leased at insert after their transaction commits; only processes that run workers have one. */
export interface DirectDeliveries {
  /** Up to `wanted` slots, none when this process may not lease now. */
  reserve(wanted: number): DirectDeliveryReservation;
  /** The insert leased `deliveries` (the first slots); sends them after `manager`'s transaction commits. */
  leased(manager: EntityManager, reservation: DirectDeliveryReservation, event: LeasedEvent, deliveries: LeasedAtInsert[]): void;
  /** The insert failed: nothing was leased. */
  cancel(reservation: DirectDeliveryReservation): void;
}

export interface LeasedEvent {
  id: string;
  type: WebhookEventType;
  payload: Record<string, unknown>;
  /** Before the statement that leased the deliveries: their lease started no earlier. */
  leasedFromMs: number;
}

/**
 * The one way to emit an outgoing webhook event. Call it with the EntityManager of the transaction that
 * makes the change, so the event exists if and only if the change commits.
 */
@Injectable()
export class WebhookEventsService {
  private direct: DirectDeliveries | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** From a process that runs workers: deliveries it can send itself are leased at insert and sent after the commit. */
  deliverDirectly(direct: DirectDeliveries): void {
    this.direct = direct;
  }

  async record(event: NewWebhookEvent, manager?: EntityManager): Promise<RecordedWebhookEvent> {
    if (!manager?.queryRunner?.isTransactionActive) return this.dataSource.transaction((transaction) => this.insert(transaction, event));
    return this.insert(manager, event);
  }

  /**
   * The row is always written (the event happened; it is kept like any other until pruned), relayed already: its
   * deliveries are written with it, one per endpoint subscribed when it is recorded (an endpoint receives the events
   * recorded after it subscribed). With none, no lock, no NOTIFY, no delivery.
   */
  private async insert(manager: EntityManager, event: NewWebhookEvent): Promise<RecordedWebhookEvent> {
    const values = [event.accountId, event.type, event.orderingKey, JSON.stringify(event.payload), event.occurredAt ?? new Date()];
    const [{ endpoints, id }] = await queryRows<{ endpoints: number; id: string | null }>(manager, UNLESS_SUBSCRIBED_SQL, values);
    if (id) return { id };
    const direct = this.direct;
    const reservation = direct?.reserve(endpoints) ?? null;
    const leasedFromMs = Date.now();
    let recorded: FannedOut;
    try {
      // NOTIFY is delivered when (and only if) the transaction commits; several in one transaction fold into one.
      [recorded] = await queryRows<FannedOut>(manager, FAN_OUT_SQL, [
        ...values,
        reservation?.slots.length ?? 0,
        reservation?.bootId ?? null,
        WEBHOOK_EVENTS_CHANNEL,
      ]);
    } catch (error) {
      if (direct && reservation) direct.cancel(reservation);
      throw error;
    }
    if (direct && reservation)
      direct.leased(
        manager,
        reservation,
        { id: recorded.id, type: event.type, payload: recorded.payload ?? {}, leasedFromMs },
        recorded.leased,
      );
    return { id: recorded.id };
  }
}
