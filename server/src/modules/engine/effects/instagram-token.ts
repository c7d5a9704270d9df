import { Injectable } from '@nestjs/common';
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

  async forContact(contactId: string): Promise<string> {
    const instagramAccountId = await this.contacts.instagramAccountOf(contactId);
    const token = await this.instagramAccounts.accessTokenFor(instagramAccountId);
    if (!token) throw new EffectFailure('the Instagram account is disconnected or has no access token', false);
    return token;
  }
}
