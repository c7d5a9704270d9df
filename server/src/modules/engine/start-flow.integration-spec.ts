import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { AccountServices, createContact, createPublishedFlow, type EngineFixture } from '../../../test/support/engine-fixtures';
import { SpecGraphSandbox, startGraphSandboxForSpecs } from '../../../test/support/graph-sandbox';
import { startEngineApp } from '../../../test/support/engine-app';
import { createMigratedTestDatabase, MigratedTestDatabase, useTestEnvironment } from '../../../test/support/test-database';
import { waitUntil } from '../../../test/support/wait-until';
import { EngineService } from './engine.service';
import { FlowRun } from './entities/flow-run.entity';

const MAX_HANDOVERS = 3;
const node = (id: string, type: string, config: Record<string, unknown>) => ({ id, type, position: { x: 0, y: 0 }, data: { config } });
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, sourceHandle: 'next', target });
const trigger = (keyword: string) =>
  node('t', 'trigger', {
    source: 'dm_keyword',
    keywordMatch: 'any',
    keywords: [keyword],
    oncePerUser: false,
    postScope: 'any',
    storyScope: 'any',
  });

/** trigger → set plan → start `target` (variables carried or not). */
const handsOverTo = (keyword: string, target: string, carryVariables = true): FlowGraph => ({
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger(keyword),
    node('plan', 'set_variable', { variable: 'plan', operation: 'set', value: 'pro' }),
    node('go', 'start_flow', { flowId: target, carryVariables }),
  ],
  edges: [edge('t', 'plan'), edge('plan', 'go')],
});
const replies: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger('b'),
    node('m', 'send_message', { kind: 'text', text: 'Your plan: {{plan}}', buttons: [], cards: [], quickReplies: [] }),
    node('end', 'end', {}),
  ],
  edges: [edge('t', 'm'), edge('m', 'end')],
};

