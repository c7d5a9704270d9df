import type { EntityManager } from 'typeorm';
import { Contact } from '../../contacts/entities/contact.entity';

/** The connected Instagram account that talks to a run's contact. */
export async function senderOf(manager: EntityManager, contactId: string): Promise<string> {
  const contact = await manager.findOneByOrFail(Contact, { id: contactId });
  return contact.instagramAccountId;
}
