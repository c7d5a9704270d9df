import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import {
  lastUserMessage,
  startFakeOpenAi,
  systemPrompt,
  type FakeOpenAiServer,
  type ReceivedChatRequest,
} from '../src/ai/fake-openai-server';
import { textsSentTo, useFakeModel } from '../src/ai/ai-suite';
import { DmConversation } from '../src/fixtures/dm-conversation';
import { chain, node, publishFlow, trigger } from '../src/fixtures/instagram-flows';
import { readJson, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

const FAKE_KEY = 'sk-fake-router';

/** Any DM starting "help" → AI router → one tag per intent (and one for other). */
const routerFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'dm_keyword', keywords: ['help'] }),
    node('router', 'ai_router', {
      instructions: '',
      intents: [
        { id: 'price', name: 'Price question', description: 'asks what something costs' },
        { id: 'buy', name: 'Wants to buy', description: 'wants to order or pay' },
        { id: 'complaint', name: 'Complaint', description: 'unhappy with an order' },
      ],
      minConfidence: 0.5,
      intentVariable: 'intent',
      confidenceVariable: 'intent_confidence',
    }),
    node('price', 'tag', { action: 'add', tags: ['price'] }),
    node('buy', 'tag', { action: 'add', tags: ['buy'] }),
    node('complaint', 'tag', { action: 'add', tags: ['complaint'] }),
    node('other', 'tag', { action: 'add', tags: ['other'] }),
    node('failed', 'tag', { action: 'add', tags: ['ai_error'] }),
    node('end', 'end', {}),
  ],
  edges: [
    { id: 't-router', source: 'trigger', sourceHandle: 'next', target: 'router' },
    { id: 'r-price', source: 'router', sourceHandle: 'intent:price', target: 'price' },
    { id: 'r-buy', source: 'router', sourceHandle: 'intent:buy', target: 'buy' },
    { id: 'r-complaint', source: 'router', sourceHandle: 'intent:complaint', target: 'complaint' },
    { id: 'r-other', source: 'router', sourceHandle: 'other', target: 'other' },
    { id: 'r-error', source: 'router', sourceHandle: 'error', target: 'failed' },
    ...['price', 'buy', 'complaint', 'other', 'failed'].map((id) => ({ id: `${id}-end`, source: id, sourceHandle: 'next', target: 'end' })),
  ],
};

/** DM "newsletter" → "What's your email?" (AI extraction on) → tag. */
const newsletterFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'dm_keyword', keywords: ['newsletter'] }),
    node('email', 'question', {
      questionType: 'email',
      text: "What's your email?",
      variable: 'email',
      choices: [],
      invalidMessage: 'That does not look like an email.',
      maxAttempts: 2,
      allowSkip: false,
      skipLabel: 'Skip',
      timeoutSeconds: 0,
      aiExtract: true,
    }),
    node('subscribed', 'tag', { action: 'add', tags: ['subscribed'] }),
    node('gave_up', 'tag', { action: 'add', tags: ['no_email'] }),
    node('end', 'end', {}),
  ],
  edges: [
    { id: 't-email', source: 'trigger', sourceHandle: 'next', target: 'email' },
    { id: 'email-ok', source: 'email', sourceHandle: 'answered', target: 'subscribed' },
    { id: 'email-invalid', source: 'email', sourceHandle: 'invalid', target: 'gave_up' },
    ...chain('subscribed', 'end'),
    ...chain('gave_up', 'end'),
  ],
};

/** A model that classifies by what the person says, and extracts spelled-out emails. */
function brain(request: ReceivedChatRequest): string {
  const said = lastUserMessage(request).toLowerCase();
  if (systemPrompt(request).startsWith('Classify')) {
    if (said.includes('how much')) return JSON.stringify({ intent: 'price', confidence: 0.92 });
    if (said.includes('order')) return JSON.stringify({ intent: 'buy', confidence: 0.81 });
    if (said.includes('broken')) return JSON.stringify({ intent: 'complaint', confidence: 0.77 });
    return JSON.stringify({ intent: 'other', confidence: 0.4 });
  }
  if (said.includes('jane at example dot com')) return JSON.stringify({ value: 'jane@example.com' });
  return JSON.stringify({ value: 'not given' });
}

