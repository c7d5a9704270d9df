import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccountsService } from '../../accounts/accounts.service';
import { InstagramAccount } from '../../accounts/entities/instagram-account.entity';
import { Contact } from '../../contacts/entities/contact.entity';
import { EffectFailure } from './effect-handler';

/** The access token of the Instagram account a run's contact belongs to. */
@Injectable()
export class InstagramToken {
  constructor(private readonly accounts: AccountsService) {}

  async forContact(manager: EntityManager, contactId: string): Promise<string> {
    const contact = await manager.findOneByOrFail(Contact, { id: contactId });
    const instagram = await manager.findOneBy(InstagramAccount, { id: contact.instagramAccountId });
    const token = instagram ? this.accounts.accessToken(instagram) : null;
    if (!token) throw new EffectFailure('the Instagram account is disconnected or has no access token', false);
    return token;
  }
}
