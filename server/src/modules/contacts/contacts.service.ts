import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { EntityManager } from 'typeorm';
import { Page } from '../../core/http/pagination';
import { isUuid } from '../../core/http/uuid';
import { ContactErrors } from './contacts.errors';
import { ContactChange, ContactRecord, ContactsStore, SeenContact } from './contacts.store';
import { contactsCsv } from './contacts-csv';
import { ContactFiltersDto, ContactView, ListContactsQueryDto, UpdateContactDto } from './dto/contact.dto';
import { Contact } from './entities/contact.entity';

/** A bigger list is cut: an export is one response held in memory. Narrow the filters to get the rest. */
export const CONTACTS_EXPORT_LIMIT = 50_000;

const INSTAGRAM_ACCOUNT_OF_CONTACT_LIMIT = 100_000;

export type { ContactChange, ContactRecord, SeenContact } from './contacts.store';

/**
 * The contacts module's API: the REST API's reads and edits (an account sees only its own contacts), and what
 * inbound events, runs and sends ask of a contact. Every query is in ContactsStore.
 */
@Injectable()
export class ContactsService {
  /** Contact id → its Instagram account's id (never changes; see instagramAccountOf). */
  private readonly instagramAccountOfContact = new LRUCache<string, string>({ max: INSTAGRAM_ACCOUNT_OF_CONTACT_LIMIT });

  constructor(private readonly store: ContactsStore) {}

  /** Creates or refreshes the contact an inbound event is from. */
  upsertSeen(contact: SeenContact, manager?: EntityManager): Promise<ContactRecord> {
    return this.store.upsertSeen(contact, manager);
  }

  findById(id: string, manager?: EntityManager): Promise<ContactRecord | null> {
    return this.store.findById(id, manager);
  }

  getById(id: string, manager?: EntityManager): Promise<ContactRecord> {
    return this.store.getById(id, manager);
  }

  /**
   * The connected Instagram account that talks to the contact. A contact never changes Instagram account (it is
   * part of who the person is: `(instagram_account_id, ig_user_id)`), so each process remembers it after one read.
   */
  async instagramAccountOf(contactId: string, manager?: EntityManager): Promise<string> {
    const known = this.instagramAccountOfContact.get(contactId);
    if (known) return known;
    const instagramAccountId = await this.store.instagramAccountOf(contactId, manager);
    this.instagramAccountOfContact.set(contactId, instagramAccountId);
    return instagramAccountId;
  }

  windowOf(instagramAccountId: string, igUserId: string, manager?: EntityManager): Promise<Pick<ContactRecord, 'lastInboundAt'> | null> {
    return this.store.windowOf(instagramAccountId, igUserId, manager);
  }

  /** The contact's id for a person as one connected Instagram account sees them; null for a person never seen. */
  async idOf(instagramAccountId: string, igUserId: string): Promise<string | null> {
    return (await this.store.windowOf(instagramAccountId, igUserId))?.id ?? null;
  }

  /** Tags and variables a run changed, written in the run's transaction. */
  mergeTagsAndVariables(contactId: string, change: ContactChange, manager?: EntityManager): Promise<void> {
    return this.store.mergeTagsAndVariables(contactId, change, manager);
  }

  /** Opts the contact out or back in (a stop keyword, a block, the API); returns whether anything changed. */
  setSubscribed(contactId: string, subscribed: boolean, manager?: EntityManager): Promise<boolean> {
    return this.store.setSubscribed(contactId, subscribed, manager);
  }

  list(accountId: string, query: ListContactsQueryDto): Promise<Page<ContactView>> {
    return this.store.page(accountId, query);
  }

  /** The filtered contacts with their answers as a CSV file, at most CONTACTS_EXPORT_LIMIT rows (the oldest first). */
  async exportCsv(accountId: string, filters: ContactFiltersDto): Promise<string> {
    return contactsCsv(await this.store.exportable(accountId, filters, CONTACTS_EXPORT_LIMIT));
  }

  /** A contact of this account; another account's contact is reported as not found, never revealed. */
  async getOwned(accountId: string, id: string): Promise<Contact> {
    const contact = isUuid(id) ? await this.store.findOwned(accountId, id) : null;
    if (!contact) throw ContactErrors.notFound(id);
    return contact;
  }

  async update(accountId: string, id: string, changes: UpdateContactDto): Promise<Contact> {
    await this.getOwned(accountId, id);
    const setVariables = Object.fromEntries(Object.entries(changes.variables ?? {}).filter(([, value]) => value !== null));
    const removeVariables = Object.entries(changes.variables ?? {})
      .filter(([, value]) => value === null)
      .map(([key]) => key);
    await this.store.mergeTagsAndVariables(id, {
      addTags: changes.add_tags ?? [],
      removeTags: changes.remove_tags ?? [],
      setVariables,
      removeVariables,
    });
    if (changes.subscribed !== undefined) await this.store.setSubscribed(id, changes.subscribed);
    return this.getOwned(accountId, id);
  }

  async remove(accountId: string, id: string): Promise<void> {
    await this.getOwned(accountId, id);
    await this.store.remove(accountId, id);
  }
}
