import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { InboxEventDraft } from '../meta/split-webhook-batch';
import { JobToEnqueue, QueueGateway } from '../../core/queue/queue-gateway';
import { InboxEvent } from './entities/inbox-event.entity';

export interface StoredBatch {
  /** Rows written by this delivery (duplicates of earlier deliveries are not). */
  stored: number;
  duplicates: number;
  queued: number;
}

const ENQUEUE_WAIT_MS = 2_000;

/** The row was processed meanwhile (a replay after a crash, or another worker): whatever was being written rolls back. */
export class InboxEventAlreadyProcessed extends Error {
  constructor(id: string) {
    super(`inbox event ${id} was already processed`);
  }
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
      status: draft.skipReason ? 'skipped' : 'pending',
      error: draft.skipReason,
      occurred_at: draft.occurredAt.toISOString(),
    }));
    const inserted: Array<{ id: string; status: string }> = await this.dataSource.query(
      `INSERT INTO inbox_events (ig_account_id, dedupe_key, kind, event, status, error, occurred_at)
       SELECT r.ig_account_id, r.dedupe_key, r.kind, r.event, r.status, r.error, r.occurred_at
         FROM jsonb_to_recordset($1::jsonb) AS r(ig_account_id text, dedupe_key text, kind text, event jsonb, status text, error text, occurred_at timestamptz)
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
      this.logger.warn({ msg: 'inbox rows stored but not queued; the sweeper will queue them', rows: ids.length, error: (error as Error).message });
      return 0;
    }
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

  /** Takes the row for its first step; null when another worker holds it or it is already past that step. */
  lockPending(manager: EntityManager, id: string): Promise<InboxEvent | null> {
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

  async markRecorded(manager: EntityManager, id: string, contactId: string): Promise<void> {
    await manager.update(InboxEvent, { id }, { status: 'recorded', contactId, updatedAt: new Date() });
  }

  /**
   * Marks the row processed inside the transaction of the run step it caused, so the step and the row commit
   * together; throws InboxEventAlreadyProcessed (rolling the step back) if the row is no longer `recorded`.
   */
  async markProcessedWithin(manager: EntityManager, id: string, outcome: string): Promise<void> {
    const result = await manager.update(InboxEvent, { id, status: 'recorded' }, { status: 'processed', outcome, error: null, updatedAt: new Date() });
    if (result.affected !== 1) throw new InboxEventAlreadyProcessed(id);
  }

  /** Marks the row processed if it is still `recorded` (a no-op when the run's transaction already did). */
  async markProcessed(id: string, outcome: string): Promise<void> {
    await this.dataSource.manager.update(InboxEvent, { id, status: 'recorded' }, { status: 'processed', outcome, error: null, updatedAt: new Date() });
  }

  async markSkipped(id: string, reason: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(InboxEvent, { id }, { status: 'skipped', error: reason, updatedAt: new Date() });
  }

  /** Counts a failed attempt; after the last one the row is `failed` and keeps the error for an operator. */
  async markAttemptFailed(id: string, error: string, finalAttempt: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE inbox_events SET attempts = attempts + 1, error = $2, updated_at = now(),
              status = CASE WHEN $3 THEN 'failed' ELSE status END
        WHERE id = $1 AND status IN ('pending', 'recorded')`,
      [id, error.slice(0, 2000), finalAttempt],
    );
  }
}
