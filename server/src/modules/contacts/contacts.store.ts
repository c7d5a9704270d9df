import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { Page, paginate } from '../../core/http/pagination';
import { containsPattern } from '../../core/database/contains-pattern';
import { ContactFiltersDto, ContactView, ListContactsQueryDto } from './dto/contact.dto';
import { Contact } from './entities/contact.entity';

export interface SeenContact {
  accountId: string;
  instagramAccountId: string;
  igUserId: string;
  username?: string | null;
  seenAt: Date;
  /** A message, quick reply or button tap from the person: it (re)opens the 24-hour messaging window. Comments do not. */
  opensMessagingWindow: boolean;
}

/** Tags to add and remove and variables to set and drop, applied to a contact in one statement. */
export interface ContactChange {
  addTags: string[];
  removeTags: string[];
  setVariables: Record<string, unknown>;
  removeVariables?: string[];
}

/** A contact as the runtime reads it: who the person is and what runs have learnt about them. */
export type ContactRecord = Pick<
  Contact,
  'id' | 'accountId' | 'instagramAccountId' | 'igUserId' | 'username' | 'tags' | 'variables' | 'lastInboundAt' | 'unsubscribedAt'
>;

interface ContactRow {
  id: string;
  account_id: string;
  instagram_account_id: string;
  ig_user_id: string;
  username: string | null;
  tags: string[];
  variables: Contact['variables'];
  last_inbound_at: Date | null;
  unsubscribed_at: Date | null;
}

/**
 * The one owner of the `contacts` table: every read and write of a contact, from the REST API, inbound events,
 * runs and sends, goes through here.
 */
