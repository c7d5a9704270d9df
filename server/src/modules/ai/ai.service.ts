import {
  aiChatMessages,
  AiAnswerError,
  localAiAnswer,
  parseAiAnswer,
  type AiAnswer,
  type AiChatMessage,
  type AiTask,
} from '@dmflow/shared';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AppConfig } from '../../core/config/config';
import { InjectAppConfig } from '../../core/config/config.module';
import { tryUnseal } from '../../core/crypto/sealed-value';
import { TokenCipher } from '../../core/crypto/token-cipher';
import type { AiWorkspaceUsageView } from './ai.dto';
import { AiBudgetExhausted } from './ai.errors';
import { AiStore, type AiSettingsRow, type AiUsageRecord, type TokenTotals } from './ai.store';
import { AiCallError, ChatCompletionsClient } from './chat-completions.client';
import { monthStart, nextMonthStart } from './usage-month';

const RECENT_RUNS = 50;

/** Tokens a call spent, with the model that spent them; null for the local provider, which spends none. */
export type AiSpend = Pick<AiUsageRecord, 'model' | 'tokensIn' | 'tokensOut'> | null;

/** The model's answer, or why there is none (the block's error exit); `spend` is counted either way. */
export type AiOutcome = ({ answer: AiAnswer } | { error: string }) & { provider: AiSettingsRow['provider']; spend: AiSpend };

/**
 * Answers an AI task with the workspace's provider: its OpenAI-compatible endpoint, or the offline local provider when
 * none is configured. A spent monthly budget refuses the call (AiBudgetExhausted) before anything is sent.
 */
@Injectable()
export class AiService {
  constructor(
    private readonly store: AiStore,
    private readonly client: ChatCompletionsClient,
    @InjectAppConfig() private readonly config: Pick<AppConfig, 'encryptionKey'>,
  ) {}

  private readonly cipher = new TokenCipher(this.config.encryptionKey);

  async answer(accountId: string, task: AiTask, history: AiChatMessage[] = []): Promise<AiOutcome> {
    const settings = await this.store.settings(accountId);
    if (settings.provider === 'local' || !settings.baseUrl || !settings.model) {
      return { answer: localAiAnswer(task), provider: 'local', spend: null };
    }
    await this.checkBudget(accountId, settings.monthlyTokenBudget);
    const apiKey = settings.apiKeySealed === null ? null : tryUnseal(this.cipher, settings.apiKeySealed);
    if (settings.apiKeySealed !== null && apiKey === null) {
      return {
        error: 'the AI provider API key could not be decrypted (was ENCRYPTION_KEY changed?)',
        provider: settings.provider,
        spend: null,
      };
    }
    try {
      const completion = await this.client.complete(
        { baseUrl: settings.baseUrl, apiKey, model: settings.model },
        aiChatMessages(task, history),
      );
      const spend = { model: settings.model, tokensIn: completion.tokensIn, tokensOut: completion.tokensOut };
      try {
        return { answer: parseAiAnswer(task, completion.content), provider: settings.provider, spend };
      } catch (error) {
        if (error instanceof AiAnswerError) return { error: error.message, provider: settings.provider, spend };
        throw error;
      }
    } catch (error) {
      if (error instanceof AiCallError) return { error: error.message, provider: settings.provider, spend: null };
      throw error;
    }
  }

  recordUsage(manager: EntityManager | null, usage: AiUsageRecord): Promise<void> {
    return this.store.recordUsage(manager, usage);
  }

  /** This month's usage against the budget, per flow and for the latest runs: the `ai` part of GET /v1/usage. */
  async workspaceUsage(accountId: string, now = new Date()): Promise<AiWorkspaceUsageView> {
    const since = monthStart(now);
    const [settings, month, byFlow, byRun] = await Promise.all([
      this.store.settings(accountId),
      this.store.totalsSince(accountId, since),
      this.store.totalsByFlowSince(accountId, since),
      this.store.totalsByRunSince(accountId, since, RECENT_RUNS),
    ]);
    const budget = settings.monthlyTokenBudget;
    const view = (totals: TokenTotals) => ({ calls: totals.calls, tokens_in: totals.tokensIn, tokens_out: totals.tokensOut });
    return {
      provider: settings.provider,
      model: settings.model,
      monthly_token_budget: budget,
      remaining_tokens: budget === null ? null : Math.max(0, budget - month.tokensIn - month.tokensOut),
      resets_at: nextMonthStart(now).toISOString(),
      month: view(month),
      by_flow: byFlow.map((flow) => ({ flow_id: flow.flowId, ...view(flow) })),
      recent_runs: byRun.map((run) => ({ run_id: run.runId, flow_id: run.flowId, ...view(run) })),
    };
  }

  flowTotals(accountId: string, flowId: string, from: Date, to: Date): Promise<TokenTotals> {
    return this.store.flowTotals(accountId, flowId, from, to);
  }

  private async checkBudget(accountId: string, budget: number | null): Promise<void> {
    if (budget === null) return;
    const now = new Date();
    const used = await this.store.totalsSince(accountId, monthStart(now));
    const spent = used.tokensIn + used.tokensOut;
    if (spent >= budget) throw new AiBudgetExhausted(budget, spent, nextMonthStart(now));
  }
}