describe('AI router and AI extraction in questions', () => {
  const suite = useServerWithTenants({ tenants: [{}], env: { FLOWS_ALLOW_PRIVATE_URLS: 'true', AI_MAX_RETRY_DELAY_MS: '2000' } });
  let model: FakeOpenAiServer;

  beforeAll(async () => {
    model = await startFakeOpenAi({ apiKey: FAKE_KEY, brain });
    await useFakeModel(suite.api, suite.tenants[0].apiKey, { baseUrl: model.baseUrl, apiKey: FAKE_KEY });
    await publishFlow(suite.database.url, suite.tenants[0], 'Router', routerFlow);
    await publishFlow(suite.database.url, suite.tenants[0], 'Newsletter', newsletterFlow);
  });

  afterAll(async () => {
    await model?.close();
  });

  const person = (senderId: string) => new DmConversation(suite.meta, suite.database.url, suite.tenants[0].igUserId, senderId);
  const runWhere = (runId: string, done: (run: Awaited<ReturnType<typeof readJson>>) => boolean, what: string) =>
    waitFor(async () => readJson(await suite.api(`/v1/runs/${runId}`, suite.tenants[0].apiKey)), done, 30_000, what);

  it.each([
    ['6200000000000001', 'help, how much is the blue hoodie?', 'price', 0.92],
    ['6200000000000002', 'help me order two of them', 'buy', 0.81],
    ['6200000000000003', 'help! my parcel arrived broken', 'complaint', 0.77],
  ])('%s: "%s" takes the %s exit and saves intent and confidence', async (senderId, message, intent, confidence) => {
    const runId = await person(senderId).start(message);
    const run = await runWhere(runId, (current) => current.status === 'completed', 'the router run to complete');
    expect(run.tags).toEqual([intent]);
    expect(run.variables).toEqual({ intent, intent_confidence: confidence });
  });

  it('a message the model is unsure of takes the other exit', async () => {
    const runId = await person('6200000000000004').start('help, nice weather today');
    const run = await runWhere(runId, (current) => current.status === 'completed', 'the router run to complete');
    expect(run.tags).toEqual(['other']);
    expect(run.variables).toEqual({ intent: 'other', intent_confidence: 0.4 });
  });

  it('extraction fills `email` from a spelled-out answer, checked by the email rule', async () => {
    const customer = person('6200000000000005');
    const runId = await customer.start('newsletter');
    await customer.say('sure, my mail is Jane at example dot com');
    const run = await runWhere(runId, (current) => current.status === 'completed', 'the newsletter run to complete');
    expect(run.tags).toEqual(['subscribed']);
    expect(run.variables).toEqual({ email: 'jane@example.com' });
    const extraction = model.requests.at(-1)!;
    expect(systemPrompt(extraction)).toContain("What's your email?");
    expect(lastUserMessage(extraction)).toBe('sure, my mail is Jane at example dot com');
  });

  it('an extracted value the email rule refuses asks again, then takes the invalid exit', async () => {
    const customer = person('6200000000000006');
    const runId = await customer.start('newsletter');
    await customer.say('I would rather not say');
    await waitFor(
      () => textsSentTo(suite, '6200000000000006'),
      (texts) => texts.length === 2,
      30_000,
      'the question asked again',
    );
    await customer.say('still no');
    const run = await runWhere(runId, (current) => current.status === 'completed', 'the newsletter run to complete');
    expect(run.tags).toEqual(['no_email']);
    expect(await textsSentTo(suite, '6200000000000006')).toEqual([
      "What's your email?",
      "That does not look like an email.\n\nWhat's your email?",
    ]);
  });
});
