import { normalizeInboundEvent } from '@dmflow/shared';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JobToEnqueue, QueueGateway } from '../../core/queue/queue-gateway';
import { InboxEvent } from './entities/inbox-event.entity';
import { InboundFairness } from './inbound-fairness';
import type { InboxEventDraft } from './inbox-event-draft';
import { endRow, holdLaneOf, laneHead, LOCK_NOT_AVAILABLE, lockRow } from './inbox-lane';
import type { ClaimedInboxEvent, InboxWork } from './inbox-work';

export interface StoredBatch {
  /** Rows written by this delivery (duplicates of earlier deliveries are not). */
  stored: number;
  duplicates: number;
  queued: number;
}

/** A row written by InboxService.insert. */
export interface InsertedRow {
  id: string;
  status: string;
  ig_account_id: string;
  dedupe_key: string;
}

const ENQUEUE_WAIT_MS = 2_000;

/** One turn of a lane: the row applied (null: none was left), and whether its lane holds later unfinished rows. */
interface LaneTurn {
  applied: string | null;
  more: boolean;
}

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
    private readonly fairness: InboundFairness,
  ) {}

  /**
   * Works on row `id` in its contact's lane (`<ig account>:<sender>`): each turn is one transaction that takes the
   * lane (InboxLane.holdLaneOf), applies the lane's oldest unfinished row through `work` and ends it; so one person's
   * events apply in the order they were stored, on any number of workers and hosts, while other lanes run in
   * parallel. The holder goes on while its lane has later rows. A job that waited LANE_WAIT_MS for its lane returns:
   * the holder's next turn sees its row (committed before the job ran); only a holder whose last turn stalled that
   * long between its last look and its commit could miss it, and the inbox sweeper then requeues the row. A failure
   * stops the lane (later rows must not overtake it) and is rethrown for the queue to retry; `finalAttempt` applies
   * to the job's own row only.
   */
  async claimInLane(id: string, finalAttempt: boolean, work: InboxWork): Promise<void> {
    for (let previous: string | null = null; ;) {
      let turn: LaneTurn | null;
      try {
        turn = await this.laneTurn(id, finalAttempt, work);
      } catch (error) {
        if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) return;
        throw error;
      }
      if (turn === null) return this.claim(id, finalAttempt, work);
      // A head that stays unfinished without an error is held by a worker outside lanes (an older version during
      // an upgrade): that worker finishes it.
      if (!turn.more || !turn.applied || turn.applied === previous) return;
      previous = turn.applied;
    }
  }

  /** One transaction of the lane of row `id`; null when the row has no lane. */
  private async laneTurn(id: string, finalAttempt: boolean, work: InboxWork): Promise<LaneTurn | null> {
    let head: InboxEvent | null = null;
    let afterCommit: (() => Promise<void>) | undefined;
    let more = false;
    try {
      const laned = await this.dataSource.transaction(async (manager) => {
        const laneKey = await holdLaneOf(manager, id);
        if (laneKey === null) return false;
        head = await laneHead(manager, laneKey);
        if (head) ({ more, afterCommit } = await this.apply(manager, head, work));
        return true;
      });
      if (!laned) return null;
    } catch (error) {
      const failed = head as InboxEvent | null;
      if (failed) await this.markAttemptFailed(failed.id, (error as Error).message, finalAttempt && failed.id === id);
      throw error;
    }
    await afterCommit?.();
    return { applied: (head as InboxEvent | null)?.id ?? null, more };
  }

  /**
   * One INSERT for the whole batch; `ON CONFLICT DO NOTHING` drops events already stored (Meta's retries), so
   * only new, processable rows are queued. Queueing happens after the commit: if Redis is down the rows stay
   * pending and the sweeper queues them later, so the delivery is still acknowledged. (Meta's deliveries go through
   * InboxGroupCommit, which uses insert and enqueueInserted for several deliveries at once.)
   */
  async store(drafts: InboxEventDraft[]): Promise<StoredBatch> {
    if (!drafts.length) return { stored: 0, duplicates: 0, queued: 0 };
    const inserted = await this.insert(drafts);
    const queued = await this.enqueueInserted(inserted);
    return { stored: inserted.length, duplicates: drafts.length - inserted.length, queued };
  }

  /** The drafts in one statement (one commit); returns the rows it wrote, not those already stored. */
  async insert(drafts: InboxEventDraft[]): Promise<InsertedRow[]> {
    if (!drafts.length) return [];
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
    return this.dataSource.query(
      `INSERT INTO inbox_events (ig_account_id, dedupe_key, kind, event, inbound, status, error, occurred_at, lane_key)
       SELECT r.ig_account_id, r.dedupe_key, r.kind, r.event, r.inbound, r.status, r.error, r.occurred_at,
              r.ig_account_id || ':' || (r.inbound->>'senderId')
         FROM jsonb_to_recordset($1::jsonb) AS r(ig_account_id text, dedupe_key text, kind text, event jsonb, inbound jsonb, status text, error text, occurred_at timestamptz)
       ON CONFLICT (ig_account_id, dedupe_key) DO NOTHING
       RETURNING id::text AS id, status, ig_account_id, dedupe_key`,
      [JSON.stringify(rows)],
    );
  }

  /** Queues the pending rows among those inserted; how many were queued (0: left to the sweeper). Never throws. */
  enqueueInserted(inserted: InsertedRow[]): Promise<number> {
    return this.enqueueWithin(
      inserted.filter((row) => row.status === 'pending'),
      ENQUEUE_WAIT_MS,
    ).catch(() => 0);
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
   * Applies row `id` alone (a row stored before lanes existed) in one transaction, under the row's lock: `work`
   * records and routes the event, and the row ends `processed` or `skipped` in the same commit, so a replay after a
   * crash either finds it done or redoes all of it. A failure counts an attempt (`failed` after the last) and is
   * rethrown, so the queue retries the job.
   */
  async claim(id: string, finalAttempt: boolean, work: InboxWork): Promise<void> {
    let afterCommit: (() => Promise<void>) | undefined;
    try {
      await this.dataSource.transaction(async (manager) => {
        const row = await lockRow(manager, id);
        if (row && (row.status === 'pending' || row.status === 'recorded')) ({ afterCommit } = await this.apply(manager, row, work));
      });
    } catch (error) {
      await this.markAttemptFailed(id, (error as Error).message, finalAttempt);
      throw error;
    }
    await afterCommit?.();
  }

  /** Runs `work` on the locked row and ends the row in the same transaction. */
  private async apply(
    manager: EntityManager,
    row: InboxEvent,
    work: InboxWork,
  ): Promise<{ more: boolean; afterCommit?: () => Promise<void> }> {
    const result = await work(manager, claimedEvent(row));
    if ('skip' in result) {
      this.logger.log({ msg: 'inbox event skipped', inbox_event_id: row.id, reason: result.skip });
      return { more: await endRow(manager, row, { status: 'skipped', error: result.skip }) };
    }
    const more = await endRow(manager, row, { status: 'processed', outcome: result.outcome, contactId: result.contactId });
    return { more, afterCommit: result.afterCommit };
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
