import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { startFakeOpenAi, lastUserMessage, systemPrompt, type FakeOpenAiServer } from '../src/ai/fake-openai-server';
import { runSettled, textsSentTo, useFakeModel } from '../src/ai/ai-suite';
import { DmConversation } from '../src/fixtures/dm-conversation';
import { node, publishFlow, text, trigger } from '../src/fixtures/instagram-flows';
import { quietPeriod, readJson, scaled, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

const KNOWLEDGE = 'We ship worldwide within 3 days. Shipping is free over $50.';
const FAKE_KEY = 'sk-fake-e2e-7f3a';

/** DM "shipping…" → AI reply → replied: tag; handover: a fixed message; error: tag. */
function supportFlow(keyword: string): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      trigger({ source: 'dm_keyword', keywords: [keyword] }),
      node('ai', 'ai_reply', {
        instructions: 'You are the shop assistant. Be brief.',
        knowledge: KNOWLEDGE,
        historyMessages: 4,
        readVariables: [],
        maxLength: 300,
      }),
      node('replied', 'tag', { action: 'add', tags: ['ai_replied'] }),
      node('human', 'send_message', text('A person from our team will answer you soon.')),
      node('failed', 'tag', { action: 'add', tags: ['ai_error'] }),
      node('end', 'end', {}),
    ],
    edges: [
      { id: 't-ai', source: 'trigger', sourceHandle: 'next', target: 'ai' },
      { id: 'ai-replied', source: 'ai', sourceHandle: 'replied', target: 'replied' },
      { id: 'ai-handover', source: 'ai', sourceHandle: 'handover', target: 'human' },
      { id: 'ai-error', source: 'ai', sourceHandle: 'error', target: 'failed' },
      { id: 'replied-end', source: 'replied', sourceHandle: 'next', target: 'end' },
      { id: 'human-end', source: 'human', sourceHandle: 'next', target: 'end' },
      { id: 'failed-end', source: 'failed', sourceHandle: 'next', target: 'end' },
    ],
  };
}

/** Answers from the knowledge when the person asks about shipping; asks for a human otherwise. */
function shopAssistant(request: Parameters<Parameters<FakeOpenAiServer['setBrain']>[0]>[0]): string {
  const asked = lastUserMessage(request).toLowerCase();
  if (asked.includes('human')) return JSON.stringify({ reply: '', handover: true, confidence: 0.2 });
  return JSON.stringify({ reply: 'We ship worldwide within 3 days, free over $50.', handover: false, confidence: 0.93 });
}

