import type { RunEvent } from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import { AiBudgetExhausted } from '../../ai/ai.errors';
import { AiService } from '../../ai/ai.service';
import { RunAdvancer } from '../run-advancer';
import { ConversationHistory } from './conversation-history';
import {
  EffectFailure,
  type EffectExecution,
  type OutboundEffectHandler,
  type OutboundCall,
  callAfterClaim,
  type EffectRecord,
} from './effect-handler';

/**
 * Asks the workspace's model (retries, timeout and backoff are the client's), with no transaction open, then feeds
 * the answer back to the run in the transaction that marks the effect done, with the tokens it spent: a crash before
 * that makes the call again, and the run moves on (and sends its one reply) only once. A spent budget fails the run.
 */
@Injectable()
export class AiCompleteHandler implements OutboundEffectHandler<'ai_complete'> {
  readonly type = 'ai_complete' as const;
  readonly outbound = true;

  constructor(
    private readonly ai: AiService,
    private readonly history: ConversationHistory,
    private readonly advancer: RunAdvancer,
  ) {}

  claim(execution: EffectExecution<'ai_complete'>): Promise<OutboundCall> {
    return callAfterClaim(() => this.call(execution));
  }

  private async call({ effect, run }: EffectExecution<'ai_complete'>): Promise<EffectRecord> {
    const { task } = effect;
    const history = task.kind === 'reply' ? await this.history.last(run.contactId, task.historyMessages, task.message) : [];
    let outcome: Awaited<ReturnType<AiService['answer']>>;
    try {
      outcome = await this.ai.answer(run.accountId, task, history);
    } catch (error) {
      if (error instanceof AiBudgetExhausted) throw new EffectFailure(error.message, false);
      throw error;
    }
    const at = new Date().toISOString();
    const event: RunEvent =
      'answer' in outcome
        ? { type: 'ai.answered', effectKey: effect.key, answer: outcome.answer, at }
        : { type: 'ai.failed', effectKey: effect.key, error: outcome.error, at };
    return async (manager) => {
      const { spend } = outcome;
      if (spend) {
        await this.ai.recordUsage(manager, {
          accountId: run.accountId,
          effectKey: effect.key,
          runId: run.id,
          flowId: run.flowId,
          purpose: task.kind,
          ...spend,
        });
      }
      await this.advancer.advance(run.id, event, manager);
      return {
        provider: outcome.provider,
        ...('answer' in outcome ? { answer: outcome.answer } : { error: outcome.error }),
        tokens_in: spend?.tokensIn ?? 0,
        tokens_out: spend?.tokensOut ?? 0,
      };
    };
  }
}
