import { flow } from '@dmflow/shared/testing';
import { GraphSandboxClient } from '@dmflow/sandbox';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { createContact, createPublishedFlow, EngineFixture } from '../../../test/support/engine-fixtures';
import { SpecGraphSandbox, startGraphSandboxForSpecs } from '../../../test/support/graph-sandbox';
import { startEngineApp } from '../../../test/support/engine-app';
import { createMigratedTestDatabase, MigratedTestDatabase, useTestEnvironment } from '../../../test/support/test-database';
import { waitUntil } from '../../../test/support/wait-until';
import type { RunsService } from '../runs/runs.service';
import { EngineService } from './engine.service';

type Effects = Array<{ effect_key: string; status: string; claim_id: string | null; last_error: string | null; send: string | null }>;

const message = (text: string) => ({ kind: 'text', text, buttons: [], cards: [], quickReplies: [] });

/**
 * A send costs two commits: the effect's claim with the send's `outbound_sends` claim before Meta is called, and the
 * send's record with the effect's, which also claims the run's next effect. These specs read those boundaries from
 * Postgres while a call is in flight, and what becomes of a send whose record fails or whose run is cancelled.
 */
describe('effect transactions around a send', () => {
  let database: MigratedTestDatabase;
  let graph: SpecGraphSandbox;
  let control: GraphSandboxClient;
  let engine: EngineService;
  let runs: RunsService;
  let dataSource: DataSource;
  let fixture: EngineFixture;
  let handingOver: EngineFixture;
  let close: () => Promise<void>;
  let contacts = 0;

  const sendsTo = (igUserId: string) =>
    graph
      .calls()
      .filter((call) => call.path.endsWith('/messages') && JSON.stringify(call.body.recipient) === JSON.stringify({ id: igUserId }));
  const effectsOf = (runId: string) =>
    dataSource.query<Effects>(
      `SELECT effect.effect_key, effect.status, effect.claim_id, effect.last_error, send.status AS send
         FROM run_effects effect LEFT JOIN outbound_sends send ON send.idempotency_key = effect.effect_key
        WHERE effect.run_id = $1 AND effect.effect_type = 'send_message' ORDER BY effect.id`,
      [runId],
    );
  /** The effects as they are when `holds` first does. */
  const effectsWhen = async (runId: string, holds: (effects: Effects) => boolean, what: string) => {
    let effects: Effects = [];
    await waitUntil(async () => holds((effects = await effectsOf(runId))), 15_000, what);
    return effects;
  };
  const start = async (of: EngineFixture = fixture) => {
    const igUserId = `30000000000000${++contacts}`;
    const contactId = await createContact(dataSource, of, igUserId);
    const { runId } = await engine.startRun({ flowVersionId: of.flowVersionId, contactId, trigger: { kind: 'dm', text: 'go' } });
    return { igUserId, runId };
  };

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    graph = await startGraphSandboxForSpecs();
    control = new GraphSandboxClient(graph.url);
    useTestEnvironment(database.url, { META_GRAPH_URL: graph.graphUrl });
    const { RunsService } = await import('../runs/runs.service');
    const app = await startEngineApp(database.url);
    engine = app.get(EngineService);
    runs = app.get(RunsService);
    dataSource = app.get(DataSource);
    // Two sends, then a wait that keeps the run open (so it can be cancelled).
    const graphOfTwoSends = flow()
      .node('trigger', 'trigger', { source: 'dm_keyword', keywordMatch: 'every', keywords: [] })
      .node('first', 'send_message', message('First message'))
      .node('second', 'send_message', message('Second message'))
      .node('wait', 'delay', { amount: 1, unit: 'hours' })
      .node('end', 'end')
      .chain('trigger', 'first', 'second', 'wait', 'end')
      .build();
    fixture = await createPublishedFlow(
      dataSource,
      { accounts: app.get(AccountsService), instagramAccounts: app.get(InstagramAccountsService) },
      graphOfTwoSends,
    );
    // A send, then a hand-over to a flow that does not exist: that effect is refused in the send's record transaction.
    handingOver = await createPublishedFlow(
      dataSource,
      { accounts: app.get(AccountsService), instagramAccounts: app.get(InstagramAccountsService) },
      flow()
        .node('trigger', 'trigger', { source: 'dm_keyword', keywordMatch: 'every', keywords: [] })
        .node('first', 'send_message', message('Before the hand-over'))
        .node('hand_over', 'start_flow', { flowId: '00000000-0000-4000-8000-000000000000' })
        .chain('trigger', 'first', 'hand_over')
        .build(),
      'Hands over',
    );
    close = () => app.close();
  });

  afterEach(async () => {
    await control.clearFailures();
    await dataSource.query('DROP TRIGGER IF EXISTS refuse_second_message ON conversation_messages');
  });

  afterAll(async () => {
    await close?.();
    await graph?.close();
    await database?.drop();
  });

  it('commits the next send claim with the previous send record, both before the next call', async () => {
    await control.fail({ pathContains: '/messages', latencyMs: 3_000 });
    const { igUserId, runId } = await start();

    // One read of both effects: whenever the first send is recorded, the second is claimed (effect and send) in the
    // same commit, while its call is still in flight.
    const [first, second] = await effectsWhen(runId, (effects) => effects[0]?.status === 'done', 'the first send recorded');
    expect(first).toMatchObject({ status: 'done', claim_id: null, send: 'sent' });
    expect(second).toMatchObject({ status: 'pending', claim_id: expect.any(String), send: 'sending' });

    await waitUntil(async () => (await effectsOf(runId)).every((effect) => effect.status === 'done'), 15_000, 'both sends recorded');
    expect((await effectsOf(runId)).map((effect) => effect.send)).toEqual(['sent', 'sent']);
    expect(sendsTo(igUserId).map((call) => (call.body.message as { text: string }).text)).toEqual(['First message', 'Second message']);
  });

  it('records a send whose effect record fails on its own, then records the effect without sending again', async () => {
    // A trigger refuses to store the second message in the conversation, so the transaction that records its send fails.
    await dataSource.query(`
      CREATE OR REPLACE FUNCTION refuse_second_message() RETURNS trigger AS $$
      BEGIN
        IF NEW.text = 'Second message' THEN RAISE EXCEPTION 'conversation store refused the message'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await dataSource.query(
      'CREATE TRIGGER refuse_second_message BEFORE INSERT ON conversation_messages FOR EACH ROW EXECUTE FUNCTION refuse_second_message()',
    );
    const { igUserId, runId } = await start();

    const [, second] = await effectsWhen(runId, (effects) => !!effects[1]?.last_error, 'the second record to fail');
    expect(second).toMatchObject({ status: 'pending', send: 'sent', last_error: expect.stringContaining('conversation store refused') });

    await dataSource.query('DROP TRIGGER refuse_second_message ON conversation_messages');
    await waitUntil(async () => (await effectsOf(runId))[1]?.status === 'done', 30_000, 'the retried effect recorded');
    expect(sendsTo(igUserId)).toHaveLength(2);
  });

  it('records as sent a send whose run was cancelled during the call, and drops its answer', async () => {
    await control.fail({ pathContains: '/messages', latencyMs: 3_000 });
    const { igUserId, runId } = await start();
    await waitUntil(async () => (await effectsOf(runId))[0]?.send === 'sending', 15_000, 'the first send claimed');

    const cancelled = await runs.cancelRun(fixture.accountId, runId);
    expect(cancelled.status).toBe('cancelled');

    const [first, second] = await effectsWhen(runId, (effects) => effects[0]?.send === 'sent', 'the send made during the cancel recorded');
    expect(first).toMatchObject({ status: 'failed', last_error: 'run cancelled', claim_id: null });
    expect(second).toMatchObject({ status: 'failed', send: null });
    expect(sendsTo(igUserId)).toHaveLength(1);
  });

  it("keeps a send's record when the next effect, taken in the same transaction, fails: that effect fails the run", async () => {
    const { igUserId, runId } = await start(handingOver);
    await waitUntil(
      async () =>
        (await dataSource.query<Array<{ status: string }>>('SELECT status FROM flow_runs WHERE id = $1', [runId]))[0]?.status === 'failed',
      15_000,
      'the run to fail at the hand-over',
    );
    const effects = await dataSource.query<Array<{ effect_type: string; status: string; last_error: string | null; send: string | null }>>(
      `SELECT effect.effect_type, effect.status, effect.last_error, send.status AS send
         FROM run_effects effect LEFT JOIN outbound_sends send ON send.idempotency_key = effect.effect_key
        WHERE effect.run_id = $1 ORDER BY effect.id`,
      [runId],
    );
    expect(effects).toEqual([
      { effect_type: 'send_message', status: 'done', last_error: null, send: 'sent' },
      { effect_type: 'start_flow', status: 'failed', last_error: expect.stringContaining('flow_not_published'), send: null },
      { effect_type: 'emit_event', status: 'skipped', last_error: null, send: null },
    ]);
    expect(sendsTo(igUserId)).toHaveLength(1);
  });
});
