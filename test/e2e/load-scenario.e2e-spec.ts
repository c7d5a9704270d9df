import { LEAD_GEN_QUESTION, type LeadGenStack, startLeadGenStack, summarizeTraffic } from '../src/load/scenario';

describe('the lead-gen load scenario (bench and fault suite driver)', () => {
  let stack: LeadGenStack;

  beforeAll(async () => {
    stack = await startLeadGenStack({ accounts: 2, serverEnv: { WEBHOOKS_POLL_INTERVAL_MS: '100' } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('walks every contact from comment to flow_completed and reads back what the sandbox and receiver got', async () => {
    const result = await stack.drive({ contacts: 6, maxInFlight: 3, stepTimeoutMs: 30_000 });

    expect(result.contacts.map((contact) => contact.error)).toEqual(Array(6).fill(undefined));
    for (const contact of result.contacts) {
      expect(contact.commentPostedAt).toBeLessThanOrEqual(contact.commentAckedAt as number);
      expect(contact.commentAckedAt).toBeLessThanOrEqual(contact.privateReplyAt as number);
      expect(contact.privateReplyAt).toBeLessThanOrEqual(contact.answerPostedAt as number);
      expect(contact.answerPostedAt).toBeLessThanOrEqual(contact.flowCompletedAt as number);
      expect([contact.commentAttempts, contact.answerAttempts]).toEqual([1, 1]);

      const calls = stack.observer.callsFor(contact.commentId, contact.igUserId);
      expect(calls.publicReplies.map((call) => call.body.message)).toEqual([`Sent you a DM, @${contact.username}!`]);
      expect(calls.privateReplies.map((call) => call.body.message.text)).toEqual([LEAD_GEN_QUESTION]);
      expect(calls.directMessages.map((call) => call.body.message.text)).toEqual([
        `Got it, we will write to lead${contact.index}@example.com.`,
      ]);

      const [completion, ...again] = stack.observer.completionsFor(contact.igUserId);
      expect(again).toEqual([]);
      expect(completion.body).toMatchObject({
        sender_id: contact.igUserId,
        sender_username: contact.username,
        response_variables: { email: `lead${contact.index}@example.com`, source: 'comment' },
      });
      expect(completion.body.tags).toEqual(['lead']);
    }
    // Contacts alternate between the two accounts, each answered by its own flow.
    const flowIds = new Set(result.contacts.map((contact) => stack.observer.completionsFor(contact.igUserId)[0].body.flow_id));
    expect(flowIds).toEqual(new Set(stack.targets.map((target) => target.flowId)));

    const deliveries = stack.observer.deliveriesByWebhookId();
    expect(deliveries.size).toBe(6);
    expect([...deliveries.values()].every((list) => list.length === 1 && list[0].eventType === 'flow_completed')).toBe(true);

    const summary = summarizeTraffic(result);
    expect(summary).toMatchObject({ contacts: 6, completed: 6, failed: 0, retriedPosts: 0 });
    expect(summary.commentToPrivateReplyMs.count).toBe(6);
    expect(summary.answerToWebhookMs.count).toBe(6);
  });
});
