import type { ApiCall } from '../harness/seed';
import { readJson } from '../harness';
import type { ServerWithTenants } from '../harness/suite';

/** The sandbox's recorded DMs to one person, as texts. */
export async function textsSentTo(suite: ServerWithTenants, recipientId: string): Promise<string[]> {
  return (await suite.graph.calls('/messages'))
    .map((call) => call.body as { recipient?: { id?: string }; message?: { text?: string } })
    .filter((body) => body.recipient?.id === recipientId)
    .map((body) => body.message?.text ?? '');
}

type RunDetail = Record<string, unknown> & {
  status: string;
  steps?: Array<{ effects: Array<{ status: string }> }>;
};

/**
 * A run has ended and every effect it produced has been carried out: a run completes when its last step commits,
 * and the sends that step wrote run on the worker right after, so "completed" alone does not mean "sent".
 */
export function runSettled(run: RunDetail): boolean {
  const ended = run.status === 'completed' || run.status === 'failed';
  return ended && (run.steps ?? []).every((step) => step.effects.every((effect) => effect.status !== 'pending'));
}

/** Points a workspace at the fake model (PUT /v1/ai/provider, as an admin's API key may). */
export async function useFakeModel(
  api: ApiCall,
  apiKey: string,
  provider: { baseUrl: string; apiKey: string; monthlyTokenBudget?: number },
): Promise<Record<string, unknown>> {
  const response = await api('/v1/ai/provider', apiKey, {
    method: 'PUT',
    body: JSON.stringify({
      provider: 'openai_compatible',
      base_url: provider.baseUrl,
      model: 'fake-gpt',
      api_key: provider.apiKey,
      monthly_token_budget: provider.monthlyTokenBudget ?? null,
    }),
  });
  const body = await readJson(response);
  if (response.status !== 200) throw new Error(`PUT /v1/ai/provider answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}
