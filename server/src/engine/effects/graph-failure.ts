import { GraphApiError } from '../../messaging/graph-api.error';
import { EffectFailure } from './effect-handler';

/** Graph API errors become effect failures; rate limits and Meta outages are retried. */
export async function graphCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof GraphApiError) throw new EffectFailure(`${error.kind}: ${error.message}`, error.retryable);
    throw error;
  }
}
