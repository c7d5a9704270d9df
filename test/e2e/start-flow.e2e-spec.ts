import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { chain, node, text, textQuestion, trigger } from '../src/fixtures/instagram-flows';
import { queryDatabase, readJson, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

const MAX_HANDOVERS = 4;

/** DM `keyword` → set plan = pro → start `flowId`. */
const handsOver = (keyword: string, flowId: string, carryVariables = true): FlowGraph => ({
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'dm_keyword', keywords: [keyword] }),
    node('plan', 'set_variable', { variable: 'plan', operation: 'set', value: 'pro' }),
    node('go', 'start_flow', { flowId, carryVariables }),
  ],
  edges: chain('trigger', 'plan', 'go'),
});

/** Greets with the carried plan, asks for the email, thanks: the conversation goes on in this flow. */
const onboarding: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'dm_keyword', keywords: ['onboard'] }),
    node('hello', 'send_message', text('Welcome to {{plan}}')),
    textQuestion('email', 'Your email?'),
    node('thanks', 'send_message', text('Thanks {{email}}, plan {{plan}}')),
    node('end', 'end', {}),
  ],
  edges: [
    ...chain('trigger', 'hello', 'email'),
    { id: 'email-thanks', source: 'email', sourceHandle: 'answered', target: 'thanks' },
    { id: 'email-end', source: 'email', sourceHandle: 'invalid', target: 'end' },
    ...chain('thanks', 'end'),
  ],
};

