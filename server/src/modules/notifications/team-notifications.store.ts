import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Page, type PageQueryDto, paginate } from '../../core/http/pagination';
import { TeamNotification } from './entities/team-notification.entity';

export interface NewNotification {
  accountId: string;
  effectKey: string;
  contactId: string;
  flowId: string;
  runId: string;
  text: string;
}

/** The one owner of `team_notifications`. */
@Injectable()
export class TeamNotificationsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * One row per member for the effect, and the effect's rows as they stand: a retry adds nobody twice, and sees
   * which emails already went out.
   */
  async addOnce(notification: NewNotification, userIds: string[]): Promise<TeamNotification[]> {
    if (userIds.length) {
      await this.dataSource.query(
        `INSERT INTO team_notifications (account_id, user_id, effect_key, contact_id, flow_id, run_id, text)
           SELECT $1, user_id, $2, $3, $4, $5, $6 FROM unnest($7::uuid[]) AS user_id
           ON CONFLICT (effect_key, user_id) DO NOTHING`,
        [
          notification.accountId,
          notification.effectKey,
          notification.contactId,
          notification.flowId,
          notification.runId,
          notification.text,
          userIds,
        ],
      );
    }
    return this.dataSource.getRepository(TeamNotification).find({ where: { effectKey: notification.effectKey }, order: { userId: 'ASC' } });
  }

  async markEmailed(id: string): Promise<void> {
    await this.dataSource.getRepository(TeamNotification).update({ id }, { emailedAt: new Date() });
  }

  page(accountId: string, userId: string, query: PageQueryDto & { unread?: boolean }): Promise<Page<TeamNotification>> {
    const builder = this.dataSource
      .getRepository(TeamNotification)
      .createQueryBuilder('notification')
      .where('notification.account_id = :accountId AND notification.user_id = :userId', { accountId, userId });
    if (query.unread) builder.andWhere('notification.read_at IS NULL');
    return paginate(builder, query, (row) => row);
  }

  /** Marks the member's own notification read (kept as first read); null when it is not theirs. */
  async markRead(accountId: string, userId: string, id: string): Promise<TeamNotification | null> {
    await this.dataSource.query(
      `UPDATE team_notifications SET read_at = now() WHERE id = $1 AND account_id = $2 AND user_id = $3 AND read_at IS NULL`,
      [id, accountId, userId],
    );
    return this.dataSource.getRepository(TeamNotification).findOneBy({ id, accountId, userId });
  }
}
