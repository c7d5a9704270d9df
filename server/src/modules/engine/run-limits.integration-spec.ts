import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { AccountServices, createContact, createPublishedFlow } from '../../../test/support/engine-fixtures';
import { SpecGraphSandbox, startGraphSandboxForSpecs } from '../../../test/support/graph-sandbox';
import { type HeldHttpServer, startHeldHttpServer } from '@dmflow/sandbox';
import { startEngineApp } from '../../../test/support/engine-app';
import { createMigratedTestDatabase, MigratedTestDatabase, useTestEnvironment } from '../../../test/support/test-database';
import { waitUntil } from '../../../test/support/wait-until';
import { EngineService } from './engine.service';
import { FlowRun } from './entities/flow-run.entity';
import type { RunsService } from '../runs/runs.service';

const MAX_STEPS = 40;
const MAX_STEPS_PER_EVENT = 10;
const node = (id: string, type: string, config: Record<string, unknown>) => ({ id, type, position: { x: 0, y: 0 }, data: { config } });
const edge = (source: string, sourceHandle: string, target: string) => ({
  id: `${source}-${sourceHandle}-${target}`,
  source,
  sourceHandle,
  target,
});
const dmTrigger = (keyword: string) =>
  node('t', 'trigger', {
    source: 'dm_keyword',
    keywordMatch: 'any',
    keywords: [keyword],
    oncePerUser: false,
    postScope: 'any',
    storyScope: 'any',
  });
const question = (id: string) =>
  node(id, 'question', {
    questionType: 'text',
    text: 'Again?',
    variable: 'answer',
    choices: [],
    invalidMessage: 'Invalid',
    maxAttempts: 3,
    allowSkip: false,
    skipLabel: 'Skip',
    timeoutSeconds: 0,
  });
const message = (id: string, text: string) => node(id, 'send_message', { kind: 'text', text, buttons: [], cards: [], quickReplies: [] });

/** A loop validation allows (it waits at a question), which every answer drives round once more. */
const answerLoop: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [dmTrigger('loop'), question('q'), node('end', 'end', {})],
  edges: [edge('t', 'next', 'q'), edge('q', 'answered', 'q'), edge('q', 'invalid', 'end')],
};

/** One answer walks through more blocks than RUN_MAX_STEPS_PER_EVENT. */
const longChain: FlowGraph = (() => {
  const tags = Array.from({ length: MAX_STEPS_PER_EVENT + 2 }, (_, index) =>
    node(`tag${index}`, 'tag', { action: 'add', tags: [`t${index}`] }),
  );
  const ids = ['q', ...tags.map((tag) => tag.id), 'end'];
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [dmTrigger('chain'), question('q'), ...tags, node('end', 'end', {})],
    edges: [
      edge('t', 'next', 'q'),
      edge('q', 'invalid', 'end'),
      ...ids.slice(0, -1).map((id, index) => edge(id, id === 'q' ? 'answered' : 'next', ids[index + 1])),
    ],
  };
})();

/** An HTTP block whose both ports lead back to itself through a question (validation allows it: it waits there). */
function callThenAsk(url: string): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      dmTrigger('crm'),
      node('h', 'http_request', { method: 'POST', url, headers: [], timeoutSeconds: 30, saveResponse: [] }),
      question('q'),
      node('end', 'end', {}),
    ],
    edges: [
      edge('t', 'next', 'h'),
      edge('h', 'success', 'q'),
      edge('h', 'error', 'q'),
      edge('q', 'answered', 'h'),
      edge('q', 'invalid', 'end'),
    ],
  };
}

const replyThenEnd: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [dmTrigger('hi'), message('m', 'Hello from B'), node('end', 'end', {})],
  edges: [edge('t', 'next', 'm'), edge('m', 'next', 'end')],
};

