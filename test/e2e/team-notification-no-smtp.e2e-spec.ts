import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { chain, node, text, trigger } from '../src/fixtures/instagram-flows';
import { createPerson, queryDatabase, readJson, scaled, waitFor, type PersonSession } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

// Without SMTP_URL the block's email is skipped and logged, not failed: the members still get their inbox
// notification and the flow goes on.

const flow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'dm_keyword', keywords: ['help'] }),
    node('notify', 'notify_team', {
      message: 'Someone needs help',
      recipients: 'all',
      roles: [],
      memberIds: [],
      email: true,
      slackWebhookUrl: '',
    }),
    node('thanks', 'send_message', text('We are on it.')),
    node('end', 'end', {}),
  ],
  edges: chain('trigger', 'notify', 'thanks', 'end'),
};

describe('Notify the team block without SMTP configured', () => {
  const suite = useServerWithTenants({ tenants: [{ owner: true }] });
  let owner: PersonSession;

  beforeAll(async () => {
    const { server } = suite.stack;
    owner = await createPerson(server.env, server.url, suite.tenants[0].accountId, 'owner');
    const { apiKey } = suite.tenants[0];
    const created = await readJson(
      await suite.api('/v1/flows', apiKey, { method: 'POST', body: JSON.stringify({ name: 'Help', draft: flow }) }),
    );
    expect((await suite.api(`/v1/flows/${created.id}/publish`, apiKey, { method: 'POST' })).status).toBe(201);
  });

  it('skips the email, logs why, notifies the inbox and completes the flow', async () => {
    const senderId = '5640000000000001';
    expect((await suite.meta.dm({ igUserId: suite.tenants[0].igUserId, senderId, text: 'help', mid: 'no-smtp-1' })).status).toBe(200);
    const run = await waitFor(
      async () =>
        (
          await queryDatabase<{ status: string }>(
            suite.stack.database.url,
            'SELECT r.status FROM flow_runs r JOIN contacts c ON c.id = r.contact_id WHERE c.ig_user_id = $1',
            [senderId],
          )
        )[0],
      (current) => current?.status === 'completed',
      scaled(60_000),
      'the run to complete',
    );
    expect(run.status).toBe('completed');
    // The run completes once its last step is written; the send after the notification goes out just after.
    const sent = await waitFor(
      async () => (await suite.graph.calls('/messages')).filter((call) => call.body?.recipient?.id === senderId),
      (calls) => calls.length > 0,
      scaled(30_000),
      'the message after the notification',
    );
    expect(sent.map((call) => call.body?.message?.text)).toEqual(['We are on it.']);

    const [effect] = await queryDatabase<{ status: string; result: Record<string, unknown> }>(
      suite.stack.database.url,
      `SELECT status, result FROM run_effects WHERE effect_type = 'notify_team'`,
    );
    expect(effect).toEqual({ status: 'done', result: { notified: 1, email: { sent: 0, status: 'skipped' }, slack_status: null } });
    expect(suite.stack.server.logs()).toMatch(/email to 1 member\(s\) skipped, SMTP_URL is not set/);

    const list = await readJson(await owner.call('/v1/notifications'));
    expect(list.data).toEqual([expect.objectContaining({ text: 'Someone needs help', emailed_at: null, read_at: null })]);
  });
});
