import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, PageQueryDto, paginate } from '../../core/http/pagination';
import { MESSAGING_WINDOW_MS } from '../messaging/messaging-window';
import { Broadcast, type BroadcastStatus } from './entities/broadcast.entity';
import { Segment } from './entities/segment.entity';
import { segmentConditions, type SegmentFilter } from './segment-filter';

/** Why a contact of the segment gets nothing; `cancelled`: still waiting when the broadcast was cancelled. */
export type SkipReason = 'unsubscribed' | 'never_messaged' | 'outside_24h_window' | 'cancelled' | 'run_in_progress' | 'already_ran';
export type RecipientStatus = 'pending' | 'sent' | 'skipped' | 'failed';

export interface PendingRecipient {
  contactId: string;
  igUserId: string;
  /** Opted out since the recipients were frozen. */
  unsubscribed: boolean;
}

export interface BroadcastCounts {
  total: number;
  pending: number;
  sent: number;
  failed: number;
  skipped: Record<string, number>;
}

export type NewBroadcast = Pick<
  Broadcast,
  'accountId' | 'instagramAccountId' | 'segmentId' | 'name' | 'message' | 'flowId' | 'sendsPerSecond' | 'scheduledAt'
>;

/** Which statuses each change may start from. */
const TRANSITIONS: Record<'pause' | 'resume' | 'cancel', { from: BroadcastStatus[]; to: BroadcastStatus }> = {
  pause: { from: ['scheduled', 'sending'], to: 'paused' },
  resume: { from: ['paused'], to: 'scheduled' },
  cancel: { from: ['scheduled', 'sending', 'paused'], to: 'cancelled' },
};
export type BroadcastChange = keyof typeof TRANSITIONS;

