import { flow } from '@dmflow/shared/testing';
import { DataSource, EntityManager } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { createContact, createPublishedFlow, EngineFixture } from '../../../test/support/engine-fixtures';
import { SpecGraphSandbox, startGraphSandboxForSpecs } from '../../../test/support/graph-sandbox';
import { startEngineApp } from '../../../test/support/engine-app';
import { createMigratedTestDatabase, MigratedTestDatabase, useTestEnvironment } from '../../../test/support/test-database';
import { EngineService } from './engine.service';

const message = (text: string) => ({ kind: 'text', text, buttons: [], cards: [], quickReplies: [] });

/**
 * An inbox event's transaction writes a run's step and its effects; `takeEffectsWithin` claims the run's first send in
 * that same transaction (one commit fewer before Meta is called). These specs read what that transaction committed,
 * before anything runs after it, and what the drain that goes on from it does.
 */
describe('effects taken inside the transaction that wrote them', () => {
  let database: MigratedTestDatabase;
  let graph: SpecGraphSandbox;
  let engine: EngineService;
  let dataSource: DataSource;
  let twoSends: EngineFixture;
  let handingOver: EngineFixture;
  let close: () => Promise<void>;
  let contacts = 0;

  const textsSentTo = (igUserId: string) =>
    graph
      .calls()
      .filter((call) => call.path.endsWith('/messages') && JSON.stringify(call.body.recipient) === JSON.stringify({ id: igUserId }))
      .map((call) => (call.body.message as { text: string }).text);
  const effectsOf = (runId: string) =>
    dataSource.query<Array<{ effect_type: string; status: string; claimed: boolean; send: string | null; last_error: string | null }>>(
      `SELECT effect.effect_type, effect.status, effect.claim_id IS NOT NULL AS claimed, send.status AS send, effect.last_error
         FROM run_effects effect LEFT JOIN outbound_sends send ON send.idempotency_key = effect.effect_key
        WHERE effect.run_id = $1 ORDER BY effect.id`,
      [runId],
    );
  /** Starts a run of `fixture` in a transaction and runs `alongside` in it after the start; returns the run id. */
  const startWithin = async <T>(fixture: EngineFixture, alongside: (manager: EntityManager, runId: string) => Promise<T>) => {
    const igUserId = `31000000000000${++contacts}`;
    const contactId = await createContact(dataSource, fixture, igUserId);
    let runId = '';
    const result = await dataSource.transaction(async (manager) => {
      const { outcome, effectsPending } = await engine.startRunWithin(manager, {
        flowVersionId: fixture.flowVersionId,
        contactId,
        trigger: { kind: 'dm', text: 'go' },
      });
      expect(effectsPending).toBe(true);
      runId = outcome.runId;
      return alongside(manager, runId);
    });
    return { igUserId, runId, result };
  };

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    graph = await startGraphSandboxForSpecs();
    useTestEnvironment(database.url, { META_GRAPH_URL: graph.graphUrl });
    const app = await startEngineApp(database.url);
    engine = app.get(EngineService);
    dataSource = app.get(DataSource);
    const services = { accounts: app.get(AccountsService), instagramAccounts: app.get(InstagramAccountsService) };
    twoSends = await createPublishedFlow(
      dataSource,
      services,
      flow()
        .node('trigger', 'trigger', { source: 'dm_keyword', keywordMatch: 'every', keywords: [] })
        .node('first', 'send_message', message('First message'))
        .node('second', 'send_message', message('Second message'))
        .node('end', 'end')
        .chain('trigger', 'first', 'second', 'end')
        .build(),
    );
    // The run's first effect is refused when it is executed: a hand-over to a flow that does not exist.
    handingOver = await createPublishedFlow(
      dataSource,
      services,
      flow()
        .node('trigger', 'trigger', { source: 'dm_keyword', keywordMatch: 'every', keywords: [] })
        .node('hand_over', 'start_flow', { flowId: '00000000-0000-4000-8000-000000000000' })
        .chain('trigger', 'hand_over')
        .build(),
      'Hands over at once',
    );
    close = () => app.close();
  });

  afterAll(async () => {
    await close?.();
    await graph?.close();
    await database?.drop();
  });

  it('commits the first send claim with the step, and the drain after the commit sends everything once, in order', async () => {
    const { igUserId, runId, result: taken } = await startWithin(twoSends, (manager, id) => engine.takeEffectsWithin(manager, id));
    expect(taken).not.toBeNull();

    // Committed, and nothing has run after the commit yet: the first send is claimed (effect and outbound send), not made.
    const [first, second] = await effectsOf(runId);
    expect(first).toMatchObject({ effect_type: 'send_message', status: 'pending', claimed: true, send: 'sending' });
    expect(second).toMatchObject({ effect_type: 'send_message', status: 'pending', claimed: false, send: null });
    expect(textsSentTo(igUserId)).toEqual([]);

    await engine.executeEffects(runId, taken);
    expect(textsSentTo(igUserId)).toEqual(['First message', 'Second message']);
    expect((await effectsOf(runId)).filter((effect) => effect.effect_type === 'send_message')).toEqual([
      expect.objectContaining({ status: 'done', claimed: false, send: 'sent' }),
      expect.objectContaining({ status: 'done', claimed: false, send: 'sent' }),
    ]);
  });

  it('loses the claim with a transaction that rolls back', async () => {
    const igUserId = `31000000000000${++contacts}`;
    const contactId = await createContact(dataSource, twoSends, igUserId);
    let runId = '';
    await expect(
      dataSource.transaction(async (manager) => {
        const { outcome } = await engine.startRunWithin(manager, {
          flowVersionId: twoSends.flowVersionId,
          contactId,
          trigger: { kind: 'dm', text: 'go' },
        });
        runId = outcome.runId;
        expect(await engine.takeEffectsWithin(manager, runId)).not.toBeNull();
        throw new Error('the event failed after its run step');
      }),
    ).rejects.toThrow('the event failed after its run step');
    expect(await dataSource.query('SELECT id FROM flow_runs WHERE id = $1', [runId])).toEqual([]);
    expect(await dataSource.query(`SELECT idempotency_key FROM outbound_sends WHERE idempotency_key LIKE $1`, [`${runId}%`])).toEqual([]);
    expect(textsSentTo(igUserId)).toEqual([]);
  });

  it("takes nothing while another worker holds the run's outbox; the drain after the commit takes it all", async () => {
    const other = dataSource.createQueryRunner();
    await other.connect();
    try {
      const {
        igUserId,
        runId,
        result: taken,
      } = await startWithin(twoSends, async (manager, id) => {
        await other.query('SELECT pg_advisory_lock(hashtext($1))', [`run-effects:${id}`]);
        return engine.takeEffectsWithin(manager, id);
      });
      expect(taken).toBeNull();
      const effects = await effectsOf(runId);
      expect(effects.map((effect) => effect.effect_type)).toEqual(['send_message', 'send_message', 'emit_event']);
      expect(effects.every((effect) => effect.status === 'pending' && !effect.claimed && effect.send === null)).toBe(true);
      await other.query('SELECT pg_advisory_unlock(hashtext($1))', [`run-effects:${runId}`]);

      await engine.executeEffects(runId, taken);
      expect(textsSentTo(igUserId)).toEqual(['First message', 'Second message']);
    } finally {
      await other.release();
    }
  });

  it("keeps the step when the first effect fails inside it; the effect's failure is recorded by the drain after the commit", async () => {
    const { runId, result: taken } = await startWithin(handingOver, (manager, id) => engine.takeEffectsWithin(manager, id));
    expect(taken).toBeNull();
    const [run] = await dataSource.query<Array<{ status: string }>>('SELECT status FROM flow_runs WHERE id = $1', [runId]);
    expect(run.status).not.toBe('failed');
    expect((await effectsOf(runId))[0]).toMatchObject({ effect_type: 'start_flow', status: 'pending', claimed: false });

    await engine.executeEffects(runId, taken);
    expect((await effectsOf(runId))[0]).toMatchObject({
      effect_type: 'start_flow',
      status: 'failed',
      last_error: expect.stringContaining('flow_not_published'),
    });
    const [ended] = await dataSource.query<Array<{ status: string }>>('SELECT status FROM flow_runs WHERE id = $1', [runId]);
    expect(ended.status).toBe('failed');
  });
});
