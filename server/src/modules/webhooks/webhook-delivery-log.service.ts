import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HttpErrors } from '../../core/http/http.errors';
import { WebhookErrors } from './webhooks.errors';
import { DEFAULT_PAGE_SIZE, Page, PageQueryDto } from '../../core/http/pagination';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import type { DeliveryStatus } from './entities/webhook-delivery.entity';
import { queryRows } from '../../core/database/query-rows';
import { isUuid } from '../../core/http/uuid';

interface DeliveryRow {
  id: string;
  event_id: string;
  event_sequence: string;
  event_type: string;
  ordering_key: string | null;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  completed_at: Date | null;
  created_at: Date;
}

interface AttemptRow {
  attempt: number;
  succeeded: boolean;
  status_code: number | null;
  latency_ms: number;
  response_snippet: string | null;
  error: string | null;
  attempted_at: Date;
}

export type DeliveryAttemptView = Omit<AttemptRow, 'attempted_at'> & { attempted_at: string };

export interface DeliveryView {
  id: string;
  event_id: string;
  event_type: string;
  ordering_key: string | null;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  completed_at: string | null;
  created_at: string;
}

export type DeliveryDetailView = DeliveryView & { payload: unknown; attempt_log: DeliveryAttemptView[] };

const DELIVERY_COLUMNS = `id, event_id, event_sequence::text, event_type, ordering_key, status, attempts, next_attempt_at,
  last_attempt_at, last_status_code, last_error, completed_at, created_at`;

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

export const DeliveryView = {
  of(row: DeliveryRow): DeliveryView {
    return {
      id: row.id,
      event_id: row.event_id,
      event_type: row.event_type,
      ordering_key: row.ordering_key,
      status: row.status,
      attempts: row.attempts,
      next_attempt_at: row.status === 'pending' ? iso(row.next_attempt_at) : null,
      last_attempt_at: iso(row.last_attempt_at),
      last_status_code: row.last_status_code,
      last_error: row.last_error,
      completed_at: iso(row.completed_at),
      created_at: new Date(row.created_at).toISOString(),
    };
  },
};

function encodeSequenceCursor(sequence: string): string {
  return Buffer.from(JSON.stringify({ s: sequence })).toString('base64url');
}

function decodeSequenceCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s?: unknown };
    if (typeof parsed.s === 'string' && /^\d{1,19}$/.test(parsed.s)) return parsed.s;
  } catch {
    // fall through to the error below
  }
  throw HttpErrors.invalidCursor();
}

/** The per-endpoint delivery log, and redelivery. */
@Injectable()
export class WebhookDeliveryLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly endpoints: WebhookEndpointsService,
  ) {}

  /**
   * Newest event first. Deliveries fanned out together share created_at, so the keyset is the event sequence,
   * unique per endpoint: the cursor is that sequence.
   */
  async list(accountId: string, endpointId: string, page: PageQueryDto, status?: DeliveryStatus): Promise<Page<DeliveryView>> {
    await this.endpoints.find(accountId, endpointId);
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const before = page.cursor === undefined ? null : decodeSequenceCursor(page.cursor);
    const rows = await queryRows<DeliveryRow>(
      this.dataSource,
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries
       WHERE endpoint_id = $1 AND ($2::bigint IS NULL OR event_sequence < $2::bigint) AND ($3::text IS NULL OR status = $3)
       ORDER BY event_sequence DESC LIMIT $4`,
      [endpointId, before, status ?? null, limit + 1],
    );
    const hasMore = rows.length > limit;
    const pageRows = rows.slice(0, limit);
    return {
      data: pageRows.map((row) => DeliveryView.of(row)),
      has_more: hasMore,
      next_cursor: hasMore ? encodeSequenceCursor(pageRows[pageRows.length - 1].event_sequence) : null,
    };
  }

  async get(accountId: string, endpointId: string, deliveryId: string): Promise<DeliveryDetailView> {
    const row = await this.find(accountId, endpointId, deliveryId);
    const [event] = await queryRows<{ payload: unknown }>(this.dataSource, `SELECT payload FROM webhook_events WHERE id = $1`, [
      row.event_id,
    ]);
    const attempts = await queryRows<AttemptRow>(
      this.dataSource,
      `SELECT attempt, succeeded, status_code, latency_ms, response_snippet, error, attempted_at
       FROM webhook_delivery_attempts WHERE delivery_id = $1 ORDER BY attempt`,
      [deliveryId],
    );
    return {
      ...DeliveryView.of(row),
      payload: event?.payload ?? null,
      attempt_log: attempts.map((attempt) => ({ ...attempt, attempted_at: new Date(attempt.attempted_at).toISOString() })),
    };
  }

  /** Sends the event again, with the same X-Webhook-Id, and a fresh retry window. */
  async redeliver(accountId: string, endpointId: string, deliveryId: string): Promise<DeliveryView> {
    await this.find(accountId, endpointId, deliveryId);
    const rows = await queryRows<DeliveryRow>(
      this.dataSource,
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now(), first_attempt_at = NULL, completed_at = NULL
       WHERE id = $1 AND status IN ('pending', 'succeeded', 'failed') RETURNING ${DELIVERY_COLUMNS}`,
      [deliveryId],
    );
    if (!rows[0]) throw WebhookErrors.deliveryInProgress();
    return DeliveryView.of(rows[0]);
  }

  private async find(accountId: string, endpointId: string, deliveryId: string): Promise<DeliveryRow> {
    await this.endpoints.find(accountId, endpointId);
    const rows: DeliveryRow[] = isUuid(deliveryId)
      ? await queryRows<DeliveryRow>(
          this.dataSource,
          `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries WHERE id = $1 AND endpoint_id = $2`,
          [deliveryId, endpointId],
        )
      : [];
    if (!rows[0]) throw WebhookErrors.deliveryNotFound(deliveryId);
    return rows[0];
  }
}
