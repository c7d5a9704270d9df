import type { RunEvent } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { RunAdvancer } from '../run-advancer';
import type { EffectExecution, EffectHandler, EffectResult } from './effect-handler';

const MAX_BODY_CHARS = 100_000;

/**
 * Calls the flow's URL and feeds the response back to the run in the same transaction, so a crash cannot
 * lose the answer. Receivers get the effect key as `Idempotency-Key` to dedupe a retry after a crash.
 */
@Injectable()
export class HttpRequestHandler implements EffectHandler<'http_request'> {
  readonly type = 'http_request' as const;

  constructor(private readonly advancer: RunAdvancer) {}

  async execute({ effect, run, manager }: EffectExecution<'http_request'>): Promise<EffectResult> {
    const { request } = effect;
    let event: RunEvent;
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: { 'content-type': 'application/json', ...request.headers, 'idempotency-key': effect.key },
        body: request.body,
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      const text = (await response.text()).slice(0, MAX_BODY_CHARS);
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // Not JSON: keep the text.
      }
      event = { type: 'http.responded', effectKey: effect.key, status: response.status, body, at: new Date().toISOString() };
    } catch (error) {
      event = { type: 'http.failed', effectKey: effect.key, error: (error as Error).message, at: new Date().toISOString() };
    }
    await this.advancer.advance(run.id, event, manager);
    return event.type === 'http.responded' ? { status: event.status } : { error: event.error };
  }
}