@Injectable()
export class ContactsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Creates or refreshes a contact in one statement, safe under concurrent events for the same person; the statement
   * returns the row as it is now (locked until the caller's transaction ends), so nothing reads it again.
   */
  async upsertSeen(contact: SeenContact, manager: EntityManager = this.dataSource.manager): Promise<ContactRecord> {
    const rows: Array<ContactRow> = await manager.query(
      `INSERT INTO contacts (account_id, instagram_account_id, ig_user_id, username, first_seen_at, last_seen_at, last_inbound_at)
       VALUES ($1, $2, $3, $4, $5, $5, CASE WHEN $6 THEN $5::timestamptz END)
       ON CONFLICT (instagram_account_id, ig_user_id) DO UPDATE SET
         username = COALESCE(EXCLUDED.username, contacts.username),
         last_seen_at = GREATEST(contacts.last_seen_at, EXCLUDED.last_seen_at),
         last_inbound_at = CASE WHEN $6 THEN GREATEST(COALESCE(contacts.last_inbound_at, EXCLUDED.last_seen_at), EXCLUDED.last_seen_at)
                                ELSE contacts.last_inbound_at END,
         updated_at = now()
       RETURNING id, account_id, instagram_account_id, ig_user_id, username, tags, variables, last_inbound_at, unsubscribed_at`,
      [
        contact.accountId,
        contact.instagramAccountId,
        contact.igUserId,
        contact.username ?? null,
        contact.seenAt,
        contact.opensMessagingWindow,
      ],
    );
    const [row] = rows;
    return {
      id: row.id,
      accountId: row.account_id,
      instagramAccountId: row.instagram_account_id,
      igUserId: row.ig_user_id,
      username: row.username,
      tags: row.tags,
      variables: row.variables,
      lastInboundAt: row.last_inbound_at,
      unsubscribedAt: row.unsubscribed_at,
    };
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ContactRecord | null> {
    return manager.findOneBy(Contact, { id });
  }

  /** A contact that must exist (a run's own contact). */
  getById(id: string, manager: EntityManager = this.dataSource.manager): Promise<ContactRecord> {
    return manager.findOneByOrFail(Contact, { id });
  }

  /** The connected Instagram account that talks to the contact. */
  async instagramAccountOf(contactId: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    return (await this.getById(contactId, manager)).instagramAccountId;
  }

  /** What a DM's messaging window is computed from: the person's last message, or null for a person never seen. */
  windowOf(
    instagramAccountId: string,
    igUserId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Pick<Contact, 'id' | 'lastInboundAt'> | null> {
    return manager.findOne(Contact, { where: { instagramAccountId, igUserId }, select: { id: true, lastInboundAt: true } });
  }

  findOwned(accountId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Contact | null> {
    return manager.findOneBy(Contact, { id, accountId });
  }

  page(accountId: string, query: ListContactsQueryDto): Promise<Page<ContactView>> {
    return paginate(this.filtered(accountId, query), query, ContactView.of);
  }

  /** Every contact the filters select, oldest first, at most `limit` of them: the lead list a marketer downloads. */
  exportable(accountId: string, filters: ContactFiltersDto, limit: number): Promise<Contact[]> {
    return this.filtered(accountId, filters).orderBy('contact.created_at', 'ASC').addOrderBy('contact.id', 'ASC').take(limit).getMany();
  }

  private filtered(accountId: string, filters: ContactFiltersDto): SelectQueryBuilder<Contact> {
    const builder = this.dataSource
      .getRepository(Contact)
      .createQueryBuilder('contact')
      .where('contact.account_id = :accountId', { accountId });
    if (filters.search) {
      builder.andWhere(
        new Brackets((either) =>
          either
            .where("contact.username ILIKE :pattern ESCAPE '\\'", { pattern: containsPattern(filters.search ?? '') })
            .orWhere('contact.ig_user_id = :search', { search: filters.search }),
        ),
      );
    }
    if (filters.tag) builder.andWhere(':tag = ANY(contact.tags)', { tag: filters.tag });
    if (filters.variable && filters.value !== undefined) {
      builder.andWhere('contact.variables ->> :variable = :value', { variable: filters.variable, value: filters.value });
    } else if (filters.variable) {
      builder.andWhere('contact.variables ? :variable', { variable: filters.variable });
    }
    if (filters.seen_after) builder.andWhere('contact.last_seen_at >= :seenAfter', { seenAfter: filters.seen_after });
    if (filters.seen_before) builder.andWhere('contact.last_seen_at < :seenBefore', { seenBefore: filters.seen_before });
    if (filters.subscribed !== undefined) builder.andWhere(`contact.unsubscribed_at IS ${filters.subscribed === 'true' ? '' : 'NOT '}NULL`);
    if (filters.instagram_account_id) builder.andWhere('contact.instagram_account_id::text = :ig', { ig: filters.instagram_account_id });
    return builder;
  }

  /**
   * The one tag-and-variable merge, used by the REST API and by runs: applied atomically in SQL, so concurrent
   * edits (API, flows) never lose each other's changes. Tags stay sorted and distinct.
   */
  async mergeTagsAndVariables(contactId: string, change: ContactChange, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE contacts
          SET tags = ARRAY(SELECT DISTINCT tag FROM unnest(array_cat(tags, $2::text[])) AS tag WHERE tag <> ALL($3::text[]) ORDER BY tag),
              variables = (variables || $4::jsonb) - $5::text[],
              updated_at = now()
        WHERE id = $1`,
      [contactId, change.addTags, change.removeTags, JSON.stringify(change.setVariables), change.removeVariables ?? []],
    );
  }

  /** Opts the contact out (keeping the first opt-out time) or back in; returns whether anything changed. */
  async setSubscribed(contactId: string, subscribed: boolean, manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const [, changed]: [unknown, number] = await manager.query(
      subscribed
        ? 'UPDATE contacts SET unsubscribed_at = NULL, updated_at = now() WHERE id = $1 AND unsubscribed_at IS NOT NULL'
        : 'UPDATE contacts SET unsubscribed_at = now(), updated_at = now() WHERE id = $1 AND unsubscribed_at IS NULL',
      [contactId],
    );
    return changed > 0;
  }

  async remove(accountId: string, id: string): Promise<void> {
    await this.dataSource.query('DELETE FROM contacts WHERE id = $1 AND account_id = $2', [id, accountId]);
  }
}
