import { normalizeInboundEvent } from '@dmflow/shared';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { LOCK_NOT_AVAILABLE, type LockSession, SessionLocks } from '../../core/database/session-locks';
import { JobToEnqueue, QueueGateway } from '../../core/queue/queue-gateway';
import { InboxEvent } from './entities/inbox-event.entity';
import { InboundFairness } from './inbound-fairness';
import type { InboxEventDraft } from './inbox-event-draft';
import type { ClaimedInboxEvent, InboxWork, InboxWorkStep } from './inbox-work';

export interface StoredBatch {
  /** Rows written by this delivery (duplicates of earlier deliveries are not). */
  stored: number;
  duplicates: number;
  queued: number;
}

const ENQUEUE_WAIT_MS = 2_000;
const LANE_LOCKS = 'dmflow.inbox_lane';

interface HeldLane {
  laneKey: string;
  /** The lane's oldest unfinished row when the lock was taken. */
  head: string | null;
}

/** The row was processed meanwhile (a replay after a crash, or another worker): whatever was being written rolls back. */
class InboxEventAlreadyProcessed extends Error {
  constructor(id: string) {
    super(`inbox event ${id} was already processed`);
  }
}

type ProcessStep = Extract<InboxWorkStep, { recorded: string }>['process'];

/**
 * Rows stored before the `inbound` column existed (migration 1764800000000) and still unfinished at the upgrade
 * have only Meta's raw event: normalize it here, on read, as the splitter does for new rows. An unreadable
 * event normalizes to null again, so re-reading it is harmless.
 */
function claimedEvent(row: InboxEvent): ClaimedInboxEvent {
  return {
    id: row.id,
    igAccountId: row.igAccountId,
    occurredAt: row.occurredAt,
    inbound: row.inbound ?? normalizeInboundEvent(row.kind, row.event),
    raw: row.event,
    recordedContactId: row.status === 'recorded' ? row.contactId : null,
  };
}

/** The durable inbox of Meta events: store once, queue ids, track each row to processed / skipped / failed. */
@Injectable()
export class InboxService {
  private readonly logger = new Logger(InboxService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: QueueGateway,
    private readonly locks: SessionLocks,
    private readonly fairness: InboundFairness,
  ) {}

