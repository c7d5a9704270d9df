import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ContactErrors } from '../contacts.errors';
import { type ContactRecord, ContactsStore } from '../contacts.store';
import { type OptOutIntent, optOutIntentOf, type OptOutKeywords } from './opt-out-keywords';
import { OptOutSettingsStore } from './opt-out-settings.store';

/** What an inbound message means for routing once opt-out is applied. */
export type OptOutVerdict =
  /** The message was a stop keyword: the contact is now opted out; nothing else happens. */
  | 'unsubscribed'
  /** The contact is opted out and the message is no re-subscribe keyword: no flow starts, no run takes it. */
  | 'opted_out'
  /** Route as usual (a re-subscribe keyword opted the contact back in first). */
  | 'route';

/** Opt-out by keyword and by hand: the workspace's keywords and each contact's subscription. */
@Injectable()
export class OptOutService {
  constructor(
    private readonly settings: OptOutSettingsStore,
    private readonly contacts: ContactsStore,
  ) {}

  keywordsOf(accountId: string): Promise<OptOutKeywords> {
    return this.settings.keywordsOf(accountId);
  }

  async saveKeywords(accountId: string, keywords: OptOutKeywords): Promise<OptOutKeywords> {
    const clash = keywords.stop.find((word) => optOutIntentOf(word, { stop: [], resubscribe: keywords.resubscribe }) === 'resubscribe');
    if (clash) throw ContactErrors.optOutKeywordClash(clash);
    await this.settings.save(accountId, keywords);
    return this.settings.keywordsOf(accountId);
  }

  /**
   * Applies a message's stop or re-subscribe keyword to its contact and says whether routing goes on; `manager` is the
   * inbound event's transaction, which has already upserted (and locked) the contact's row and read it as `contact`,
   * and `keywords` are the account's (routing keeps them in memory).
   */
  async applyInbound(
    manager: EntityManager,
    keywords: OptOutKeywords,
    contact: Pick<ContactRecord, 'id' | 'unsubscribedAt'>,
    text: string | null | undefined,
  ): Promise<OptOutVerdict> {
    const intent: OptOutIntent | null = optOutIntentOf(text, keywords);
    if (intent === 'stop') {
      await this.contacts.setSubscribed(contact.id, false, manager);
      return 'unsubscribed';
    }
    if (intent === 'resubscribe') {
      await this.contacts.setSubscribed(contact.id, true, manager);
      return 'route';
    }
    return contact.unsubscribedAt ? 'opted_out' : 'route';
  }
}
