import { Injectable } from '@nestjs/common';
import { type FailureOutcome, IdempotencyKeys, type StoredResponse } from '../../core/idempotency/idempotency-keys';
import { InstagramApiException } from './action-api.errors';
import { describeActionApiError } from './action-api-exception.filter';

export type ActionResponse = StoredResponse;

/**
 * /api-webhook's Idempotency-Key (InstantReply's habit), on the contract every API shares (IdempotencyKeys). What a
 * failure leaves is Meta's to say: only a success or an answer Meta gave is replayed. Refusals before any send
 * (limits, credits, no token) and sends that never reached Meta release the key, so a retry can succeed; a send in
 * doubt (it may have reached Meta) keeps the key, unanswered.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly keys: IdempotencyKeys) {}

  run<Fresh extends ActionResponse>(accountId: string, key: string, body: unknown, requestId: string, execute: () => Promise<Fresh>) {
    return this.keys.run(accountId, key, body, execute, (error) => this.outcomeOf(error, requestId));
  }

  private outcomeOf(error: unknown, requestId: string): FailureOutcome {
    if (!(error instanceof InstagramApiException)) return 'release';
    if (error.graphError.answeredByMeta) return { replay: describeActionApiError(error, requestId) };
    return error.graphError.inDoubt ? 'unanswered' : 'release';
  }
}
