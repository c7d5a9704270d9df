import { DomainError } from '../../core/errors/domain-error';

/** A run's AI step refused because the month's budget is spent: fails the run with this message. */
export class AiBudgetExhausted extends Error {
  constructor(budget: number, used: number, resetsAt: Date) {
    super(
      `ai_budget_exhausted: the workspace's AI budget of ${budget} tokens this month is spent (${used} used); ` +
        `raise monthly_token_budget in PUT /v1/ai/provider or wait until ${resetsAt.toISOString()}`,
    );
  }
}

export const AiErrors = {
  budgetExhausted: (error: AiBudgetExhausted) => new DomainError('ai_budget_exhausted', error.message),
  providerUnavailable: (message: string) => new DomainError('ai_provider_unavailable', `The AI provider gave no answer: ${message}`),
  providerIncomplete: (missing: string) =>
    new DomainError('validation_failed', `${missing} is required for an openai_compatible provider`, {
      details: [{ field: missing, message: `${missing} is required for an openai_compatible provider` }],
    }),
};
