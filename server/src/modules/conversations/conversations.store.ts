import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, encodeCursor, type Page } from '../../core/http/pagination';
import { announce } from './conversation-changes';
import type { ConversationStatus } from './entities/conversation.entity';
import { containsPattern } from '../../core/database/contains-pattern';
import { searchTextUpsertSql } from './search-text';

export type InboxFilter = 'all' | 'open' | 'mine' | 'unassigned' | 'paused' | 'done';

export interface InboxQuery {
  filter: InboxFilter;
  /** The signed-in member, for `mine`. */
  userId: string | null;
  tag?: string;
  /** Matches the username or the newest texts people wrote (conversation_search_texts, see search-text.ts). */
  search?: string;
  cursor?: string;
  limit: number;
}

/** A row of the inbox: the conversation and who it is with. */
export interface InboxRow {
  contact_id: string;
  username: string | null;
  ig_user_id: string;
  tags: string[];
  last_message_at: Date;
  last_message_text: string | null;
  last_direction: string;
  last_inbound_at: Date | null;
  unread_count: number;
  status: ConversationStatus;
  assignee_user_id: string | null;
  automation_paused_at: Date | null;
  automation_paused_until: Date | null;
  handover_run_id: string | null;
}

export interface AssigneeCount {
  assignee_user_id: string | null;
  open: number;
  unread: number;
}

/** Whether automation is paused for the conversation row `table` (a pause with no end, or one not over yet). */
export const automationPausedSql = (table: string) =>
  `${table}.automation_paused_at IS NOT NULL AND (${table}.automation_paused_until IS NULL OR ${table}.automation_paused_until > now())`;
const PAUSED = automationPausedSql('c');

/**
 * The one owner of `conversations`' state: the inbox list, unread, open/done, assignee, automation pause. The list
 * reads the contact's name and tags from `contacts` (a read-only join: filtering by tag needs it in the same query)
 * and searches `conversation_search_texts` (kept with each message by ConversationMessagesStore; search-text.ts).
 */