describe('AI reply through an OpenAI-compatible model', () => {
  const aiTimeoutMs = scaled(2_000);
  const suite = useServerWithTenants({
    tenants: [{}, {}],
    env: { FLOWS_ALLOW_PRIVATE_URLS: 'true', AI_TIMEOUT_MS: String(aiTimeoutMs), AI_MAX_ATTEMPTS: '3', AI_MAX_RETRY_DELAY_MS: '3000' },
  });
  let model: FakeOpenAiServer;
  let flowId: string;

  beforeAll(async () => {
    model = await startFakeOpenAi({ apiKey: FAKE_KEY, brain: shopAssistant });
    await useFakeModel(suite.api, suite.tenants[0].apiKey, { baseUrl: model.baseUrl, apiKey: FAKE_KEY });
    ({ flowId } = await publishFlow(suite.database.url, suite.tenants[0], 'Support', supportFlow('shipping')));
  });

  afterAll(async () => {
    await model?.close();
  });

  const person = (senderId: string, tenant = suite.tenants[0]) =>
    new DmConversation(suite.meta, suite.database.url, tenant.igUserId, senderId);
  const runOf = async (runId: string, tenant = suite.tenants[0]) =>
    waitFor(
      async () => readJson(await suite.api(`/v1/runs/${runId}`, tenant.apiKey)),
      runSettled,
      30_000,
      `run ${runId} to end and carry out its effects`,
    );

  it('answers a DM through the model, and the sandbox receives the reply', async () => {
    const runId = await person('6100000000000001').start('shipping to Peru?');
    const run = await runOf(runId);
    expect(run).toMatchObject({ status: 'completed', tags: ['ai_replied'] });
    expect(await textsSentTo(suite, '6100000000000001')).toEqual(['We ship worldwide within 3 days, free over $50.']);

    const request = model.requests.at(-1)!;
    expect(request).toMatchObject({ authorization: `Bearer ${FAKE_KEY}`, model: 'fake-gpt', responseFormat: { type: 'json_object' } });
    expect(lastUserMessage(request)).toBe('shipping to Peru?');
    expect(systemPrompt(request)).toContain(KNOWLEDGE);
    expect(systemPrompt(request)).toContain('You are the shop assistant.');
  });

  it('keeps the API key sealed: GET shows only a hint, and the database holds no plaintext', async () => {
    const view = await readJson(await suite.api('/v1/ai/provider', suite.tenants[0].apiKey));
    expect(view).toMatchObject({
      provider: 'openai_compatible',
      base_url: model.baseUrl,
      model: 'fake-gpt',
      api_key_set: true,
      api_key_hint: '…7f3a',
    });
    expect(JSON.stringify(view)).not.toContain(FAKE_KEY);
    const { Client } = await import('pg');
    const client = new Client({ connectionString: suite.database.url });
    await client.connect();
    const { rows } = await client.query<{ api_key_sealed: string }>('SELECT api_key_sealed FROM ai_settings');
    await client.end();
    expect(rows.map((row) => row.api_key_sealed).join()).not.toContain(FAKE_KEY);
    expect(rows[0].api_key_sealed).toMatch(/^enc:v1\./);
  });

  it('gives the model the earlier messages of the conversation as context', async () => {
    const customer = person('6100000000000002');
    await runOf(await customer.start('shipping to Peru?'));
    await runOf(await customer.start('shipping to Chile too?'));
    const request = model.requests.at(-1)!;
    expect(request.messages.map((message) => [message.role, message.content]).slice(1)).toEqual([
      ['user', 'shipping to Peru?'],
      ['assistant', 'We ship worldwide within 3 days, free over $50.'],
      ['user', 'shipping to Chile too?'],
    ]);
  });

  it('takes the handover exit when the model asks for a human', async () => {
    const run = await runOf(await person('6100000000000003').start('shipping: can I talk to a human?'));
    expect(run.status).toBe('completed');
    expect(await textsSentTo(suite, '6100000000000003')).toEqual(['A person from our team will answer you soon.']);
  });

  it('a 429 with Retry-After, then success: waits as asked and sends the reply exactly once', async () => {
    const before = model.requests.length;
    model.queueFaults({ kind: 'rate_limited', retryAfterSeconds: 2 });
    const run = await runOf(await person('6100000000000004').start('shipping cost?'));
    expect(run).toMatchObject({ status: 'completed', tags: ['ai_replied'] });
    const calls = model.requests.slice(before);
    expect(calls).toHaveLength(2);
    expect(calls[1].receivedAt - calls[0].receivedAt).toBeGreaterThanOrEqual(1_900);
    await quietPeriod(1_000);
    expect(await textsSentTo(suite, '6100000000000004')).toEqual(['We ship worldwide within 3 days, free over $50.']);
  });

  it('a model slower than AI_TIMEOUT_MS is called again; one reply goes out', async () => {
    const before = model.requests.length;
    model.queueFaults({ kind: 'slow', delayMs: aiTimeoutMs + 2_000 });
    const run = await runOf(await person('6100000000000005').start('shipping time?'));
    expect(run).toMatchObject({ status: 'completed', tags: ['ai_replied'] });
    expect(model.requests.length - before).toBe(2);
    expect(await textsSentTo(suite, '6100000000000005')).toHaveLength(1);
  });

  it('malformed JSON on every attempt: the block takes its error exit and nothing is sent', async () => {
    const before = model.requests.length;
    model.queueFaults({ kind: 'malformed_json' }, { kind: 'malformed_json' }, { kind: 'malformed_json' });
    const run = await runOf(await person('6100000000000006').start('shipping?'));
    expect(run).toMatchObject({ status: 'completed', tags: ['ai_error'] });
    expect(model.requests.length - before).toBe(3);
    expect(await textsSentTo(suite, '6100000000000006')).toEqual([]);
  });

  it('counts tokens per workspace, per flow and per run, in /v1/usage and the flow stats', async () => {
    const usage = await readJson(await suite.api('/v1/usage', suite.tenants[0].apiKey));
    expect(usage.ai).toMatchObject({
      provider: 'openai_compatible',
      model: 'fake-gpt',
      monthly_token_budget: null,
      remaining_tokens: null,
    });
    expect(usage.ai.month.calls).toBeGreaterThanOrEqual(6);
    expect(usage.ai.month.tokens_in).toBeGreaterThan(0);
    expect(usage.ai.month.tokens_out).toBeGreaterThan(0);
    expect(usage.ai.by_flow).toEqual([expect.objectContaining({ flow_id: flowId, calls: usage.ai.month.calls })]);
    expect(usage.ai.recent_runs[0]).toMatchObject({ flow_id: flowId, calls: 1 });

    const stats = await readJson(await suite.api(`/v1/flows/${flowId}/analytics`, suite.tenants[0].apiKey));
    expect(stats.ai_usage).toEqual({
      calls: usage.ai.month.calls,
      tokens_in: usage.ai.month.tokens_in,
      tokens_out: usage.ai.month.tokens_out,
    });
    // Another workspace sees none of it.
    const other = await readJson(await suite.api('/v1/usage', suite.tenants[1].apiKey));
    expect(other.ai).toMatchObject({ provider: 'local', month: { calls: 0, tokens_in: 0, tokens_out: 0 }, by_flow: [] });
  });

  it('a spent monthly budget fails the run with a clear reason, and calls the model no more', async () => {
    const tenant = suite.tenants[1];
    await useFakeModel(suite.api, tenant.apiKey, { baseUrl: model.baseUrl, apiKey: FAKE_KEY, monthlyTokenBudget: 50 });
    await publishFlow(suite.database.url, tenant, 'Support', supportFlow('shipping'));
    const first = await runOf(await person('6100000000000007', tenant).start('shipping to Peru?'), tenant);
    expect(first).toMatchObject({ status: 'completed', tags: ['ai_replied'] });

    const before = model.requests.length;
    const second = await runOf(await person('6100000000000008', tenant).start('shipping to Chile?'), tenant);
    expect(second.status).toBe('failed');
    expect(second.error).toMatch(/ai_budget_exhausted: the workspace's AI budget of 50 tokens this month is spent \(\d+ used\)/);
    expect(model.requests.length).toBe(before);
    expect(await textsSentTo(suite, '6100000000000008')).toEqual([]);
    const usage = await readJson(await suite.api('/v1/usage', tenant.apiKey));
    expect(usage.ai).toMatchObject({ monthly_token_budget: 50, remaining_tokens: 0 });
  });
});
