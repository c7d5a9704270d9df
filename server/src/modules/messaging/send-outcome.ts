import { DomainError } from '../../core/errors/domain-error';
import { GraphApiError } from './graph-api.error';
import { SendLimitExceeded } from './instagram-send-limiter';
import { SendReconciliationPending } from './messaging.errors';

/** Set while a send runs: whether its idempotency key returned an earlier answer instead of calling Meta. */
export interface SendNote {
  replayed: boolean;
}

/** The `outcome` label of a send that threw. */
export function sendFailureOutcome(error: unknown): string {
  if (error instanceof GraphApiError) return error.inDoubt ? 'in_doubt' : 'failed';
  if (error instanceof SendReconciliationPending) return 'in_doubt';
  if (error instanceof SendLimitExceeded) return 'limited';
  if (error instanceof DomainError) {
    if (error.code === 'send_in_doubt') return 'in_doubt';
    if (error.code === 'messaging_window_closed') return 'window_closed';
    if (error.code === 'no_instagram_token') return 'no_token';
  }
  return 'failed';
}