describe('Start another flow, through signed Meta webhooks and the sandbox', () => {
  const suite = useServerWithTenants({ tenants: [{}, {}], env: { RUN_MAX_HANDOVERS: String(MAX_HANDOVERS) } });
  const {
    api,
    database,
    graph,
    meta,
    tenants: [tenant, other],
  } = suite;
  let mid = 0;

  const createFlow = async (apiKey: string, name: string, draft: FlowGraph): Promise<{ id: string; revision: number }> =>
    readJson(await api('/v1/flows', apiKey, { method: 'POST', body: JSON.stringify({ name, draft }) }));
  const saveDraft = async (flow: { id: string }, draft: FlowGraph) => {
    const current = await readJson(await api(`/v1/flows/${flow.id}`, tenant.apiKey));
    const saved = await api(`/v1/flows/${flow.id}`, tenant.apiKey, {
      method: 'PATCH',
      body: JSON.stringify({ draft, revision: current.revision }),
    });
    expect(saved.status).toBe(200);
  };
  const publish = (flowId: string, apiKey = tenant.apiKey) => api(`/v1/flows/${flowId}/publish`, apiKey, { method: 'POST' });
  const dm = async (senderId: string, message: string) => {
    mid += 1;
    expect((await meta.dm({ igUserId: tenant.igUserId, senderId, text: message, mid: `start-flow-${mid}` })).status).toBe(200);
  };
  const textsTo = async (igsid: string) =>
    (await graph.calls('/messages')).filter((call) => call.body?.recipient?.id === igsid).map((call) => call.body?.message?.text);
  const runsOf = (igsid: string) =>
    queryDatabase<{ id: string; flow_id: string; status: string; error: string | null }>(
      database.url,
      `SELECT r.id, r.flow_id, r.status, r.error FROM flow_runs r JOIN contacts c ON c.id = r.contact_id
        WHERE c.ig_user_id = $1 ORDER BY r.started_at, r.id`,
      [igsid],
    );
  const pendingEffects = async (igsid: string) =>
    (
      await queryDatabase<{ n: number }>(
        database.url,
        `SELECT count(*)::int AS n FROM run_effects e JOIN flow_runs r ON r.id = e.run_id JOIN contacts c ON c.id = r.contact_id
          WHERE c.ig_user_id = $1 AND e.status = 'pending'`,
        [igsid],
      )
    )[0].n;

  it('is refused on publish unless it names a published flow of the same workspace', async () => {
    const draftOnly = await createFlow(tenant.apiKey, 'Never published', onboarding);
    const elsewhere = await createFlow(other.apiKey, 'Another workspace', onboarding);
    expect((await publish(elsewhere.id, other.apiKey)).status).toBe(201);
    // A block with no flow chosen yet is refused the same way.
    for (const target of [draftOnly.id, elsewhere.id, '']) {
      const flow = await createFlow(tenant.apiKey, 'Hands over', handsOver('nowhere', target));
      const refused = await publish(flow.id);
      expect(refused.status).toBe(422);
      expect((await readJson(refused)).error.details).toEqual([
        { field: 'nodes.go.config.flowId', message: 'flowId: choose a published flow of this workspace to start' },
      ]);
      const validation = await readJson(await api(`/v1/flows/${flow.id}/validate`, tenant.apiKey, { method: 'POST' }));
      expect(validation.errors).toEqual([expect.objectContaining({ nodeId: 'go', field: 'flowId', block: 'Start another flow' })]);
    }
  });

  it('hands the conversation over: the first run completes, the target flow runs with the variables and takes the next answer', async () => {
    const target = await createFlow(tenant.apiKey, 'Onboarding', onboarding);
    expect((await publish(target.id)).status).toBe(201);
    const upgrade = await createFlow(tenant.apiKey, 'Upgrade', handsOver('upgrade', target.id));
    expect((await publish(upgrade.id)).status).toBe(201);

    const person = 'igsid-handed-over';
    await dm(person, 'upgrade');
    await waitFor(
      () => textsTo(person),
      (texts) => texts.includes('Your email?'),
      20_000,
      'the onboarding flow to ask',
    );
    await dm(person, 'ada@example.com');
    await waitFor(
      () => textsTo(person),
      (texts) => texts.includes('Thanks ada@example.com, plan pro'),
      20_000,
      'the onboarding flow to thank',
    );
    await waitFor(
      () => pendingEffects(person),
      (pending) => pending === 0,
      20_000,
      'every effect to be executed',
    );
    expect(await textsTo(person)).toEqual(['Welcome to pro', 'Your email?', 'Thanks ada@example.com, plan pro']);

    const [first, second] = await runsOf(person);
    expect([first.flow_id, first.status, second.flow_id, second.status]).toEqual([upgrade.id, 'completed', target.id, 'completed']);
    const detail = await readJson(await api(`/v1/runs/${first.id}`, tenant.apiKey));
    expect(detail.steps.at(-1)).toMatchObject({
      node_id: 'go',
      node_type: 'start_flow',
      handed_over_to: { flow_id: target.id, flow_name: 'Onboarding', run_id: second.id, started: true },
      effects: [
        { type: 'start_flow', status: 'done' },
        { type: 'emit_event', status: 'done' },
      ],
    });
    const handedTo = await readJson(await api(`/v1/runs/${second.id}`, tenant.apiKey));
    expect(handedTo).toMatchObject({
      trigger: { kind: 'started_by_flow', fromRunId: first.id },
      variables: { plan: 'pro', email: 'ada@example.com' },
    });
    // Both runs completed, and flow_completed fired for each.
    const completed = await queryDatabase<{ flow_id: string }>(
      database.url,
      `SELECT payload->>'flow_id' AS flow_id FROM webhook_events WHERE event_type = 'flow_completed' AND payload->>'sender_id' = $1 ORDER BY sequence`,
      [person],
    );
    expect(completed.map((row) => row.flow_id)).toEqual([upgrade.id, target.id]);
  });

  it('stops a loop of flows starting each other after RUN_MAX_HANDOVERS hand-overs, with the reason', async () => {
    // Ping and Pong start each other; each needs the other published first, so Ping first hands over to a plain flow.
    const plain = await createFlow(tenant.apiKey, 'Plain', onboarding);
    expect((await publish(plain.id)).status).toBe(201);
    const ping = await createFlow(tenant.apiKey, 'Ping', handsOver('ping', plain.id));
    expect((await publish(ping.id)).status).toBe(201);
    const pong = await createFlow(tenant.apiKey, 'Pong', handsOver('pong', ping.id));
    expect((await publish(pong.id)).status).toBe(201);
    await saveDraft(ping, handsOver('ping', pong.id));
    expect((await publish(ping.id)).status).toBe(201);

    const person = 'igsid-ping-pong';
    await dm(person, 'ping');
    const runs = await waitFor(
      () => runsOf(person),
      (rows) => rows.some((row) => row.status === 'failed'),
      30_000,
      'the loop to be stopped',
    );
    await waitFor(
      () => pendingEffects(person),
      (pending) => pending === 0,
      20_000,
      'every effect to be executed',
    );
    expect(await runsOf(person)).toHaveLength(MAX_HANDOVERS + 1);
    expect(runs.map((row) => [row.flow_id, row.status])).toEqual([
      [ping.id, 'completed'],
      [pong.id, 'completed'],
      [ping.id, 'completed'],
      [pong.id, 'completed'],
      [ping.id, 'failed'],
    ]);
    expect(runs[MAX_HANDOVERS].error).toMatch(
      /^start_flow at node go failed: run_handover_limit: .* at most 4 are allowed \(RUN_MAX_HANDOVERS\)/,
    );
  });
});