/** The one owner of `segments`, `broadcasts` and `broadcast_recipients`. */
@Injectable()
export class BroadcastsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createSegment(accountId: string, name: string, filter: SegmentFilter): Promise<Segment> {
    return this.dataSource.getRepository(Segment).save(Object.assign(new Segment(), { accountId, name, filter }));
  }

  findSegment(accountId: string, id: string): Promise<Segment | null> {
    return this.dataSource.manager.findOneBy(Segment, { id, accountId });
  }

  pageSegments<T>(accountId: string, query: PageQueryDto, toItem: (segment: Segment) => T): Promise<Page<T>> {
    const builder = this.dataSource
      .getRepository(Segment)
      .createQueryBuilder('segment')
      .where('segment.account_id = :accountId', { accountId });
    return paginate(builder, query, toItem);
  }

  /** Returns false when a broadcast still names the segment. */
  async deleteSegment(accountId: string, id: string): Promise<boolean> {
    const [{ used }]: Array<{ used: boolean }> = await this.dataSource.query(
      'SELECT EXISTS (SELECT 1 FROM broadcasts WHERE segment_id = $1) AS used',
      [id],
    );
    if (used) return false;
    await this.dataSource.query('DELETE FROM segments WHERE id = $1 AND account_id = $2', [id, accountId]);
    return true;
  }

  /** How many of the account's contacts the filter holds now. */
  async countSegment(accountId: string, filter: SegmentFilter): Promise<number> {
    const where = segmentConditions(filter, 1);
    const [{ count }]: Array<{ count: string }> = await this.dataSource.query(
      `SELECT count(*) AS count FROM contacts c WHERE c.account_id = $1 AND ${where.sql}`,
      [accountId, ...where.params],
    );
    return Number(count);
  }

  createBroadcast(broadcast: NewBroadcast): Promise<Broadcast> {
    return this.dataSource.getRepository(Broadcast).save(Object.assign(new Broadcast(), { ...broadcast, status: 'scheduled' }));
  }

  findBroadcast(accountId: string, id: string): Promise<Broadcast | null> {
    return this.dataSource.manager.findOneBy(Broadcast, { id, accountId });
  }

  pageBroadcasts<T>(accountId: string, query: PageQueryDto, toItem: (broadcast: Broadcast) => T): Promise<Page<T>> {
    const builder = this.dataSource
      .getRepository(Broadcast)
      .createQueryBuilder('broadcast')
      .where('broadcast.account_id = :accountId', { accountId });
    return paginate(builder, query, toItem);
  }

  /** Applies a pause, resume or cancel if the broadcast's status allows it; returns whether it did. */
  async change(id: string, change: BroadcastChange): Promise<boolean> {
    const { from, to } = TRANSITIONS[change];
    return this.dataSource.transaction(async (manager) => {
      const [, changed] = await manager.query<[unknown, number]>(
        `UPDATE broadcasts SET status = $2, lease_until = NULL, updated_at = now(),
                finished_at = CASE WHEN $2 = 'cancelled' THEN now() ELSE finished_at END
          WHERE id = $1 AND status = ANY($3::text[])`,
        [id, to, from],
      );
      if (changed && to === 'cancelled') {
        await manager.query(
          `UPDATE broadcast_recipients SET status = 'skipped', reason = 'cancelled', done_at = now() WHERE broadcast_id = $1 AND status = 'pending'`,
          [id],
        );
      }
      return changed > 0;
    });
  }

  async counts(broadcastId: string): Promise<BroadcastCounts> {
    const rows: Array<{ status: RecipientStatus; reason: string | null; count: string }> = await this.dataSource.query(
      'SELECT status, reason, count(*) AS count FROM broadcast_recipients WHERE broadcast_id = $1 GROUP BY status, reason',
      [broadcastId],
    );
    const counts: BroadcastCounts = { total: 0, pending: 0, sent: 0, failed: 0, skipped: {} };
    for (const row of rows) {
      const count = Number(row.count);
      counts.total += count;
      if (row.status === 'skipped') counts.skipped[row.reason ?? 'unknown'] = (counts.skipped[row.reason ?? 'unknown'] ?? 0) + count;
      else counts[row.status] += count;
    }
    return counts;
  }

  /** Takes one due broadcast no live worker holds, for `leaseMs`. */
  async claimDue(leaseMs: number): Promise<Broadcast | null> {
    // TypeORM answers an UPDATE … RETURNING on Postgres as [rows, affected count].
    const [rows] = await this.dataSource.query<[Array<{ id: string }>, number]>(
      `UPDATE broadcasts SET status = 'sending', lease_until = now() + make_interval(secs => $1::double precision / 1000),
              started_at = COALESCE(started_at, now()), updated_at = now()
        WHERE id = (SELECT id FROM broadcasts
                     WHERE status IN ('scheduled', 'sending') AND scheduled_at <= now() AND (lease_until IS NULL OR lease_until < now())
                     ORDER BY scheduled_at FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING id`,
      [leaseMs],
    );
    return rows.length ? this.dataSource.manager.findOneByOrFail(Broadcast, { id: rows[0].id }) : null;
  }

  /** Extends the lease while the broadcast is still being sent; false once it was paused, cancelled or taken over. */
  async renewLease(id: string, leaseMs: number): Promise<boolean> {
    const [, renewed] = await this.dataSource.query<[unknown, number]>(
      `UPDATE broadcasts SET lease_until = now() + make_interval(secs => $2::double precision / 1000)
        WHERE id = $1 AND status = 'sending' AND lease_until IS NOT NULL`,
      [id, leaseMs],
    );
    return renewed > 0;
  }

  /**
   * Writes the segment's contacts of the broadcast's Instagram account as recipients, once: those who can get it
   * as pending, the others as skipped with the reason (opted out, never wrote, outside Instagram's 24-hour window).
   */
  async freezeRecipients(broadcast: Broadcast, filter: SegmentFilter): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [locked]: Array<{ recipients_frozen_at: Date | null }> = await manager.query(
        'SELECT recipients_frozen_at FROM broadcasts WHERE id = $1 FOR UPDATE',
        [broadcast.id],
      );
      if (locked.recipients_frozen_at) return;
      const where = segmentConditions(filter, 4);
      await manager.query(
        `INSERT INTO broadcast_recipients (broadcast_id, contact_id, status, reason, done_at)
         SELECT $1, c.id, eligibility.status, eligibility.reason, CASE WHEN eligibility.status = 'skipped' THEN now() END
           FROM contacts c
           CROSS JOIN LATERAL (SELECT CASE
             WHEN c.unsubscribed_at IS NOT NULL THEN 'unsubscribed'
             WHEN c.last_inbound_at IS NULL THEN 'never_messaged'
             WHEN c.last_inbound_at < now() - make_interval(secs => $4::double precision / 1000) THEN 'outside_24h_window'
           END AS reason) why
           CROSS JOIN LATERAL (SELECT CASE WHEN why.reason IS NULL THEN 'pending' ELSE 'skipped' END AS status, why.reason) eligibility
          WHERE c.account_id = $2 AND c.instagram_account_id = $3 AND ${where.sql}
         ON CONFLICT DO NOTHING`,
        [broadcast.id, broadcast.accountId, broadcast.instagramAccountId, MESSAGING_WINDOW_MS, ...where.params],
      );
      await manager.query('UPDATE broadcasts SET recipients_frozen_at = now() WHERE id = $1', [broadcast.id]);
    });
  }

  /** The next recipients still to send to, in a stable order. */
  pendingBatch(broadcastId: string, limit: number): Promise<PendingRecipient[]> {
    return this.dataSource.query(
      `SELECT r.contact_id AS "contactId", c.ig_user_id AS "igUserId", c.unsubscribed_at IS NOT NULL AS unsubscribed
         FROM broadcast_recipients r JOIN contacts c ON c.id = r.contact_id
        WHERE r.broadcast_id = $1 AND r.status = 'pending'
        ORDER BY r.contact_id LIMIT $2`,
      [broadcastId, limit],
    );
  }

  async markRecipient(
    broadcastId: string,
    contactId: string,
    status: Exclude<RecipientStatus, 'pending'>,
    reason: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      'UPDATE broadcast_recipients SET status = $3, reason = $4, done_at = now() WHERE broadcast_id = $1 AND contact_id = $2',
      [broadcastId, contactId, status, reason],
    );
  }

  /** Marks the broadcast completed once nothing is pending; returns whether it is. */
  async completeIfDone(id: string): Promise<boolean> {
    const [, completed] = await this.dataSource.query<[unknown, number]>(
      `UPDATE broadcasts SET status = 'completed', finished_at = now(), lease_until = NULL, updated_at = now()
        WHERE id = $1 AND status = 'sending'
          AND NOT EXISTS (SELECT 1 FROM broadcast_recipients WHERE broadcast_id = $1 AND status = 'pending')`,
      [id],
    );
    return completed > 0;
  }
}
