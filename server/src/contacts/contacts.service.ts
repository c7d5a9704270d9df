import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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
}