  /**
   * Works on row `id` in its contact's lane (`<ig account>:<sender>`): whoever holds the lane (a session advisory
   * lock) applies the lane's unfinished rows one at a time, oldest first, through `claim`, until none is left; so one
   * person's events apply in the order they were stored, on any number of workers and hosts, while other lanes run
   * in parallel. The look that finds the lane empty lets it go in the same statement; a job that waited LOCK_WAIT_MS
   * for its lane returns, since the holder's later looks see its row (committed before the job ran). Only a holder
   * stalled longer than that inside its last look could miss it: the inbox sweeper then requeues the row. A failure
   * stops the lane (later rows must not overtake it) and is rethrown for the queue to retry; `finalAttempt` applies
   * to the job's own row only.
   */
  async claimInLane(id: string, finalAttempt: boolean, work: InboxWork): Promise<void> {
    const session = await this.locks.connect();
    let lane: HeldLane | null;
    try {
      lane = await this.holdLaneOf(session, id);
    } catch (error) {
      session.release();
      if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) return;
      throw error;
    }
    if (!lane) {
      session.release();
      return this.claim(id, finalAttempt, work);
    }
    let held = true;
    try {
      let previous: string | null = null;
      // A head that stays unfinished without an error is held by a worker outside lanes (an older version during an
      // upgrade): that worker finishes it.
      for (let next = lane.head; next && next !== previous;) {
        await this.claim(next, finalAttempt && next === id, work);
        previous = next;
        next = await this.nextOrLetGo(session, lane.laneKey);
        held = next !== null;
      }
      if (held) await session.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [LANE_LOCKS, lane.laneKey]);
    } catch (error) {
      // Closing the connection drops the lane's lock.
      session.release(true);
      throw error;
    }
    session.release();
  }

  /**
   * Waits (up to LOCK_WAIT_MS) for the row's lane and reads the lane's oldest unfinished row, in one statement; null
   * when the row has no lane (or no longer exists). The head may predate the lock: a row the last holder finished
   * meanwhile is then claimed as a no-op.
   */
  private async holdLaneOf(session: LockSession, id: string): Promise<HeldLane | null> {
    const rows = await session.query<{ lane_key: string; head: string | null }>(
      `SELECT event.lane_key, pg_advisory_lock(hashtext($2), hashtext(event.lane_key)) AS locked,
              (SELECT min(other.id)::text FROM inbox_events other
                WHERE other.lane_key = event.lane_key AND other.status IN ('pending', 'recorded')) AS head
         FROM inbox_events event WHERE event.id = $1 AND event.lane_key IS NOT NULL`,
      [id, LANE_LOCKS],
    );
    return rows.length ? { laneKey: rows[0].lane_key, head: rows[0].head } : null;
  }

  /** The lane's oldest unfinished row; when there is none, the lane is let go in the same statement. */
  private async nextOrLetGo(session: LockSession, laneKey: string): Promise<string | null> {
    const [row] = await session.query<{ head: string | null }>(
      `SELECT lane.head::text AS head, CASE WHEN lane.head IS NULL THEN pg_advisory_unlock(hashtext($2), hashtext($1)) END AS unlocked
         FROM (SELECT min(id) AS head FROM inbox_events WHERE lane_key = $1 AND status IN ('pending', 'recorded')) lane`,
      [laneKey, LANE_LOCKS],
    );
    return row.head;
  }

  /**
   * One INSERT for the whole batch; `ON CONFLICT DO NOTHING` drops events already stored (Meta's retries), so
   * only new, processable rows are queued. Queueing happens after the commit: if Redis is down the rows stay
   * pending and the sweeper queues them later, so the delivery is still acknowledged.
   */
  async store(drafts: InboxEventDraft[]): Promise<StoredBatch> {
    if (!drafts.length) return { stored: 0, duplicates: 0, queued: 0 };
    const rows = drafts.map((draft) => ({
      ig_account_id: draft.igAccountId,
      dedupe_key: draft.dedupeKey,
      kind: draft.kind,
      event: draft.event,
      inbound: draft.inbound,
      status: draft.skipReason ? 'skipped' : 'pending',
      error: draft.skipReason,
      occurred_at: draft.occurredAt.toISOString(),
    }));
    const inserted: Array<{ id: string; status: string; ig_account_id: string }> = await this.dataSource.query(
      `INSERT INTO inbox_events (ig_account_id, dedupe_key, kind, event, inbound, status, error, occurred_at, lane_key)
       SELECT r.ig_account_id, r.dedupe_key, r.kind, r.event, r.inbound, r.status, r.error, r.occurred_at,
              r.ig_account_id || ':' || (r.inbound->>'senderId')
         FROM jsonb_to_recordset($1::jsonb) AS r(ig_account_id text, dedupe_key text, kind text, event jsonb, inbound jsonb, status text, error text, occurred_at timestamptz)
       ON CONFLICT (ig_account_id, dedupe_key) DO NOTHING
       RETURNING id::text AS id, status, ig_account_id`,
      [JSON.stringify(rows)],
    );
    const toQueue = inserted.filter((row) => row.status === 'pending');
    const queued = await this.enqueueWithin(toQueue, ENQUEUE_WAIT_MS);
    return { stored: inserted.length, duplicates: drafts.length - inserted.length, queued };
  }

  /**
   * While Redis is unreachable Bull holds commands until it reconnects; Meta gives up after 20 s. So the HTTP
   * answer waits for the queue only briefly: the rows are committed, and the queueing (or the sweeper) finishes later.
   */
  private async enqueueWithin(rows: Array<{ id: string; ig_account_id: string }>, waitMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(0), waitMs)));
    try {
      return await Promise.race([this.enqueueFairly(rows), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Queues new rows with their account's priority (InboundFairness); without Redis they are left to the sweeper. */
  private async enqueueFairly(rows: Array<{ id: string; ig_account_id: string }>): Promise<number> {
    if (!rows.length) return 0;
    const perAccount = new Map<string, number>();
    for (const row of rows) perAccount.set(row.ig_account_id, (perAccount.get(row.ig_account_id) ?? 0) + 1);
    let priorities: Map<string, number>;
    try {
      priorities = await this.fairness.priorities(perAccount);
    } catch {
      priorities = new Map();
    }
    return this.queueRows(
      rows.map((row) => row.id),
      (jobs) => this.queue.enqueueMany('processInboxEvent', jobs),
      (index) => priorities.get(rows[index].ig_account_id) ?? 1,
    );
  }

  /** When a comment to this Instagram account was made, if its webhook reached us (and is not pruned yet). */
  async commentTime(igAccountId: string, commentId: string): Promise<Date | undefined> {
    const row = await this.dataSource
      .getRepository(InboxEvent)
      .findOne({ select: { occurredAt: true }, where: { igAccountId, dedupeKey: `comment:${commentId}` } });
    return row?.occurredAt;
  }

  /** Queues rows again, even those whose job already finished (e.g. failed out). */
  async requeue(ids: string[]): Promise<number> {
    return this.queueRows(ids, (jobs) => this.queue.requeueMany('processInboxEvent', jobs));
  }

  private async queueRows(
    ids: string[],
    add: (jobs: Array<JobToEnqueue<'processInboxEvent'>>) => Promise<void>,
    priorityOf: (index: number) => number = () => 1,
  ): Promise<number> {
    if (!ids.length) return 0;
    try {
      await add(ids.map((id, index) => ({ payload: { inboxEventId: id }, jobId: id, priority: priorityOf(index) })));
      return ids.length;
    } catch (error) {
      this.logger.warn({
        msg: 'inbox rows stored but not queued; the sweeper will queue them',
        rows: ids.length,
        error: (error as Error).message,
      });
      return 0;
    }
  }

  /** Events stored but not yet processed, and the age of the oldest (0 when none): the inbox's lag. */
  async backlog(): Promise<{ pending: number; oldestAgeSeconds: number }> {
    const [row]: Array<{ pending: number; oldest_age_seconds: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS pending, coalesce(extract(epoch FROM now() - min(received_at)), 0)::float8 AS oldest_age_seconds
         FROM inbox_events WHERE status IN ('pending', 'recorded')`,
    );
    return { pending: row.pending, oldestAgeSeconds: Math.max(0, row.oldest_age_seconds) };
  }

  /** Rows a crash or a Redis outage left unfinished, oldest first. */
  async unfinished(olderThanMs: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id::text AS id FROM inbox_events
        WHERE status IN ('pending', 'recorded') AND updated_at < now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY updated_at LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Works on one row in two steps, each safe to repeat after a crash:
   * 1. in one transaction, under the row's lock: `work` records the event (upserts the contact, writes the
   *    outgoing webhook event) or says why to skip it, and the row becomes `recorded` or `skipped`;
   * 2. after that commit, the work's `process` step runs. It hands `markProcessedWithin` to the transaction of
   *    the run step it causes, so the row becomes `processed` with the outcome in the same transaction as that
   *    step, and a replay after a crash finds it processed and never applies it twice.
   * A failure counts an attempt (`failed` after the last) and is rethrown, so the queue retries the job.
   */
  async claim(id: string, finalAttempt: boolean, work: InboxWork): Promise<void> {
    try {
      const process = await this.dataSource.transaction((manager) => this.record(manager, id, work));
      if (!process) return;
      const outcome = await process((manager, outcome) => this.markProcessedWithin(manager, id, outcome));
      // Outcomes that changed no run (no trigger matched, run in progress) are marked here; repeating them is harmless.
      await this.markProcessed(id, outcome);
    } catch (error) {
      if (error instanceof InboxEventAlreadyProcessed) return;
      await this.markAttemptFailed(id, (error as Error).message, finalAttempt);
      throw error;
    }
  }

  /** Step 1 of claim; null when there is nothing to process (held elsewhere, already past it, or skipped). */
  private async record(manager: EntityManager, id: string, work: InboxWork): Promise<ProcessStep | null> {
    const row = await this.lockPending(manager, id);
    if (!row || (row.status !== 'pending' && row.status !== 'recorded')) return null;
    const event = claimedEvent(row);
    const step = await work(manager, event);
    if ('skip' in step) {
      await this.markSkipped(row.id, step.skip, manager);
      this.logger.log({ msg: 'inbox event skipped', inbox_event_id: row.id, reason: step.skip });
      return null;
    }
    if (!event.recordedContactId) await this.markRecorded(manager, row.id, step.recorded);
    return step.process;
  }

  /** Takes the row for its first step; null when another worker holds it or it is already past that step. */
  private lockPending(manager: EntityManager, id: string): Promise<InboxEvent | null> {
    return manager
      .createQueryBuilder(InboxEvent, 'event')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('event.id = :id', { id })
      .getOne();
  }

  /** What the person last wrote (DM texts), newest first: the conversation an AI reply reads. */
  async recentMessages(contactId: string, limit: number): Promise<Array<{ text: string; at: Date }>> {
    if (limit <= 0) return [];
    return this.dataSource.query(
      // received_at, not Meta's occurred_at: ordered by the same clock as the sends it is merged with.
      `SELECT inbound->>'text' AS text, received_at AS at FROM inbox_events
        WHERE contact_id = $1 AND kind = 'message' AND coalesce(inbound->>'text', '') <> ''
        ORDER BY received_at DESC LIMIT $2`,
      [contactId, limit],
    );
  }

  find(id: string): Promise<InboxEvent | null> {
    return this.dataSource.manager.findOneBy(InboxEvent, { id });
  }

  private async markRecorded(manager: EntityManager, id: string, contactId: string): Promise<void> {
    await manager.update(InboxEvent, { id }, { status: 'recorded', contactId, updatedAt: new Date() });
  }

  /**
   * Marks the row processed inside the transaction of the run step it caused, so the step and the row commit
   * together; throws InboxEventAlreadyProcessed (rolling the step back) if the row is no longer `recorded`.
   */
  private async markProcessedWithin(manager: EntityManager, id: string, outcome: string): Promise<void> {
    const result = await manager.update(
      InboxEvent,
      { id, status: 'recorded' },
      { status: 'processed', outcome, error: null, updatedAt: new Date() },
    );
    if (result.affected !== 1) throw new InboxEventAlreadyProcessed(id);
  }

  /** Marks the row processed if it is still `recorded` (a no-op when the run's transaction already did). */
  private async markProcessed(id: string, outcome: string): Promise<void> {
    await this.dataSource.manager.update(
      InboxEvent,
      { id, status: 'recorded' },
      { status: 'processed', outcome, error: null, updatedAt: new Date() },
    );
  }

  private async markSkipped(id: string, reason: string, manager: EntityManager): Promise<void> {
    await manager.update(InboxEvent, { id }, { status: 'skipped', error: reason, updatedAt: new Date() });
  }

  /** Counts a failed attempt; after the last one the row is `failed` and keeps the error for an operator. */
  private async markAttemptFailed(id: string, error: string, finalAttempt: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE inbox_events SET attempts = attempts + 1, error = $2, updated_at = now(),
              status = CASE WHEN $3 THEN 'failed' ELSE status END
        WHERE id = $1 AND status IN ('pending', 'recorded')`,
      [id, error.slice(0, 2000), finalAttempt],
    );
  }
}
