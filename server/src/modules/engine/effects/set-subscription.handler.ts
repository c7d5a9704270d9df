import { Injectable } from '@nestjs/common';
import { ContactsService } from '../../contacts/contacts.service';
import type { EffectExecution, EffectHandler, EffectRecord } from './effect-handler';

/** The opt-out block: opts the run's contact out or back in, in the transaction that marks the effect done. */
@Injectable()
export class SetSubscriptionHandler implements EffectHandler<'set_subscription'> {
  readonly type = 'set_subscription' as const;
  readonly outbound = false;

  constructor(private readonly contacts: ContactsService) {}

  execute({ effect, run }: EffectExecution<'set_subscription'>): Promise<EffectRecord> {
    return Promise.resolve(async (manager) => {
      const changed = await this.contacts.setSubscribed(run.contactId, effect.subscribed, manager);
      return { subscribed: effect.subscribed, changed };
    });
  }
}
