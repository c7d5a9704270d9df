import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { DmConversation } from '../src/fixtures/dm-conversation';
import { chain, dmQuestionFlow, node, postbackFlow, publishFlow, text, trigger } from '../src/fixtures/instagram-flows';
import { queryDatabase, readJson, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

interface EffectView {
  type: string;
  status: string;
  attempts: number;
  last_error: string | null;
}
interface StepView {
  node_id: string;
  node_type: string;
  entered_at: string;
  exited_at: string | null;
  exit_port: string | null;
  effects: EffectView[];
}
interface RunDetail {
  id: string;
  status: string;
  flow_version_id: string;
  current_node_id: string;
  error: string | null;
  failed_node_id: string | null;
  retry_of_run_id: string | null;
  steps: StepView[];
}

describe('run step history and retries (GET /v1/runs/:id, POST /v1/runs/:id/retry)', () => {
  const {
    api,
    database,
    graph,
    meta,
    tenants: [tenant, other],
  } = useServerWithTenants({ tenants: [{}, {}] });
  let guideFlowId: string;
  let buttonFlowId: string;

  const getRun = async (id: string): Promise<RunDetail> => readJson(await api(`/v1/runs/${id}`, tenant.apiKey));
  const retry = (id: string, body: Record<string, unknown> = {}, apiKey = tenant.apiKey) =>
    api(`/v1/runs/${id}/retry`, apiKey, { method: 'POST', body: JSON.stringify(body) });
  const settled = (run: RunDetail) => run.steps.every((step) => step.effects.every((effect) => effect.status !== 'pending'));
  const runReaching = (id: string, status: string) =>
    waitFor(
      () => getRun(id),
      (run) => run.status === status && settled(run),
      20_000,
      `run ${id} ${status}`,
    );
  const delivered = async (recipientId: string) =>
    (await graph.calls('/messages')).filter((call) => call.status < 400 && JSON.stringify(call.body).includes(recipientId));
  const person = (senderId: string) => new DmConversation(meta, database.url, tenant.igUserId, senderId);

  /** Before injecting a failure: it must hit the next run's send, not one still queued for an earlier run. */
  const noSendsPending = () =>
    waitFor(
      () => queryDatabase(database.url, `SELECT 1 FROM run_effects WHERE status = 'pending'`),
      (rows) => rows.length === 0,
      20_000,
      'earlier sends done',
    );

  /** Taps the START button as `senderId`, whose one send fails with an invalid token: returns the failed run. */
  async function failedButtonRun(senderId: string, payload = 'START', flowId = buttonFlowId): Promise<RunDetail> {
    await noSendsPending();
    await graph.fail({ error: 'invalid_token', pathContains: '/messages', count: 1 });
    expect((await meta.postback({ igUserId: tenant.igUserId, senderId, payload })).status).toBe(200);
    const [row] = await waitFor(
      () =>
        queryDatabase<{ id: string }>(
          database.url,
          'SELECT r.id FROM flow_runs r JOIN contacts c ON c.id = r.contact_id WHERE r.flow_id = $1 AND c.ig_user_id = $2',
          [flowId, senderId],
        ),
      (rows) => rows.length === 1,
      20_000,
      'the run to start',
    );
    return runReaching(row.id, 'failed');
  }

  beforeAll(async () => {
    guideFlowId = (await publishFlow(database.url, tenant, 'Guide', dmQuestionFlow('guide'))).flowId;
    buttonFlowId = (await publishFlow(database.url, tenant, 'Start button', postbackFlow('START'))).flowId;
  });

  it('records each node a lead-gen run went through, the port it left by, and the effects made there', async () => {
    const reader = person('igsid-history');
    const runId = await reader.start('guide');
    expect(await reader.say('not an email')).toBe(`answered:${runId}`);
    await reader.say('ann@gmail.com');
    const run = await runReaching(runId, 'completed');

    expect(run.steps.map((step) => [step.node_id, step.node_type, step.exit_port])).toEqual([
      ['trigger', 'trigger', 'next'],
      ['welcome', 'send_message', 'next'],
      ['ask_email', 'question', 'answered'],
      ['is_gmail', 'condition', 'true'],
      ['tag_vip', 'tag', 'next'],
      ['wait', 'delay', 'next'],
      ['thanks', 'send_message', 'next'],
      ['end', 'end', null],
    ]);
    for (const step of run.steps) expect(step.exited_at !== null && step.exited_at >= step.entered_at).toBe(true);
    const effectsAt = (nodeId: string) =>
      run.steps.find((step) => step.node_id === nodeId)?.effects.map((effect) => [effect.type, effect.status, effect.attempts]);
    expect(effectsAt('ask_email')).toEqual([
      ['send_message', 'done', 1],
      ['send_message', 'done', 1],
      ['emit_event', 'done', 1],
    ]);
    expect(effectsAt('wait')).toEqual([['schedule_timer', 'done', 1]]);
    expect(effectsAt('end')).toEqual([['emit_event', 'done', 1]]);
    expect(effectsAt('is_gmail')).toEqual([]);
    expect(run).toMatchObject({ error: null, failed_node_id: null, retry_of_run_id: null });

    const list = await readJson(await api(`/v1/runs?flow_id=${guideFlowId}`, tenant.apiKey));
    expect(list.data.find((listed: { id: string }) => listed.id === runId)).not.toHaveProperty('steps');
  });

  it('a send that gives up fails the run at its node; retried from that step it is sent exactly once and the run completes', async () => {
    const failed = await failedButtonRun('igsid-retry');
    expect(failed.error).toMatch(/^send_message at node hello failed: invalid_token: /);
    expect(failed.failed_node_id).toBe('hello');
    const effects = Object.fromEntries(failed.steps.map((step) => [step.node_id, step.effects]));
    expect(effects.hello).toEqual([
      expect.objectContaining({
        type: 'send_message',
        status: 'failed',
        attempts: 1,
        last_error: expect.stringContaining('invalid_token'),
      }),
    ]);
    // The machine had reached the end, but its flow_completed event is held back: the flow did not do its job.
    expect(effects.end).toEqual([expect.objectContaining({ type: 'emit_event', status: 'skipped', attempts: 0 })]);
    expect(await delivered('igsid-retry')).toEqual([]);

    const otherAccount = await retry(failed.id, {}, other.apiKey);
    expect(otherAccount.status).toBe(404);
    expect((await readJson(otherAccount)).error.code).toBe('run_not_found');
    expect((await api(`/v1/runs/${failed.id}`, other.apiKey)).status).toBe(404);

    const response = await retry(failed.id, { from: 'failed_step' });
    expect(response.status).toBe(200);
    const resumed: RunDetail = await readJson(response);
    expect(resumed).toMatchObject({ id: failed.id, status: 'completed', error: null, failed_node_id: null });
    const done = await runReaching(failed.id, 'completed');
    expect(done.steps.flatMap((step) => step.effects.map((effect) => effect.status))).toEqual(['done', 'done']);
    expect(await delivered('igsid-retry')).toHaveLength(1);

    const again = await retry(failed.id);
    expect(again.status).toBe(409);
    expect((await readJson(again)).error.code).toBe('run_not_failed');
  });

  it('two retries at once make one: from the failed step, and from the start', async () => {
    const fromStep = await failedButtonRun('igsid-twice-step');
    const stepRaces = await Promise.all([retry(fromStep.id), retry(fromStep.id)]);
    expect(stepRaces.map((response) => response.status).sort()).toEqual([200, 409]);
    await runReaching(fromStep.id, 'completed');
    expect(await delivered('igsid-twice-step')).toHaveLength(1);

    const fromStart = await failedButtonRun('igsid-twice-start');
    const startRaces = await Promise.all([retry(fromStart.id, { from: 'start' }), retry(fromStart.id, { from: 'start' })]);
    expect(startRaces.map((response) => response.status).sort()).toEqual([200, 409]);
    const retries = await queryDatabase<{ id: string }>(database.url, 'SELECT id FROM flow_runs WHERE retry_of_run_id = $1', [
      fromStart.id,
    ]);
    expect(retries).toHaveLength(1);
    await runReaching(retries[0].id, 'completed');
    expect(await delivered('igsid-twice-start')).toHaveLength(1);
  });

  it('retries from the start on the currently published version, for the same contact, once, even when the trigger runs once per user', async () => {
    const { flowId } = await publishFlow(database.url, tenant, 'Again button', postbackFlow('AGAIN'));
    const failed = await failedButtonRun('igsid-restart', 'AGAIN', flowId);

    const flow = await readJson(await api(`/v1/flows/${flowId}`, tenant.apiKey));
    const v2: FlowGraph = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [
        trigger({ source: 'postback', payload: 'AGAIN', oncePerUser: true }),
        node('hello', 'send_message', text('Version 2 says hello')),
        node('end', 'end', {}),
      ],
      edges: chain('trigger', 'hello', 'end'),
    };
    expect(
      (await api(`/v1/flows/${flowId}`, tenant.apiKey, { method: 'PATCH', body: JSON.stringify({ revision: flow.revision, draft: v2 }) }))
        .status,
    ).toBe(200);
    const published = await readJson(await api(`/v1/flows/${flowId}/publish`, tenant.apiKey, { method: 'POST' }));

    const response = await retry(failed.id, { from: 'start' });
    expect(response.status).toBe(200);
    const restarted: RunDetail = await readJson(response);
    expect(restarted.id).not.toBe(failed.id);
    expect(restarted).toMatchObject({ flow_version_id: published.id, retry_of_run_id: failed.id });
    await runReaching(restarted.id, 'completed');
    expect((await delivered('igsid-restart')).map((call) => (call.body as { message: { text: string } }).message.text)).toEqual([
      'Version 2 says hello',
    ]);
    expect((await getRun(failed.id)).status).toBe('failed');

    const second = await retry(failed.id, { from: 'start' });
    expect(second.status).toBe(409);
    expect((await readJson(second)).error.code).toBe('run_already_retried');
  });

  it('a run that failed inside the flow cannot resume from its step; from the start it can', async () => {
    const reader = person('igsid-broken');
    const runId = await reader.start('guide');
    await runReaching(runId, 'waiting');
    await queryDatabase(database.url, `UPDATE flow_runs SET snapshot = jsonb_set(snapshot, '{value}', '"no_such_node"') WHERE id = $1`, [
      runId,
    ]);
    await reader.say('me@example.com');
    const failed = await runReaching(runId, 'failed');
    expect(failed).toMatchObject({ failed_node_id: 'ask_email', error: expect.stringContaining('no_such_node') });
    // The run stopped at the question: its step stays open.
    expect(failed.steps.at(-1)).toMatchObject({ node_id: 'ask_email', exited_at: null, exit_port: null });

    const resume = await retry(runId);
    expect(resume.status).toBe(409);
    const error = (await readJson(resume)).error;
    expect(error.code).toBe('run_not_resumable');
    expect(error.message).toContain('"from":"start"');

    const restarted = await readJson(await retry(runId, { from: 'start' }));
    const waiting = await runReaching(restarted.id, 'waiting');
    expect(waiting.steps.map((step) => [step.node_id, step.exited_at === null])).toEqual([
      ['trigger', false],
      ['welcome', false],
      ['ask_email', true],
    ]);
  });

  it('a retried send in doubt is asked about at Instagram first: not there, it is sent once', async () => {
    await noSendsPending();
    await graph.fail({ error: 'invalid_token', pathContains: '/messages', count: 1 });
    const reader = person('igsid-doubt');
    const runId = await reader.start('guide');
    const failed = await runReaching(runId, 'failed');
    expect(failed.failed_node_id).toBe('welcome');
    expect(failed.steps.find((step) => step.node_id === 'ask_email')?.effects.map((effect) => effect.status)).toEqual(['skipped']);

    // As after a crash in the middle of the Graph API call: the send's claim was left "sending".
    await queryDatabase(
      database.url,
      `INSERT INTO outbound_sends (idempotency_key, instagram_account_id, status) SELECT effect_key, $2, 'sending' FROM run_effects WHERE id = (SELECT failed_effect_id FROM flow_runs WHERE id = $1)`,
      [runId, tenant.instagramAccountId],
    );
    const resumed = await retry(runId);
    expect(resumed.status).toBe(200);
    // The conversation does not show it (Meta refused the first try): it is sent, once the claim has settled.
    await runReaching(runId, 'waiting');
    expect((await delivered('igsid-doubt')).length).toBe(2);
    const lookups = (await graph.calls()).filter((call) => call.method === 'GET' && call.path.endsWith('/conversations'));
    expect(lookups.length).toBeGreaterThan(0);
  });

  it('never reopens a run while the contact has another open run of the flow', async () => {
    await noSendsPending();
    await graph.fail({ error: 'invalid_token', pathContains: '/messages', count: 1 });
    const reader = person('igsid-reopen');
    const runId = await reader.start('guide');
    await runReaching(runId, 'failed');

    const openRunId = await reader.start('guide');
    for (const from of ['failed_step', 'start']) {
      const response = await retry(runId, { from });
      expect(response.status).toBe(409);
      const body = await readJson(response);
      expect(body.error.code).toBe('run_in_progress');
      expect(body.error.message).toContain(openRunId);
    }
    expect((await getRun(runId)).status).toBe('failed');
  });

  it('validates the retry request', async () => {
    const failed = await failedButtonRun('igsid-validate');
    const badFrom = await retry(failed.id, { from: 'middle' });
    expect(badFrom.status).toBe(400);
    expect((await readJson(badFrom)).error).toMatchObject({
      code: 'validation_failed',
      details: [expect.objectContaining({ field: 'from' })],
    });
    expect((await retry('not-a-uuid')).status).toBe(400);
    const unknown = await retry('00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).error.code).toBe('run_not_found');
  });
});