describe('Start another flow: the run hands over, once, and a chain of hand-overs is bounded', () => {
  let database: MigratedTestDatabase;
  let graph: SpecGraphSandbox;
  let engine: EngineService;
  let dataSource: DataSource;
  let accounts: () => AccountServices;
  let close: () => Promise<void>;

  const runsOf = (contactId: string) => dataSource.manager.find(FlowRun, { where: { contactId }, order: { startedAt: 'ASC' } });
  /** `count` runs, all ended, none with an effect still to execute. */
  const settled = async (contactId: string, count: number) => {
    const runs = await runsOf(contactId);
    const [{ pending }] = await dataSource.query(
      `SELECT count(*)::int AS pending FROM run_effects e JOIN flow_runs r ON r.id = e.run_id WHERE r.contact_id = $1 AND e.status = 'pending'`,
      [contactId],
    );
    return runs.length === count && pending === 0 && runs.every((run) => !['active', 'waiting'].includes(run.status));
  };
  /** Another flow in the fixture's account, published; its graph can name flows created before it. */
  async function publishIn(fixture: EngineFixture, name: string, flowGraph: (flowId: string) => FlowGraph): Promise<string> {
    const [flow] = await dataSource.query(`INSERT INTO flows (account_id, name, draft) VALUES ($1, $2, '{}') RETURNING id`, [
      fixture.accountId,
      name,
    ]);
    const document = JSON.stringify(flowGraph(flow.id));
    const [version] = await dataSource.query(`INSERT INTO flow_versions (flow_id, version, graph) VALUES ($1, 1, $2) RETURNING id`, [
      flow.id,
      document,
    ]);
    await dataSource.query(`UPDATE flows SET draft = $2, published_version_id = $3 WHERE id = $1`, [flow.id, document, version.id]);
    return flow.id;
  }
  const setGraph = async (flowId: string, flowGraph: FlowGraph) =>
    dataSource.query(`UPDATE flow_versions SET graph = $2 WHERE flow_id = $1`, [flowId, JSON.stringify(flowGraph)]);

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    graph = await startGraphSandboxForSpecs();
    useTestEnvironment(database.url, { META_GRAPH_URL: graph.graphUrl, RUN_MAX_HANDOVERS: String(MAX_HANDOVERS) });
    const app = await startEngineApp(database.url);
    engine = app.get(EngineService);
    dataSource = app.get(DataSource);
    accounts = () => ({ accounts: app.get(AccountsService), instagramAccounts: app.get(InstagramAccountsService) });
    close = () => app.close();
  });

  afterAll(async () => {
    await close?.();
    await graph?.close();
    await database?.drop();
  });

  it('completes the first run, starts the target flow for the same contact with the variables, and reports both', async () => {
    // A's graph names B, which is created after it: publish A with a placeholder, then point it at B.
    const a = await createPublishedFlow(dataSource, accounts(), handsOverTo('a', '00000000-0000-4000-8000-000000000000'), 'Flow A');
    const bFlowId = await publishIn(a, 'Flow B', () => replies);
    await setGraph(a.flowId, handsOverTo('a', bFlowId));
    const contactId = await createContact(dataSource, a, '1000000000000501');

    const { runId } = (await engine.startRun({ flowVersionId: a.flowVersionId, contactId, trigger: { kind: 'dm', text: 'a' } })) as {
      runId: string;
    };
    await waitUntil(() => settled(contactId, 2), 30_000, 'both runs to end');
    const [first, second] = await runsOf(contactId);
    expect(first).toMatchObject({ id: runId, status: 'completed', currentNodeId: 'go' });
    expect(second).toMatchObject({ flowId: bFlowId, status: 'completed', trigger: { kind: 'started_by_flow', fromRunId: runId } });
    expect(second.snapshot.context).toMatchObject({ variables: { plan: 'pro' }, handovers: 1 });
    expect(graph.calls().filter((call) => call.body.message?.text === 'Your plan: pro')).toHaveLength(1);
    // The hand-over is in the first run's history: its last step, with the flow and run it handed to.
    const [handover] = await dataSource.query(
      `SELECT s.node_type, s.exited_at IS NOT NULL AS closed, e.status, e.result FROM run_steps s
         JOIN run_effects e ON e.run_id = s.run_id AND e.step_ordinal = s.ordinal AND e.effect_type = 'start_flow'
        WHERE s.run_id = $1`,
      [runId],
    );
    expect(handover).toEqual({
      node_type: 'start_flow',
      closed: true,
      status: 'done',
      result: { flow_id: bFlowId, flow_name: 'Flow B', run_id: second.id, started: true, handovers: 1 },
    });
    const completed = await dataSource.query(`SELECT payload FROM webhook_events WHERE event_type = 'flow_completed' AND account_id = $1`, [
      a.accountId,
    ]);
    expect(completed.map((event: { payload: { flow_name: string } }) => event.payload.flow_name).sort()).toEqual(['Flow A', 'Flow B']);
  });

  it('carries no variables when the block says so', async () => {
    const a = await createPublishedFlow(dataSource, accounts(), handsOverTo('a', '00000000-0000-4000-8000-000000000000'), 'Flow A');
    const bFlowId = await publishIn(a, 'Flow B', () => replies);
    await setGraph(a.flowId, handsOverTo('a', bFlowId, false));
    const contactId = await createContact(dataSource, a, '1000000000000502');
    await engine.startRun({ flowVersionId: a.flowVersionId, contactId, trigger: { kind: 'dm', text: 'a' } });
    await waitUntil(() => settled(contactId, 2), 30_000, 'both runs to end');
    expect((await runsOf(contactId))[1].snapshot.context.variables).toEqual({});
  });

  it('stops a chain A → B → A → … at RUN_MAX_HANDOVERS with run_handover_limit', async () => {
    const a = await createPublishedFlow(dataSource, accounts(), handsOverTo('a', '00000000-0000-4000-8000-000000000000'), 'Ping');
    const bFlowId = await publishIn(a, 'Pong', () => handsOverTo('b', a.flowId));
    await setGraph(a.flowId, handsOverTo('a', bFlowId));
    const contactId = await createContact(dataSource, a, '1000000000000503');
    await engine.startRun({ flowVersionId: a.flowVersionId, contactId, trigger: { kind: 'dm', text: 'a' } });

    await waitUntil(() => settled(contactId, MAX_HANDOVERS + 1), 30_000, 'the chain to stop');
    const runs = await runsOf(contactId);
    expect(runs.map((run) => [run.flowId, run.status, run.snapshot.context.handovers ?? 0])).toEqual([
      [a.flowId, 'completed', 0],
      [bFlowId, 'completed', 1],
      [a.flowId, 'completed', 2],
      [bFlowId, 'failed', 3],
    ]);
    expect(runs[3]).toMatchObject({ failedNodeId: 'go' });
    expect(runs[3].error).toBe(
      "start_flow at node go failed: run_handover_limit: this contact's runs have already handed over 3 times in a row; at most 3 are allowed (RUN_MAX_HANDOVERS); do flows start each other in a loop?",
    );
  });

  it('fails the run with the reason when the target is no longer published', async () => {
    const a = await createPublishedFlow(dataSource, accounts(), handsOverTo('a', '00000000-0000-4000-8000-000000000000'), 'Flow A');
    const bFlowId = await publishIn(a, 'Gone', () => replies);
    await setGraph(a.flowId, handsOverTo('a', bFlowId));
    await dataSource.query(`UPDATE flows SET deleted_at = now() WHERE id = $1`, [bFlowId]);
    const contactId = await createContact(dataSource, a, '1000000000000504');
    await engine.startRun({ flowVersionId: a.flowVersionId, contactId, trigger: { kind: 'dm', text: 'a' } });
    await waitUntil(() => settled(contactId, 1), 30_000, 'the run to stop');
    const [run] = await runsOf(contactId);
    expect(run).toMatchObject({
      status: 'failed',
      error: `start_flow at node go failed: flow_not_published: the flow ${bFlowId} to start is not published, or was deleted`,
    });
    // flow_completed follows the hand-over, so a run that could not hand over reports no completion.
    const completed = await dataSource.query(
      `SELECT count(*)::int AS n FROM webhook_events WHERE event_type = 'flow_completed' AND account_id = $1`,
      [a.accountId],
    );
    expect(completed[0].n).toBe(0);
  });

  it('a crash after the next run is written, before the hand-over commits, leaves no run; the retry starts exactly one', async () => {
    const a = await createPublishedFlow(dataSource, accounts(), handsOverTo('a', '00000000-0000-4000-8000-000000000000'), 'Flow A');
    const bFlowId = await publishIn(a, 'Flow B', () => replies);
    await setGraph(a.flowId, handsOverTo('a', bFlowId));
    const contactId = await createContact(dataSource, a, '1000000000000505');
    // The transaction that wrote B's run dies when it marks the hand-over done, the first time only (a sequence is
    // not rolled back).
    await dataSource.query(`
      CREATE SEQUENCE handover_crashes;
      CREATE FUNCTION crash_first_handover() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.effect_type = 'start_flow' AND NEW.status = 'done' AND nextval('handover_crashes') = 1 THEN
          RAISE EXCEPTION 'simulated crash before the hand-over commits';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER crash_first_handover BEFORE UPDATE ON run_effects FOR EACH ROW EXECUTE FUNCTION crash_first_handover();`);
    try {
      const started = await engine.startRun({ flowVersionId: a.flowVersionId, contactId, trigger: { kind: 'dm', text: 'a' } });
      await waitUntil(() => settled(contactId, 2), 60_000, 'the retried hand-over to start B');
      const [effect] = await dataSource.query(`SELECT attempts, status FROM run_effects WHERE run_id = $1 AND effect_type = 'start_flow'`, [
        (started as { runId: string }).runId,
      ]);
      expect(effect).toEqual({ attempts: 2, status: 'done' });
      const runs = await runsOf(contactId);
      expect(runs.map((run) => [run.flowId, run.status])).toEqual([
        [a.flowId, 'completed'],
        [bFlowId, 'completed'],
      ]);
      expect(graph.calls().filter((call) => call.body.recipient?.id === '1000000000000505')).toHaveLength(1);
    } finally {
      await dataSource.query(
        `DROP TRIGGER crash_first_handover ON run_effects; DROP FUNCTION crash_first_handover(); DROP SEQUENCE handover_crashes;`,
      );
    }
  });
});
