import { DomainError } from '../../../core/errors/domain-error';
import { GraphApiError } from '../../messaging/graph-api.error';
import { SendLimitExceeded } from '../../messaging/instagram-send-limiter';
import { EffectFailure } from './effect-handler';

/**
 * MessagingService failures become effect failures. Meta rate limits, outages and our own per-account send
 * limit are retried with backoff; a closed messaging window, a missing token or a send left in doubt by a
 * crash are final (retrying a send in doubt could deliver the DM twice).
 */
export async function sendCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GraphApiError && error.inDoubt) throw new EffectFailure(`send_in_doubt: ${error.message}`, false);
    if (error instanceof GraphApiError) throw new EffectFailure(`${error.kind}: ${error.message}`, error.retryable);
    if (error instanceof SendLimitExceeded) throw new EffectFailure(`${error.code}: ${error.message}`, true);
    if (error instanceof DomainError) throw new EffectFailure(`${error.code}: ${error.message}`, false);
    throw error;
  }
}
