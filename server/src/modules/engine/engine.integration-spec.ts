import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { leadGenFlow } from '@dmflow/shared/testing';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { AccountServices, createContact, createPublishedFlow, EngineFixture } from '../../../test/support/engine-fixtures';
import { SpecGraphSandbox, startGraphSandboxForSpecs } from '../../../test/support/graph-sandbox';
import { startEngineApp } from '../../../test/support/engine-app';
import { createMigratedTestDatabase, MigratedTestDatabase, useTestEnvironment } from '../../../test/support/test-database';
import { waitUntil } from '../../../test/support/wait-until';
import { EngineService } from './engine.service';
import { FlowRun } from './entities/flow-run.entity';
import type { RunRetries } from '../runs/run-retries';
import type { RunsService } from '../runs/runs.service';

describe('EngineService against Postgres and Redis', () => {
  let database: MigratedTestDatabase;
  let graph: SpecGraphSandbox;
  let engine: EngineService;
  let dataSource: DataSource;
  let fixture: EngineFixture;
  let close: () => Promise<void>;
  let moduleAccounts: () => AccountServices;
  let retries: RunRetries;
  let runs: RunsService;

  const run = (id: string) => dataSource.manager.findOneByOrFail(FlowRun, { id });
  const pendingEffects = async (runId: string) =>
    Number((await dataSource.query(`SELECT count(*) FROM run_effects WHERE run_id = $1 AND status = 'pending'`, [runId]))[0].count);
  const drained = (runId: string) => waitUntil(async () => (await pendingEffects(runId)) === 0, 15_000, 'outbox drained');
  const sentTo = (igUserId: string) =>
    graph.calls().filter((request) => JSON.stringify(request.body.recipient) === JSON.stringify({ id: igUserId }));

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    graph = await startGraphSandboxForSpecs();
    useTestEnvironment(database.url, { META_GRAPH_URL: graph.graphUrl, FLOWS_ALLOW_PRIVATE_URLS: 'true' });
    const { RunRetries } = await import('../runs/run-retries');
    const { RunsService } = await import('../runs/runs.service');
    const app = await startEngineApp(database.url);
    engine = app.get(EngineService);
    retries = app.get(RunRetries);
    runs = app.get(RunsService);
    dataSource = app.get(DataSource);
    moduleAccounts = () => ({ accounts: app.get(AccountsService), instagramAccounts: app.get(InstagramAccountsService) });
    fixture = await createPublishedFlow(dataSource, moduleAccounts(), leadGenFlow({ delaySeconds: 1 }));
    close = () => app.close();
  });

  afterAll(async () => {
    await close?.();
    await graph?.close();
    await database?.drop();
  });

  it('drives trigger → message → question(email, 3 attempts) → condition → tag → delay → message → end, with two invalid answers', async () => {
    const contactId = await createContact(dataSource, fixture, '2358708294634624', 'user123');
    const started = await engine.startRun({
      flowVersionId: fixture.flowVersionId,
      contactId,
      trigger: { kind: 'dm', text: 'guide' },
      at: new Date('2026-04-29T17:11:00Z'),
    });
    expect(started.started).toBe(true);
    const runId = started.started ? started.runId : '';

    await drained(runId);
    let current = await run(runId);
    expect(current).toMatchObject({ status: 'waiting', currentNodeId: 'ask_email', version: 1 });
    expect(current.snapshot).toMatchObject({
      status: 'active',
      value: 'ask_email',
      context: { node: { nodeId: 'ask_email', attempts: 0 }, variables: {} },
    });
    expect(sentTo('2358708294634624').map((request) => request.body.message)).toEqual([
      { text: 'Hi user123! Here is the guide.' },
      { text: "What's your email?" },
    ]);

    for (const [index, text] of ['not an email', 'still@wrong'].entries()) {
      const outcome = await engine.deliverMessage(contactId, { text, at: new Date('2026-04-29T17:11:30Z') });
      expect(outcome).toEqual({ delivered: true, runId, consumed: true });
      await drained(runId);
      current = await run(runId);
      expect(current).toMatchObject({ status: 'waiting', currentNodeId: 'ask_email', version: 2 + index });
      expect(current.snapshot.context.node.attempts).toBe(index + 1);
    }
    expect(
      sentTo('2358708294634624')
        .slice(2)
        .map((request) => request.body.message),
    ).toEqual([
      { text: "That does not look like an email.\n\nWhat's your email?" },
      { text: "That does not look like an email.\n\nWhat's your email?" },
    ]);

    await engine.deliverMessage(contactId, { text: 'User@Gmail.com', at: new Date('2026-04-29T17:11:59Z') });
    await drained(runId);
    current = await run(runId);
    expect(current).toMatchObject({ status: 'waiting', currentNodeId: 'wait', version: 4 });
    expect(current.snapshot.context.variables).toEqual({ email: 'user@gmail.com' });
    expect(current.snapshot.context.tags).toEqual(['lead', 'vip']);

    await waitUntil(async () => (await run(runId)).status === 'completed', 15_000, 'the delay to fire and the run to complete');
    await drained(runId);
    current = await run(runId);
    expect(current).toMatchObject({ status: 'completed', currentNodeId: 'end', version: 5 });
    expect(current.endedAt).toBeInstanceOf(Date);
    expect(sentTo('2358708294634624').at(-1)?.body.message).toEqual({ text: 'Thanks! We will write to user@gmail.com.' });

    const effects = await dataSource.query(`SELECT effect_type, node_id, status FROM run_effects WHERE run_id = $1 ORDER BY id`, [runId]);
    expect(effects).toEqual([
      { effect_type: 'send_message', node_id: 'welcome', status: 'done' },
      { effect_type: 'send_message', node_id: 'ask_email', status: 'done' },
      { effect_type: 'send_message', node_id: 'ask_email', status: 'done' },
      { effect_type: 'send_message', node_id: 'ask_email', status: 'done' },
      { effect_type: 'emit_event', node_id: 'ask_email', status: 'done' },
      { effect_type: 'schedule_timer', node_id: 'wait', status: 'done' },
      { effect_type: 'send_message', node_id: 'thanks', status: 'done' },
      { effect_type: 'emit_event', node_id: 'end', status: 'done' },
    ]);

    // Step history: every node in order with the port it left by; the end step closes when the run completes.
    const steps = await dataSource.query(
      `SELECT ordinal, node_id, node_type, exit_port, exited_at IS NOT NULL AS closed FROM run_steps WHERE run_id = $1 ORDER BY ordinal`,
      [runId],
    );
    expect(steps.map((step: { node_id: string; exit_port: string | null }) => [step.node_id, step.exit_port])).toEqual([
      ['trigger', 'next'],
      ['welcome', 'next'],
      ['ask_email', 'answered'],
      ['is_gmail', 'true'],
      ['tag_vip', 'next'],
      ['wait', 'next'],
      ['thanks', 'next'],
      ['end', null],
    ]);
    expect(steps.every((step: { closed: boolean }) => step.closed)).toBe(true);
    expect(steps.map((step: { node_type: string }) => step.node_type)).toEqual([
      'trigger',
      'send_message',
      'question',
      'condition',
      'tag',
      'delay',
      'send_message',
      'end',
    ]);
    // Each effect is filed under the step that made it: the re-asks and the answer event under the question's step.
    const filed = await dataSource.query(`SELECT node_id, step_ordinal FROM run_effects WHERE run_id = $1 ORDER BY id`, [runId]);
    expect(filed.map((effect: { node_id: string; step_ordinal: number }) => `${effect.node_id}@${effect.step_ordinal}`)).toEqual([
      'welcome@2',
      'ask_email@3',
      'ask_email@3',
      'ask_email@3',
      'ask_email@3',
      'wait@6',
      'thanks@7',
      'end@8',
    ]);

    const events = await dataSource.query(
      `SELECT event_type, ordering_key, payload FROM webhook_events WHERE account_id = $1 ORDER BY sequence`,
      [fixture.accountId],
    );
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({
      event_type: 'question_answered',
      ordering_key: `contact:${contactId}`,
      payload: {
        flow_id: fixture.flowId,
        sender_id: '2358708294634624',
        sender_username: 'user123',
        question: "What's your email?",
        question_type: 'email',
        custom_variable_name: 'email',
        user_response: 'User@Gmail.com',
        skip: false,
        attempt_no: '3',
        timestamp: '2026-04-29 17:11:59',
      },
    });
    expect(events[1].event_type).toBe('flow_completed');
    expect(events[1].payload).toEqual({
      flow_id: fixture.flowId,
      flow_name: 'Lead Gen Flow',
      sender_id: '2358708294634624',
      sender_username: 'user123',
      completed_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      tags: ['lead', 'vip'],
      response_variables: { email: 'user@gmail.com' },
    });

    const [contact] = await dataSource.query(`SELECT tags, variables FROM contacts WHERE id = $1`, [contactId]);
    expect(contact).toEqual({ tags: ['lead', 'vip'], variables: { email: 'user@gmail.com' } });
  });

  it('refuses a send outside the 24-hour messaging window without calling Instagram: the effect records why, the run fails there', async () => {
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
    const contactId = await createContact(dataSource, fixture, '2358700000000048', 'late_reader', twoDaysAgo);
    const started = await engine.startRun({ flowVersionId: fixture.flowVersionId, contactId, trigger: { kind: 'dm', text: 'guide' } });
    const runId = started.started ? started.runId : '';
    await drained(runId);
    expect(sentTo('2358700000000048')).toEqual([]);
    const [welcome] = await dataSource.query(`SELECT status, last_error FROM run_effects WHERE run_id = $1 AND node_id = 'welcome'`, [
      runId,
    ]);
    expect(welcome.status).toBe('failed');
    expect(welcome.last_error).toContain('messaging_window_closed');
    // The run stops at the failed send; the question it had already asked is not sent (skipped, for a retry).
    expect(await run(runId)).toMatchObject({
      status: 'failed',
      failedNodeId: 'welcome',
      error: expect.stringMatching(/^send_message at node welcome failed: messaging_window_closed/),
    });
    const [ask] = await dataSource.query(`SELECT status FROM run_effects WHERE run_id = $1 AND node_id = 'ask_email'`, [runId]);
    expect(ask.status).toBe('skipped');
  });

  it('a run retried from its failed step waits again for the question timeout that fired while it was failed', async () => {
    const node = (id: string, type: string, config: Record<string, unknown>) => ({ id, type, position: { x: 0, y: 0 }, data: { config } });
    const question = {
      questionType: 'number',
      text: 'How many?',
      variable: 'count',
      choices: [],
      invalidMessage: 'A number, please.',
      maxAttempts: 3,
      allowSkip: false,
      skipLabel: 'Skip',
      timeoutSeconds: 1,
    };
    const timed: FlowGraph = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [
        node('t', 'trigger', {
          source: 'dm_keyword',
          keywordMatch: 'any',
          keywords: ['count'],
          oncePerUser: false,
          postScope: 'any',
          storyScope: 'any',
        }),
        node('ask', 'question', question),
        node('late', 'tag', { action: 'add', tags: ['late'] }),
        node('end', 'end', {}),
      ],
      edges: [
        { id: 'e1', source: 't', sourceHandle: 'next', target: 'ask' },
        { id: 'e2', source: 'ask', sourceHandle: 'answered', target: 'end' },
        { id: 'e3', source: 'ask', sourceHandle: 'invalid', target: 'end' },
        { id: 'e4', source: 'ask', sourceHandle: 'timeout', target: 'late' },
        { id: 'e5', source: 'late', sourceHandle: 'next', target: 'end' },
      ],
    };
    const timedFlow = await createPublishedFlow(dataSource, moduleAccounts(), timed, 'Timed question');
    const contactId = await createContact(dataSource, timedFlow, '1000000000000030');
    const started = await engine.startRun({ flowVersionId: timedFlow.flowVersionId, contactId, trigger: { kind: 'dm', text: 'count' } });
    await drained(started.runId);

    // The re-ask goes out after the messaging window closed: the run fails at the question, its timer still due.
    await dataSource.query(`UPDATE contacts SET last_inbound_at = now() - interval '2 days' WHERE id = $1`, [contactId]);
    await engine.deliverMessage(contactId, { text: 'many' });
    await waitUntil(async () => (await run(started.runId)).status === 'failed', 15_000, 'the run to fail');
    expect(await run(started.runId)).toMatchObject({ failedNodeId: 'ask', error: expect.stringContaining('messaging_window_closed') });
    // Let the 1 s timeout come due while the run is failed: the timer job finds nothing to do.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await run(started.runId)).status).toBe('failed');

    await dataSource.query(`UPDATE contacts SET last_inbound_at = now() WHERE id = $1`, [contactId]);
    // The re-armed timer is already due, so on a loaded machine it may end the run before the retry reads it back.
    const retried = await retries.retry(timedFlow.accountId, started.runId, 'failed_step');
    expect(retried).toMatchObject({ error: null });
    expect(['waiting', 'completed']).toContain(retried.status);
    await waitUntil(async () => (await run(started.runId)).status === 'completed', 15_000, 'the re-armed timeout to end the run');
    // The timer may end the run before the worker has sent the re-ask the retry queued: wait for the outbox, not a clock.
    await drained(started.runId);
    expect((await run(started.runId)).snapshot.context.tags).toEqual(['late']);
    expect(sentTo('1000000000000030').map((request) => request.body.message)).toEqual([
      { text: 'How many?' },
      { text: 'A number, please.\n\nHow many?' },
    ]);
  });

  it('keeps the open run when the same flow triggers again for the contact, and starts anew after it ends', async () => {
    const contactId = await createContact(dataSource, fixture, '1000000000000002');
    const first = await engine.startRun({ flowVersionId: fixture.flowVersionId, contactId, trigger: { kind: 'dm', text: 'guide' } });
    const second = await engine.startRun({ flowVersionId: fixture.flowVersionId, contactId, trigger: { kind: 'dm', text: 'guide again' } });
    expect(first.started).toBe(true);
    expect(second).toEqual({ started: false, reason: 'run_in_progress', runId: first.runId });

    const racing = await Promise.all(
      [1, 2, 3].map(() => engine.startRun({ flowVersionId: fixture.flowVersionId, contactId, trigger: { kind: 'dm', text: 'x' } })),
    );
    expect(racing.every((outcome) => !outcome.started && outcome.runId === first.runId)).toBe(true);

    await drained(first.runId);
    await engine.deliverMessage(contactId, { text: 'a' });
    await engine.deliverMessage(contactId, { text: 'b' });
    await engine.deliverMessage(contactId, { text: 'c' });
    await drained(first.runId);
    expect(await run(first.runId)).toMatchObject({ status: 'completed', currentNodeId: 'end' });

    const third = await engine.startRun({ flowVersionId: fixture.flowVersionId, contactId, trigger: { kind: 'dm', text: 'guide' } });
    expect(third.started).toBe(true);
    expect(third.runId).not.toBe(first.runId);
  });

  it('ignores a stale timer and a message for a contact with no open run', async () => {
    const contactId = await createContact(dataSource, fixture, '1000000000000003');
    const started = await engine.startRun({ flowVersionId: fixture.flowVersionId, contactId, trigger: { kind: 'dm', text: 'guide' } });
    await drained(started.runId);
    const before = await run(started.runId);
    await engine.fireTimer(started.runId, `${started.runId}:wait:999`);
    expect(await run(started.runId)).toMatchObject({ version: before.version, currentNodeId: 'ask_email' });

    const stranger = await createContact(dataSource, fixture, '1000000000000004');
    expect(await engine.deliverMessage(stranger, { text: 'hello' })).toEqual({ delivered: false });
  });

  it('asks the Graph API at a follow gate and feeds an HTTP response back into the run', async () => {
    const node = (id: string, type: string, config: Record<string, unknown>) => ({ id, type, position: { x: 0, y: 0 }, data: { config } });
    const gated: FlowGraph = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [
        node('t', 'trigger', {
          source: 'dm_keyword',
          keywordMatch: 'any',
          keywords: ['gift'],
          oncePerUser: true,
          postScope: 'any',
          storyScope: 'any',
        }),
        node('gate', 'follow_gate', { whenUnknown: 'not_following' }),
        node('crm', 'http_request', {
          method: 'POST',
          url: `${graph.url}/crm/leads`,
          headers: [{ name: 'X-Source', value: '{{contact.username}}' }],
          body: '{"ig":"{{contact.id}}"}',
          timeoutSeconds: 5,
          saveResponse: [{ path: 'lead.id', variable: 'crm_id' }],
        }),
        node('end', 'end', {}),
      ],
      edges: [
        { id: 'e1', source: 't', sourceHandle: 'next', target: 'gate' },
        { id: 'e2', source: 'gate', sourceHandle: 'follows', target: 'crm' },
        { id: 'e3', source: 'gate', sourceHandle: 'not_following', target: 'end' },
        { id: 'e4', source: 'crm', sourceHandle: 'success', target: 'end' },
        { id: 'e5', source: 'crm', sourceHandle: 'error', target: 'end' },
      ],
    };
    const gatedFlow = await createPublishedFlow(dataSource, moduleAccounts(), gated, 'Gift');
    const followerId = await createContact(dataSource, gatedFlow, '1000000000000010', 'fan');
    const strangerId = await createContact(dataSource, gatedFlow, '1000000000000011', 'stranger');
    await graph.setProfile({ id: '1000000000000010', is_user_follow_business: true });
    await graph.setProfile({ id: '1000000000000011', is_user_follow_business: false });
    await graph.answer({ pathContains: '/crm/', status: 200, body: { lead: { id: 'crm-1' } } });

    const follower = await engine.startRun({
      flowVersionId: gatedFlow.flowVersionId,
      contactId: followerId,
      trigger: { kind: 'dm', text: 'gift' },
    });
    const stranger = await engine.startRun({
      flowVersionId: gatedFlow.flowVersionId,
      contactId: strangerId,
      trigger: { kind: 'dm', text: 'gift' },
    });
    await waitUntil(
      async () => (await run(follower.runId)).status === 'completed' && (await run(stranger.runId)).status === 'completed',
      15_000,
      'both runs to complete',
    );

    expect((await run(follower.runId)).snapshot.context.variables).toEqual({ crm_id: expect.stringMatching(/^crm-\d+$/) });
    expect((await run(stranger.runId)).snapshot.context.variables).toEqual({});
    const crmCalls = graph.calls().filter((request) => request.path === '/crm/leads');
    expect(crmCalls).toHaveLength(1);
    expect(crmCalls[0]).toMatchObject({
      method: 'POST',
      body: { ig: '1000000000000010' },
      headers: { 'x-source': 'fan', 'idempotency-key': expect.stringMatching(new RegExp(`^${follower.runId}:`)) },
    });

    // The trigger fires once per user: a second trigger after the run ended starts nothing.
    expect(
      await engine.startRun({ flowVersionId: gatedFlow.flowVersionId, contactId: followerId, trigger: { kind: 'dm', text: 'gift' } }),
    ).toEqual({
      started: false,
      reason: 'already_ran',
      runId: follower.runId,
    });
  });

  it('gives a message to the run waiting for an answer, not to a more recent run parked at a delay; cancels and fails runs', async () => {
    const node = (id: string, type: string, config: Record<string, unknown>) => ({ id, type, position: { x: 0, y: 0 }, data: { config } });
    const parked: FlowGraph = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [
        node('t', 'trigger', {
          source: 'dm_keyword',
          keywordMatch: 'every',
          keywords: [],
          oncePerUser: false,
          postScope: 'any',
          storyScope: 'any',
        }),
        node('wait', 'delay', { amount: 1, unit: 'hours' }),
        node('end', 'end', {}),
      ],
      edges: [
        { id: 'e1', source: 't', sourceHandle: 'next', target: 'wait' },
        { id: 'e2', source: 'wait', sourceHandle: 'next', target: 'end' },
      ],
    };
    const parkedFlowId = (
      await dataSource.query(
        `INSERT INTO flows (account_id, instagram_account_id, name, draft) VALUES ($1, $2, 'Parked', $3) RETURNING id`,
        [fixture.accountId, fixture.instagramAccountId, JSON.stringify(parked)],
      )
    )[0].id;
    const parkedVersionId = (
      await dataSource.query(`INSERT INTO flow_versions (flow_id, version, graph) VALUES ($1, 1, $2) RETURNING id`, [
        parkedFlowId,
        JSON.stringify(parked),
      ])
    )[0].id;

    const contactId = await createContact(dataSource, fixture, '1000000000000020');
    const asking = await engine.startRun({ flowVersionId: fixture.flowVersionId, contactId, trigger: { kind: 'dm', text: 'guide' } });
    await drained(asking.runId);
    const waiting = await engine.startRun({ flowVersionId: parkedVersionId, contactId, trigger: { kind: 'dm', text: 'hi' } });
    await drained(waiting.runId);
    expect((await run(waiting.runId)).updatedAt.getTime()).toBeGreaterThan((await run(asking.runId)).updatedAt.getTime());

    expect(await engine.deliverMessage(contactId, { text: 'me@example.com' })).toEqual({
      delivered: true,
      runId: asking.runId,
      consumed: true,
    });
    expect((await run(asking.runId)).snapshot.context.variables).toEqual({ email: 'me@example.com' });

    const cancelled = await runs.cancelRun(fixture.accountId, waiting.runId);
    expect(cancelled).toMatchObject({ status: 'cancelled', endedAt: expect.any(Date) });
    await expect(runs.cancelRun(fixture.accountId, waiting.runId)).rejects.toMatchObject({ code: 'run_not_open' });
    await expect(runs.getRun('00000000-0000-0000-0000-000000000000', waiting.runId)).rejects.toMatchObject({ code: 'run_not_found' });
    await engine.fireTimer(waiting.runId, cancelled.snapshot.context.node.timerId as string);
    expect(await run(waiting.runId)).toMatchObject({ status: 'cancelled', version: cancelled.version });

    // A snapshot the machine cannot resume fails the run instead of retrying for ever.
    const broken = await createContact(dataSource, fixture, '1000000000000021');
    const brokenRun = await engine.startRun({
      flowVersionId: fixture.flowVersionId,
      contactId: broken,
      trigger: { kind: 'dm', text: 'guide' },
    });
    await dataSource.query(`UPDATE flow_runs SET snapshot = jsonb_set(snapshot, '{value}', '"no_such_node"') WHERE id = $1`, [
      brokenRun.runId,
    ]);
    expect(await engine.deliverMessage(broken, { text: 'x@y.zz' })).toEqual({ delivered: false });
    expect(await run(brokenRun.runId)).toMatchObject({
      status: 'failed',
      error: expect.stringContaining('no_such_node'),
      failedNodeId: 'ask_email',
      failedEffectId: null,
      endedAt: expect.any(Date),
    });
  });
});