describe('Run limits: step caps, cancel wins, no transaction during outbound calls', () => {
  let database: MigratedTestDatabase;
  let graph: SpecGraphSandbox;
  let held: HeldHttpServer;
  let engine: EngineService;
  let runs: RunsService;
  let dataSource: DataSource;
  let accounts: () => AccountServices;
  let close: () => Promise<void>;

  const run = (id: string) => dataSource.manager.findOneByOrFail(FlowRun, { id });
  const stepCount = async (runId: string) =>
    Number((await dataSource.query(`SELECT count(*) FROM run_steps WHERE run_id = $1`, [runId]))[0].count);
  /** Transactions open since before `since` and still open: what a call in flight would pin. */
  const pinnedSince = async (since: Date) =>
    Number(
      (
        await dataSource.query(
          `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND xact_start < $1`,
          [since],
        )
      )[0].count,
    );

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    graph = await startGraphSandboxForSpecs();
    held = await startHeldHttpServer();
    useTestEnvironment(database.url, {
      META_GRAPH_URL: graph.graphUrl,
      FLOWS_ALLOW_PRIVATE_URLS: 'true',
      RUN_MAX_STEPS: String(MAX_STEPS),
      RUN_MAX_STEPS_PER_EVENT: String(MAX_STEPS_PER_EVENT),
    });
    const { RunsService } = await import('../runs/runs.service');
    const app = await startEngineApp(database.url);
    engine = app.get(EngineService);
    runs = app.get(RunsService);
    dataSource = app.get(DataSource);
    accounts = () => ({ accounts: app.get(AccountsService), instagramAccounts: app.get(InstagramAccountsService) });
    close = () => app.close();
  });

  afterAll(async () => {
    await held?.close();
    await close?.();
    await graph?.close();
    await database?.drop();
  });

  it('stops a looping run at RUN_MAX_STEPS with a run_step_limit failure in its history', async () => {
    const flow = await createPublishedFlow(dataSource, accounts(), answerLoop, 'Answer loop');
    const contactId = await createContact(dataSource, flow, '1000000000000101');
    const { runId } = await engine.startRun({ flowVersionId: flow.flowVersionId, contactId, trigger: { kind: 'dm', text: 'loop' } });
    for (let answer = 0; answer < MAX_STEPS * 2 && (await run(runId)).status !== 'failed'; answer++) {
      await engine.deliverMessage(contactId, { text: `again ${answer}` });
    }
    const failed = await run(runId);
    expect(failed).toMatchObject({ status: 'failed', failedNodeId: 'q' });
    expect(failed.error).toMatch(/^run_step_limit: the run has taken 40 steps, the most one run may take is 40 \(RUN_MAX_STEPS\)/);
    expect(await stepCount(runId)).toBe(MAX_STEPS);
    // Further messages find no open run.
    expect(await engine.deliverMessage(contactId, { text: 'more' })).toEqual({ delivered: false });
  });

  it('stops a run that one event would take through more than RUN_MAX_STEPS_PER_EVENT blocks', async () => {
    const flow = await createPublishedFlow(dataSource, accounts(), longChain, 'Long chain');
    const contactId = await createContact(dataSource, flow, '1000000000000102');
    const { runId } = await engine.startRun({ flowVersionId: flow.flowVersionId, contactId, trigger: { kind: 'dm', text: 'chain' } });
    await engine.deliverMessage(contactId, { text: 'go' });
    expect(await run(runId)).toMatchObject({ status: 'failed', failedNodeId: 'q' });
    expect((await run(runId)).error).toBe(
      'run_step_limit: one event would take the run through 13 steps; at most 10 are allowed (RUN_MAX_STEPS_PER_EVENT)',
    );
  });

  it('cancels a run that keeps moving at the first try, and one cancelled while its request is in flight takes no further step', async () => {
    const looping = await createPublishedFlow(dataSource, accounts(), answerLoop, 'Busy loop');
    for (const igUserId of ['1000000000000111', '1000000000000112', '1000000000000113']) {
      const contactId = await createContact(dataSource, looping, igUserId);
      const { runId } = await engine.startRun({ flowVersionId: looping.flowVersionId, contactId, trigger: { kind: 'dm', text: 'loop' } });
      // The run moves on with every answer while the cancel is on its way. Before: 409 run_changed 1 to 13 times.
      const answers = Array.from({ length: 10 }, (_, index) => engine.deliverMessage(contactId, { text: `a${index}` }).catch(() => null));
      await expect(runs.cancelRun(looping.accountId, runId)).resolves.toMatchObject({ status: 'cancelled' });
      await Promise.all(answers);
      expect(await run(runId)).toMatchObject({ status: 'cancelled' });
    }

    const inFlight = await createPublishedFlow(dataSource, accounts(), callThenAsk(`${held.url}/crm`), 'In flight');
    const contactId = await createContact(dataSource, inFlight, '1000000000000114');
    const { runId } = await engine.startRun({ flowVersionId: inFlight.flowVersionId, contactId, trigger: { kind: 'dm', text: 'crm' } });
    await waitUntil(() => held.held() === 1, 30_000, 'the request to reach the held receiver');
    await expect(runs.cancelRun(inFlight.accountId, runId)).resolves.toMatchObject({ status: 'cancelled' });
    const stepsAtCancel = await stepCount(runId);
    const sendsToContact = () =>
      graph.calls().filter((call) => JSON.stringify(call.body.recipient) === JSON.stringify({ id: '1000000000000114' })).length;
    const sendsAtCancel = sendsToContact();
    held.release();
    await waitUntil(
      async () =>
        (await dataSource.query(`SELECT count(*)::int AS n FROM run_effects WHERE run_id = $1 AND claim_id IS NOT NULL`, [runId]))[0].n ===
          0 && held.answered() === 1,
      30_000,
      'the in-flight answer to be dropped',
    );
    // The answer came back after the cancel: the run did not go on to its question, and asked nothing.
    expect(await stepCount(runId)).toBe(stepsAtCancel);
    expect(sendsToContact()).toBe(sendsAtCancel);
    expect(await run(runId)).toMatchObject({ status: 'cancelled', currentNodeId: 'h' });
  });

  it('holds no transaction open while HTTP blocks wait on a slow receiver, and another account still sends', async () => {
    const heldAgain = await startHeldHttpServer();
    try {
      const slowTenant = await createPublishedFlow(dataSource, accounts(), callThenAsk(`${heldAgain.url}/crm`), 'Slow CRM');
      const slowCalls = 6;
      for (let index = 0; index < slowCalls; index++) {
        const contactId = await createContact(dataSource, slowTenant, `10000000000002${String(index).padStart(2, '0')}`);
        await engine.startRun({ flowVersionId: slowTenant.flowVersionId, contactId, trigger: { kind: 'dm', text: 'crm' } });
      }
      await waitUntil(() => heldAgain.held() === slowCalls, 30_000, 'every slow call to be in flight');
      const allInFlight = new Date();

      const otherTenant = await createPublishedFlow(dataSource, accounts(), replyThenEnd, 'B replies');
      const contactId = await createContact(dataSource, otherTenant, '1000000000000299');
      const { runId } = await engine.startRun({ flowVersionId: otherTenant.flowVersionId, contactId, trigger: { kind: 'dm', text: 'hi' } });
      const sentToB = () =>
        graph.calls().filter((call) => JSON.stringify(call.body.recipient) === JSON.stringify({ id: '1000000000000299' }));
      await waitUntil(() => sentToB().length === 1, 30_000, "the other account's reply to be sent");
      expect((await run(runId)).status).toBe('completed');
      // B's send went out while every slow call was still waiting; and no transaction open since before they were all
      // in flight is still open (short ones have long ended). Before: one per call in flight, for as long as it takes.
      expect(heldAgain.held()).toBe(slowCalls);
      expect(await pinnedSince(allInFlight)).toBe(0);
    } finally {
      await heldAgain.close();
    }
  });
});
