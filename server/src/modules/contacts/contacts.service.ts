import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Page, paginate } from '../../core/http/pagination';
import { ContactView, ListContactsQueryDto, UpdateContactDto } from './dto/contact.dto';
import { Contact } from './entities/contact.entity';
import { isUuid } from '../../core/http/uuid';
import { ContactErrors } from './contacts.errors';

export interface SeenContact {
  accountId: string;
  instagramAccountId: string;
  igUserId: string;
  username?: string | null;
  seenAt: Date;
  /** A message, quick reply or button tap from the person: it (re)opens the 24-hour messaging window. Comments do not. */
  opensMessagingWindow: boolean;
}

@Injectable()
export class ContactsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Creates or refreshes a contact in one statement, safe under concurrent events for the same person. */
  async upsertSeen(contact: SeenContact, manager: EntityManager = this.dataSource.manager): Promise<Contact> {
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO contacts (account_id, instagram_account_id, ig_user_id, username, first_seen_at, last_seen_at, last_inbound_at)
       VALUES ($1, $2, $3, $4, $5, $5, CASE WHEN $6 THEN $5::timestamptz END)
       ON CONFLICT (instagram_account_id, ig_user_id) DO UPDATE SET
         username = COALESCE(EXCLUDED.username, contacts.username),
         last_seen_at = GREATEST(contacts.last_seen_at, EXCLUDED.last_seen_at),
         last_inbound_at = CASE WHEN $6 THEN GREATEST(COALESCE(contacts.last_inbound_at, EXCLUDED.last_seen_at), EXCLUDED.last_seen_at)
                                ELSE contacts.last_inbound_at END,
         updated_at = now()
       RETURNING id`,
      [contact.accountId, contact.instagramAccountId, contact.igUserId, contact.username ?? null, contact.seenAt, contact.opensMessagingWindow],
    );
    return manager.findOneByOrFail(Contact, { id: rows[0].id });
  }

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Contact | null> {
    return manager.findOneBy(Contact, { id });
  }

  async list(accountId: string, query: ListContactsQueryDto): Promise<Page<ContactView>> {
    const builder = this.dataSource.getRepository(Contact).createQueryBuilder('contact').where('contact.account_id = :accountId', { accountId });
    if (query.tag) builder.andWhere(':tag = ANY(contact.tags)', { tag: query.tag });
    if (query.variable && query.value !== undefined) {
      builder.andWhere('contact.variables ->> :variable = :value', { variable: query.variable, value: query.value });
    } else if (query.variable) {
      builder.andWhere('contact.variables ? :variable', { variable: query.variable });
    }
    if (query.seen_after) builder.andWhere('contact.last_seen_at >= :seenAfter', { seenAfter: query.seen_after });
    if (query.seen_before) builder.andWhere('contact.last_seen_at < :seenBefore', { seenBefore: query.seen_before });
    if (query.instagram_account_id) builder.andWhere('contact.instagram_account_id::text = :ig', { ig: query.instagram_account_id });
    return paginate(builder, query, ContactView.of);
  }

  /** A contact of this account; another account's contact is reported as not found, never revealed. */
  async getOwned(accountId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<Contact> {
    const contact = isUuid(id) ? await manager.findOneBy(Contact, { id, accountId }) : null;
    if (!contact) throw ContactErrors.notFound(id);
    return contact;
  }

  /** Tag and variable edits apply atomically, so concurrent edits (API, flows) never lose each other's changes. */
  async update(accountId: string, id: string, changes: UpdateContactDto): Promise<Contact> {
    await this.getOwned(accountId, id);
    const setVariables = Object.fromEntries(Object.entries(changes.variables ?? {}).filter(([, value]) => value !== null));
    const removeVariables = Object.entries(changes.variables ?? {}).filter(([, value]) => value === null).map(([key]) => key);
    await this.dataSource.query(
      `UPDATE contacts SET
         tags = ARRAY(SELECT DISTINCT t FROM unnest(array_cat(tags, $3::text[])) AS t WHERE t <> ALL($4::text[]) ORDER BY t),
         variables = (variables || $5::jsonb) - $6::text[],
         updated_at = now()
       WHERE id = $1 AND account_id = $2`,
      [id, accountId, changes.add_tags ?? [], changes.remove_tags ?? [], JSON.stringify(setVariables), removeVariables],
    );
    return this.getOwned(accountId, id);
  }

  async remove(accountId: string, id: string): Promise<void> {
    await this.getOwned(accountId, id);
    await this.dataSource.query('DELETE FROM contacts WHERE id = $1 AND account_id = $2', [id, accountId]);
  }
}
