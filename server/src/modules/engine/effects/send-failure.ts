import { DomainError } from '../../../core/errors/domain-error';
import { GraphApiError } from '../../messaging/graph-api.error';
import { SendLimitExceeded } from '../../messaging/instagram-send-limiter';
import { SendReconciliationPending } from '../../messaging/messaging.errors';
import { EffectFailure } from './effect-handler';

/**
 * MessagingService failures become effect failures. Meta rate limits, outages and our own per-account send
 * limit are retried with backoff; a send in doubt is reconciled with Meta on later attempts (not counted against
 * the effect's attempts) until MessagingService concludes or gives up (`send_in_doubt`: the run stops `in_doubt`
 * for a person); a closed messaging window or a missing token are final.
 */
export async function sendCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SendReconciliationPending) throw new EffectFailure(`send_reconciling: ${error.message}`, true, 'reconciling');
    if (error instanceof GraphApiError) throw new EffectFailure(`${error.kind}: ${error.message}`, error.retryable);
    if (error instanceof SendLimitExceeded) throw new EffectFailure(`${error.code}: ${error.message}`, true);
    if (error instanceof DomainError && error.code === 'send_in_doubt')
      throw new EffectFailure(`${error.code}: ${error.message}`, false, 'in_doubt');
    if (error instanceof DomainError) throw new EffectFailure(`${error.code}: ${error.message}`, false);
    throw error;
  }
}
