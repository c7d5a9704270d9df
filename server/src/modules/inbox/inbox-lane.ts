import type { EntityManager } from 'typeorm';
import { InboxEvent } from './entities/inbox-event.entity';

/** How long a job waits for its contact's lane before leaving its row to the lane's holder. */
export const LANE_WAIT_MS = 200;
/** Postgres `lock_not_available` (lock_timeout expired). */
export const LOCK_NOT_AVAILABLE = '55P03';
const LANE_LOCKS = 'dmflow.inbox_lane';

/**
 * Takes the lane of row `id` (`<ig account>:<sender>`) for the rest of `manager`'s transaction: a transaction-level
 * advisory lock, so the commit that applies an event also lets the lane go, and a crashed holder frees it at once.
 * Waits at most LANE_WAIT_MS (then Postgres raises LOCK_NOT_AVAILABLE) and puts lock_timeout back in the same
 * statement, so nothing else in the transaction inherits the short wait. Null when the row has no lane (stored
 * before lanes existed) or no longer exists.
 */
export async function holdLaneOf(manager: EntityManager, id: string): Promise<string | null> {
  const rows = await manager.query<Array<{ lane_key: string }>>(
    `SELECT event.lane_key,
            set_config('lock_timeout', $3, true) AS waiting,
            pg_advisory_xact_lock(hashtext($2), hashtext(event.lane_key)) AS locked,
            set_config('lock_timeout', (SELECT reset_val FROM pg_settings WHERE name = 'lock_timeout'), true) AS restored
       FROM inbox_events event WHERE event.id = $1 AND event.lane_key IS NOT NULL`,
    [id, LANE_LOCKS, `${LANE_WAIT_MS}ms`],
  );
  return rows.length ? rows[0].lane_key : null;
}

/**
 * The lane's oldest unfinished row, locked; read after the lane's lock was taken, so it sees everything the last
 * holder committed.
 */
export function laneHead(manager: EntityManager, laneKey: string): Promise<InboxEvent | null> {
  return manager
    .createQueryBuilder(InboxEvent, 'event')
    .setLock('pessimistic_write')
    .where('event.lane_key = :laneKey AND event.status IN (:...open)', { laneKey, open: ['pending', 'recorded'] })
    .orderBy('event.id')
    .limit(1)
    .getOne();
}

/** Row `id` alone, locked (rows without a lane); null when another worker holds it. */
export function lockRow(manager: EntityManager, id: string): Promise<InboxEvent | null> {
  return manager
    .createQueryBuilder(InboxEvent, 'event')
    .setLock('pessimistic_write')
    .setOnLocked('skip_locked')
    .where('event.id = :id', { id })
    .getOne();
}

export interface RowEnd {
  status: 'processed' | 'skipped';
  outcome?: string;
  error?: string;
  contactId?: string;
}

/**
 * Ends the row inside the transaction that applied it; returns whether its lane holds later unfinished rows, for
 * the holder to go on with (one statement for both).
 */
export async function endRow(manager: EntityManager, row: InboxEvent, end: RowEnd): Promise<boolean> {
  const [rows] = await manager.query<[Array<{ more: boolean }>, number]>(
    `UPDATE inbox_events SET status = $2, outcome = $3, error = $4, contact_id = coalesce($5, contact_id), updated_at = now()
      WHERE id = $1
      RETURNING EXISTS (SELECT 1 FROM inbox_events later
                         WHERE later.lane_key = inbox_events.lane_key AND later.id > inbox_events.id
                           AND later.status IN ('pending', 'recorded')) AS more`,
    [row.id, end.status, end.outcome ?? null, end.error ?? null, end.contactId ?? null],
  );
  return rows[0]?.more ?? false;
}
