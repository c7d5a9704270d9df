import { normalizeInboundEvent } from '@dmflow/shared';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { JobToEnqueue, QueueGateway } from '../../core/queue/queue-gateway';
import { InboxEvent } from './entities/inbox-event.entity';
import type { InboxEventDraft } from './inbox-event-draft';
import type { ClaimedInboxEvent, InboxWork, InboxWorkStep } from './inbox-work';

export interface StoredBatch {
  /** Rows written by this delivery (duplicates of earlier deliveries are not). */
  stored: number;
  duplicates: number;
  queued: number;
}

const ENQUEUE_WAIT_MS = 2_000;

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
  ) {}

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
    const inserted: Array<{ id: string; status: string }> = await this.dataSource.query(
      `INSERT INTO inbox_events (ig_account_id, dedupe_key, kind, event, inbound, status, error, occurred_at)
       SELECT r.ig_account_id, r.dedupe_key, r.kind, r.event, r.inbound, r.status, r.error, r.occurred_at
         FROM jsonb_to_recordset($1::jsonb) AS r(ig_account_id text, dedupe_key text, kind text, event jsonb, inbound jsonb, status text, error text, occurred_at timestamptz)
       ON CONFLICT (ig_account_id, dedupe_key) DO NOTHING
       RETURNING id::text AS id, status`,
      [JSON.stringify(rows)],
    );
    const toQueue = inserted.filter((row) => row.status === 'pending').map((row) => row.id);
    const queued = await this.enqueueWithin(toQueue, ENQUEUE_WAIT_MS);
    return { stored: inserted.length, duplicates: drafts.length - inserted.length, queued };
  }

  /**
   * While Redis is unreachable Bull holds commands until it reconnects; Meta gives up after 20 s. So the HTTP
   * answer waits for the queue only briefly: the rows are committed, and the queueing (or the sweeper) finishes later.
   */
  private async enqueueWithin(ids: string[], waitMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<number>((resolve) => (timer = setTimeout(() => resolve(0), waitMs)));
    try {
      return await Promise.race([this.enqueue(ids), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Queues rows by id; the job id is the row id, so a row already waiting in the queue is not queued twice. */
  /** When a comment to this Instagram account was made, if its webhook reached us (and is not pruned yet). */
  async commentTime(igAccountId: string, commentId: string): Promise<Date | undefined> {
    const row = await this.dataSource
      .getRepository(InboxEvent)
      .findOne({ select: { occurredAt: true }, where: { igAccountId, dedupeKey: `comment:${commentId}` } });
    return row?.occurredAt;
  }

  async enqueue(ids: string[]): Promise<number> {
    return this.queueRows(ids, (jobs) => this.queue.enqueueMany('processInboxEvent', jobs));
  }

  /** Queues rows again, even those whose job already finished (e.g. failed out). */
  async requeue(ids: string[]): Promise<number> {
    return this.queueRows(ids, (jobs) => this.queue.requeueMany('processInboxEvent', jobs));
  }

  private async queueRows(ids: string[], add: (jobs: Array<JobToEnqueue<'processInboxEvent'>>) => Promise<void>): Promise<number> {
    if (!ids.length) return 0;
    try {
      await add(ids.map((id) => ({ payload: { inboxEventId: id }, jobId: id })));
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
