import { postbackFlow, publishFlow } from '../src/fixtures/instagram-flows';
import { queryDatabase, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';
import { postbackWebhook } from '@dmflow/sandbox';

interface EffectRow {
  status: string;
  attempts: number;
  last_error: string | null;
}

describe("a flow's sends when the Graph API fails", () => {
  const {
    database,
    graph,
    meta,
    tenants: [tenant],
  } = useServerWithTenants({ tenants: [{}] });
  let flowId: string;

  /** The button tap starts the flow, whose one send_message effect is the subject of each test. */
  async function tapStartButton(senderId: string): Promise<{ runId: string; effect: () => Promise<EffectRow> }> {
    const delivery = await meta.post(JSON.stringify(postbackWebhook({ igUserId: tenant.igUserId, senderId, payload: 'START' })));
    expect(delivery.status).toBe(200);
    const [run] = await waitFor(
      () =>
        queryDatabase<{ id: string }>(
          database.url,
          `SELECT r.id FROM flow_runs r JOIN contacts c ON c.id = r.contact_id WHERE r.flow_id = $1 AND c.ig_user_id = $2`,
          [flowId, senderId],
        ),
      (rows) => rows.length === 1,
      20_000,
      'the run to start',
    );
    const effect = async () =>
      (
        await queryDatabase<EffectRow>(
          database.url,
          `SELECT status, attempts, last_error FROM run_effects WHERE run_id = $1 AND effect_type = 'send_message'`,
          [run.id],
        )
      )[0];
    return { runId: run.id, effect };
  }

  const sendsTo = async (recipientId: string) =>
    (await graph.calls('/messages')).filter((call) => JSON.stringify(call.body).includes(recipientId));

  beforeAll(async () => {
    flowId = (await publishFlow(database.url, tenant, 'Start button', postbackFlow('START'))).flowId;
  });

  it('retries a rate-limited send, which then succeeds exactly once', async () => {
    await graph.fail({ error: 'rate_limit', pathContains: '/messages', count: 1 });
    const { effect } = await tapStartButton('igsid-rate-limited');
    const done = await waitFor(effect, (row) => row?.status === 'done', 20_000, 'the send to succeed');
    expect(done.attempts).toBe(2);
    const calls = await sendsTo('igsid-rate-limited');
    expect(calls.map((call) => call.status >= 400)).toEqual([true, false]);
  });

  it('keeps retrying through a burst of Meta 500s, then sends exactly once', async () => {
    await graph.fail({ error: 'server_error', pathContains: '/messages', count: 5 });
    const { effect } = await tapStartButton('igsid-meta-outage');
    const done = await waitFor(effect, (row) => row?.status !== 'pending', 45_000, 'the send to succeed or be given up');
    expect(done).toMatchObject({ status: 'done', attempts: 6 });
    const calls = await sendsTo('igsid-meta-outage');
    expect(calls.map((call) => call.status)).toEqual([500, 500, 500, 500, 500, 200]);
  });

  it('gives up on an invalid token without retrying: the run fails at that send and records why', async () => {
    await graph.fail({ error: 'invalid_token', pathContains: '/messages', count: 1 });
    const { runId, effect } = await tapStartButton('igsid-bad-token');
    const failed = await waitFor(effect, (row) => row?.status === 'failed', 20_000, 'the send to fail');
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toContain('invalid_token');
    expect((await sendsTo('igsid-bad-token')).filter((call) => call.status < 400)).toEqual([]);
    const [run] = await waitFor(
      () =>
        queryDatabase<{ status: string; error: string | null; failed_node_id: string | null }>(
          database.url,
          'SELECT status, error, failed_node_id FROM flow_runs WHERE id = $1',
          [runId],
        ),
      (rows) => rows[0]?.status === 'failed',
      20_000,
      'the run to fail',
    );
    expect(run.failed_node_id).toBe('hello');
    expect(run.error).toMatch(/^send_message at node hello failed: invalid_token: /);
  });
});
