import { Injectable } from '@nestjs/common';
import { ContactsService } from '../../contacts/contacts.service';
import { GraphApiClient } from '../../messaging/graph-api.client';
import { GraphApiError } from '../../messaging/graph-api.error';
import { RunAdvancer } from '../run-advancer';
import { callAfterClaim, type EffectExecution, type EffectRecord, type OutboundCall, type OutboundEffectHandler } from './effect-handler';
import { EffectFailure } from './effect-handler';
import { InstagramToken } from './instagram-token';

/** Reads the contact's follow status for a follow gate, then answers the run when the effect is recorded. */
@Injectable()
export class FetchProfileHandler implements OutboundEffectHandler<'fetch_profile'> {
  readonly type = 'fetch_profile' as const;
  readonly outbound = true;

  constructor(
    private readonly graph: GraphApiClient,
    private readonly token: InstagramToken,
    private readonly advancer: RunAdvancer,
    private readonly contacts: ContactsService,
  ) {}

  claim(execution: EffectExecution<'fetch_profile'>): Promise<OutboundCall> {
    return callAfterClaim(() => this.call(execution));
  }

  private async call({ effect, run }: EffectExecution<'fetch_profile'>): Promise<EffectRecord> {
    const contact = await this.contacts.getById(run.contactId);
    let followsBusiness: boolean | null = null;
    try {
      const token = await this.token.forContact(run.contactId);
      followsBusiness = (await this.graph.userProfile(token, contact.igUserId)).followsBusiness;
    } catch (error) {
      // Rate limits and outages are retried; anything else leaves the status unknown and the gate decides.
      if (error instanceof GraphApiError && error.retryable) throw new EffectFailure(`${error.kind}: ${error.message}`, true);
      if (!(error instanceof GraphApiError) && !(error instanceof EffectFailure)) throw error;
    }
    return async (manager) => {
      await this.advancer.advance(
        run.id,
        { type: 'profile.fetched', effectKey: effect.key, followsBusiness, at: new Date().toISOString() },
        manager,
      );
      return { follows_business: followsBusiness };
    };
  }
}
