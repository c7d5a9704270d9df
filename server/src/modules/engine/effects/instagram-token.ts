import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InstagramAccountsService } from '../../accounts/instagram-accounts.service';
import { ContactsService } from '../../contacts/contacts.service';
import { EffectFailure } from './effect-handler';

/** The access token of the Instagram account a run's contact belongs to. */
@Injectable()
export class InstagramToken {
  constructor(
    private readonly instagramAccounts: InstagramAccountsService,
    private readonly contacts: ContactsService,
  ) {}

  async forContact(manager: EntityManager, contactId: string): Promise<string> {
    const instagramAccountId = await this.contacts.instagramAccountOf(contactId, manager);
    const token = await this.instagramAccounts.accessTokenFor(instagramAccountId, manager);
    if (!token) throw new EffectFailure('the Instagram account is disconnected or has no access token', false);
    return token;
  }
}