@Injectable()
export class ConversationsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest last message first, keyset-paginated on (last_message_at, contact_id), served by conversations_inbox. */
  async list(accountId: string, query: InboxQuery): Promise<Page<InboxRow>> {
    const where = ['c.account_id = $1'];
    const params: unknown[] = [accountId];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (query.filter === 'open') where.push(`c.status = 'open'`);
    if (query.filter === 'done') where.push(`c.status = 'done'`);
    if (query.filter === 'mine') where.push(`c.assignee_user_id = ${param(query.userId)}::uuid`);
    if (query.filter === 'unassigned') where.push(`c.assignee_user_id IS NULL AND c.status = 'open'`);
    if (query.filter === 'paused') where.push(PAUSED);
    // `@>` (not `= ANY`) so the GIN index contacts_tags can find a rare tag's contacts.
    if (query.tag) where.push(`ct.tags @> ARRAY[${param(query.tag)}]::text[]`);
    // The search texts' trigram index (conversation_search_texts_trgm) answers a rare match, whose few conversations
    // are then read by key; when most conversations match, the planner walks the newest-first index instead and checks
    // each one's search text by key until the page is full.
    if (query.search) {
      where.push(`c.contact_id IN (SELECT s.contact_id FROM conversation_search_texts s
                                    WHERE s.account_id = $1 AND s.search_text ILIKE ${param(containsPattern(query.search))})`);
    }
    if (query.cursor) {
      const position = decodeCursor(query.cursor);
      where.push(`(c.last_message_at, c.contact_id) < (${param(position.createdAt)}::timestamptz, ${param(position.id)}::uuid)`);
    }
    const rows = await this.dataSource.query<InboxRow[]>(
      `SELECT c.contact_id, ct.username, ct.ig_user_id, ct.tags, c.last_message_at, c.last_message_text, c.last_direction,
              c.last_inbound_at, c.unread_count, c.status, c.assignee_user_id, c.automation_paused_at, c.automation_paused_until,
              c.handover_run_id
         FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
        WHERE ${where.join(' AND ')}
        ORDER BY c.last_message_at DESC, c.contact_id DESC
        LIMIT ${param(query.limit + 1)}`,
      params,
    );
    const hasMore = rows.length > query.limit;
    const data = rows.slice(0, query.limit);
    const last = data[data.length - 1];
    return {
      data,
      has_more: hasMore,
      next_cursor: hasMore && last ? encodeCursor({ createdAt: new Date(last.last_message_at), id: last.contact_id }) : null,
    };
  }

  async find(accountId: string, contactId: string): Promise<InboxRow | null> {
    const rows = await this.dataSource.query<InboxRow[]>(
      `SELECT c.contact_id, ct.username, ct.ig_user_id, ct.tags, c.last_message_at, c.last_message_text, c.last_direction,
              c.last_inbound_at, c.unread_count, c.status, c.assignee_user_id, c.automation_paused_at, c.automation_paused_until,
              c.handover_run_id
         FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE c.account_id = $1 AND c.contact_id = $2`,
      [accountId, contactId],
    );
    return rows[0] ?? null;
  }

  /**
   * Open conversations and their unread messages per assignee (null: unassigned): the work waiting. Done ones are left
   * out (a message reopens them), so this reads only conversations_open_counts, however many are done.
   */
  countsByAssignee(accountId: string): Promise<AssigneeCount[]> {
    return this.dataSource.query<AssigneeCount[]>(
      `SELECT assignee_user_id, count(*)::int AS open, coalesce(sum(unread_count), 0)::int AS unread
         FROM conversations WHERE account_id = $1 AND status = 'open' GROUP BY assignee_user_id ORDER BY assignee_user_id NULLS FIRST`,
      [accountId],
    );
  }

  /** Whether automation is paused for the contact right now. */
  async isAutomationPaused(contactId: string, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM conversations c WHERE c.contact_id = $1 AND ${PAUSED}`, [contactId]);
    return rows.length > 0;
  }

  /** Pauses automation (until `until`, or until resumed when null); creates the conversation if there is none yet. */
  async pause(
    accountId: string,
    contactId: string,
    change: { until: Date | null; handoverRunId?: string | null; assigneeUserId?: string | null },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `WITH conversation AS (
         INSERT INTO conversations (contact_id, account_id, last_message_at, last_direction, automation_paused_at, automation_paused_until,
                                    handover_run_id, assignee_user_id)
         VALUES ($1, $2, date_trunc('milliseconds', now()), 'none', now(), $3, $4, $5)
         ON CONFLICT (contact_id) DO UPDATE SET automation_paused_at = now(), automation_paused_until = EXCLUDED.automation_paused_until,
           handover_run_id = COALESCE(EXCLUDED.handover_run_id, conversations.handover_run_id),
           assignee_user_id = COALESCE(EXCLUDED.assignee_user_id, conversations.assignee_user_id),
           status = 'open', updated_at = now()
         RETURNING 1
       ) ${searchTextUpsertSql('$1', '$2', null)}`,
      [contactId, accountId, change.until, change.handoverRunId ?? null, change.assigneeUserId ?? null],
    );
    await announce(manager, { account_id: accountId, contact_id: contactId, change: 'state' });
  }

  /** Resumes automation; returns the run a hand-over parked, if any (the caller may continue it). */
  async resume(accountId: string, contactId: string): Promise<{ handoverRunId: string | null }> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<Array<{ handover_run_id: string | null }>>(
        `SELECT handover_run_id FROM conversations WHERE account_id = $1 AND contact_id = $2 FOR UPDATE`,
        [accountId, contactId],
      );
      await manager.query(
        `UPDATE conversations SET automation_paused_at = NULL, automation_paused_until = NULL, handover_run_id = NULL, updated_at = now()
          WHERE account_id = $1 AND contact_id = $2`,
        [accountId, contactId],
      );
      await announce(manager, { account_id: accountId, contact_id: contactId, change: 'state' });
      return { handoverRunId: rows[0]?.handover_run_id ?? null };
    });
  }

  /** Changes the conversation's state columns; false when the contact has no conversation in this account. */
  async update(
    accountId: string,
    contactId: string,
    change: { status?: ConversationStatus; assigneeUserId?: string | null; read?: true },
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [, affected] = await manager.query<[unknown, number]>(
        `UPDATE conversations SET
           status = COALESCE($3, status),
           assignee_user_id = CASE WHEN $4 THEN $5::uuid ELSE assignee_user_id END,
           unread_count = CASE WHEN $6 THEN 0 ELSE unread_count END,
           updated_at = now()
         WHERE account_id = $1 AND contact_id = $2`,
        [accountId, contactId, change.status ?? null, 'assigneeUserId' in change, change.assigneeUserId ?? null, change.read === true],
      );
      if (affected === 1) await announce(manager, { account_id: accountId, contact_id: contactId, change: 'state' });
      return affected === 1;
    });
  }
}
