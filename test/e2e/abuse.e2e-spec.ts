import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { type HeldHttpServer, metaSignature, startHeldHttpServer } from '@dmflow/sandbox';
import { randomUUID } from 'node:crypto';
import { chain, node, text, trigger } from '../src/fixtures/instagram-flows';
import { fetchApiOperations, fillPath, type Json, queryDatabase, readJson, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';
import { underAbuse as runUnderAbuse } from '../src/harness/under-abuse';

// Issue 15, every finding against the real server: hostile flows (flow authors) and hostile traffic (Instagram
// users, signed batches) must not hurt other accounts, and /health keeps answering throughout each test.

// Starting a server and tenants, and the abuse itself, take long on a loaded machine; waits inside poll for conditions.
jest.setTimeout(300_000);

const MAX_STEPS = 30;
const MAX_EDGES = 40;
const MAX_FLOWS = 12;
const MAX_VERSIONS = 3;

const question = (id: string, config: Record<string, unknown> = {}) =>
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
    ...config,
  });
const edge = (source: string, sourceHandle: string, target: string) => ({
  id: `${source}-${sourceHandle}-${target}`,
  source,
  sourceHandle,
  target,
});
const dmTrigger = (keyword: string) => trigger({ source: 'dm_keyword', keywords: [keyword] });

/** Every answer sends the run round the question once more: a loop validation allows, since it waits there. */
const answerLoop = (keyword: string): FlowGraph => ({
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [dmTrigger(keyword), question('q'), node('end', 'end', {})],
  edges: [edge('trigger', 'next', 'q'), edge('q', 'answered', 'q'), edge('q', 'invalid', 'end')],
});

/** The review's reproduction: an HTTP block whose both ports lead back to itself. */
const httpSelfLoop: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    dmTrigger('loopme'),
    node('h', 'http_request', { method: 'GET', url: '{{nothing}}', headers: [], timeoutSeconds: 1, saveResponse: [] }),
  ],
  edges: [edge('trigger', 'next', 'h'), edge('h', 'success', 'h'), edge('h', 'error', 'h')],
};

const callCrm = (keyword: string, url: string, headers: Array<{ name: string; value: string }> = []): FlowGraph => ({
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    dmTrigger(keyword),
    node('h', 'http_request', { method: 'POST', url, headers, body: '{"ig":"{{contact.id}}"}', timeoutSeconds: 30, saveResponse: [] }),
    node('end', 'end', {}),
  ],
  edges: [edge('trigger', 'next', 'h'), edge('h', 'success', 'end'), edge('h', 'error', 'end')],
});

const reply = (keyword: string, message: string): FlowGraph => ({
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [dmTrigger(keyword), node('m', 'send_message', text(message)), node('end', 'end', {})],
  edges: chain('trigger', 'm', 'end'),
});

const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('Abuse (issue 15): hostile flows and hostile traffic hurt no other account', () => {
  const suite = useServerWithTenants({
    tenants: [{}, {}, {}],
    env: {
      FLOWS_ALLOW_PRIVATE_URLS: 'true',
      RUN_MAX_STEPS: String(MAX_STEPS),
      FLOW_MAX_EDGES: String(MAX_EDGES),
      FLOWS_MAX_PER_ACCOUNT: String(MAX_FLOWS),
      FLOW_MAX_VERSIONS: String(MAX_VERSIONS),
    },
  });
  const { api, meta, graph, database } = suite;
  const [attacker, victim, quotas] = suite.tenants;
  let held: HeldHttpServer;

  beforeAll(async () => {
    held = await startHeldHttpServer();
  });
  afterAll(async () => {
    await held?.close();
  });

  const underAbuse = (what: string, abuse: () => Promise<void>) => runUnderAbuse(suite.stack.server.url, what, abuse);

  async function createFlow(apiKey: string, name: string, draft: FlowGraph): Promise<{ status: number; body: Json }> {
    const response = await api('/v1/flows', apiKey, { method: 'POST', body: JSON.stringify({ name, draft }) });
    return { status: response.status, body: await readJson(response) };
  }

  async function publish(apiKey: string, name: string, draft: FlowGraph): Promise<{ flowId: string; versionId: string }> {
    const created = await createFlow(apiKey, name, draft);
    expect(created.status).toBe(201);
    const published = await api(`/v1/flows/${created.body.id}/publish`, apiKey, { method: 'POST' });
    const version = await readJson(published);
    expect({ status: published.status, version }).toMatchObject({ status: 201 });
    return { flowId: created.body.id, versionId: version.id };
  }

  const runsOf = (flowId: string) =>
    queryDatabase<{ id: string; status: string; error: string | null; contact_id: string }>(
      database.url,
      'SELECT id, status, error, contact_id FROM flow_runs WHERE flow_id = $1 ORDER BY started_at',
      [flowId],
    );
  const sendsTo = async (igsid: string) => (await graph.calls('/messages')).filter((call) => JSON.stringify(call.body).includes(igsid));

  it('H1: refuses the review hot loop at publish; a loop through a question stops at RUN_MAX_STEPS with run_step_limit', async () => {
    const refused = await createFlow(attacker.apiKey, 'hot-loop', httpSelfLoop);
    const publishRefused = await api(`/v1/flows/${refused.body.id}/publish`, attacker.apiKey, { method: 'POST' });
    expect(publishRefused.status).toBe(422);
    expect(JSON.stringify(await readJson(publishRefused))).toContain('leads back to itself');

    const { flowId } = await publish(attacker.apiKey, 'answer loop', answerLoop('loopme'));
    await underAbuse('a looping run', async () => {
      await meta.dm({ igUserId: attacker.igUserId, senderId: 'igsid-looper', text: 'loopme', mid: 'loop-0' });
      const [looping] = await waitFor(
        () => runsOf(flowId),
        (runs) => runs.length === 1,
        20_000,
        'the loop to start',
      );
      // One signed batch of answers, far more than the cap allows.
      const answers = Array.from({ length: MAX_STEPS * 2 }, (_, index) => ({
        sender: { id: 'igsid-looper' },
        recipient: { id: attacker.igUserId },
        timestamp: Date.now() + index,
        message: { mid: `loop-${index + 1}`, text: `again ${index}` },
      }));
      for (const answer of answers) {
        await meta.post(JSON.stringify({ object: 'instagram', entry: [{ id: attacker.igUserId, time: Date.now(), messaging: [answer] }] }));
      }
      const [failed] = await waitFor(
        () => runsOf(flowId),
        (runs) => runs[0]?.status === 'failed',
        60_000,
        'the loop to stop',
      );
      expect(failed.error).toMatch(/^run_step_limit: /);
      const view = await readJson(await api(`/v1/runs/${looping.id}`, attacker.apiKey));
      expect(view).toMatchObject({ status: 'failed', error: expect.stringMatching(/^run_step_limit: .*RUN_MAX_STEPS/) });
      const [{ steps }] = await queryDatabase<{ steps: number }>(
        database.url,
        'SELECT count(*)::int AS steps FROM run_steps WHERE run_id = $1',
        [looping.id],
      );
      expect(steps).toBeLessThanOrEqual(MAX_STEPS);
    });
  });

  it('H1: cancelling a run that keeps moving succeeds at the first try (never 409 run_changed)', async () => {
    const { flowId, versionId } = await publish(attacker.apiKey, 'busy loop', answerLoop('busy'));
    await underAbuse('cancels of moving runs', async () => {
      for (const sender of ['igsid-busy-1', 'igsid-busy-2', 'igsid-busy-3']) {
        await meta.dm({ igUserId: attacker.igUserId, senderId: sender, text: 'busy', mid: `${sender}-0` });
        const runs = await waitFor(
          () => runsOf(flowId),
          (found) => found.length === Number(sender.slice(-1)),
          20_000,
          'the run to start',
        );
        const runId = runs[runs.length - 1].id;
        const moving = Array.from({ length: 8 }, (_, index) =>
          meta.dm({ igUserId: attacker.igUserId, senderId: sender, text: `a${index}` }),
        );
        const cancel = await api(`/v1/runs/${runId}/cancel`, attacker.apiKey, { method: 'POST' });
        expect({ sender, status: cancel.status, body: await readJson(cancel) }).toMatchObject({
          sender,
          status: 200,
          body: { status: 'cancelled' },
        });
        await Promise.all(moving);
      }
      expect(versionId).toBeTruthy();
    });
  });

  it('H2: a catastrophic pattern answered by an Instagram user does not freeze the server (RE2)', async () => {
    const redos: FlowGraph = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [dmTrigger('redos'), question('q', { pattern: '^(a+)+$' }), node('end', 'end', {})],
      edges: [edge('trigger', 'next', 'q'), edge('q', 'answered', 'end'), edge('q', 'invalid', 'end')],
    };
    const { flowId } = await publish(attacker.apiKey, 'redos', redos);
    await underAbuse('a catastrophic regex answer', async () => {
      await meta.dm({ igUserId: attacker.igUserId, senderId: 'igsid-redos', text: 'redos please' });
      await waitFor(
        () => sendsTo('igsid-redos'),
        (sends) => sends.length === 1,
        20_000,
        'the question to be asked',
      );
      await meta.dm({ igUserId: attacker.igUserId, senderId: 'igsid-redos', text: `${'a'.repeat(29)}!` });
      // Refused as not matching, quickly: the question is asked again.
      await waitFor(
        () => sendsTo('igsid-redos'),
        (sends) => sends.length >= 2,
        20_000,
        'the re-ask',
      );
      expect((await runsOf(flowId))[0].status).toBe('waiting');
    });
  });

  it("M1: slow HTTP blocks hold no transaction during their calls, and another account's reply still goes out", async () => {
    await publish(attacker.apiKey, 'slow crm', callCrm('slowcrm', `${held.url}/crm`));
    await publish(victim.apiKey, 'victim replies', reply('hello', 'Hi from the victim account'));
    const slowCalls = 6;
    await underAbuse('slow outbound calls', async () => {
      for (let index = 0; index < slowCalls; index++) {
        await meta.dm({ igUserId: attacker.igUserId, senderId: `igsid-slow-${index}`, text: 'slowcrm' });
      }
      await waitFor(
        () => held.held(),
        (count) => count === slowCalls,
        30_000,
        'every slow call in flight',
      );
      const allInFlight = new Date();
      const pinned = () =>
        queryDatabase<{ count: string }>(
          database.url,
          `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%' AND xact_start < $1`,
          [allInFlight],
        );

      await meta.dm({ igUserId: victim.igUserId, senderId: 'igsid-victim-fan', text: 'hello' });
      await waitFor(
        () => sendsTo('igsid-victim-fan'),
        (sends) => sends.length === 1,
        30_000,
        "the victim's reply",
      );
      // It went out while every slow call was still waiting; no transaction open since before they were all in flight
      // is still open (short ones have long ended). Before: one per call in flight, for as long as the receiver takes.
      expect(held.held()).toBe(slowCalls);
      expect(Number((await pinned())[0].count)).toBe(0);
      held.release();
    });
  });

  it('M2: a signed batch above the cap is refused with 413; events for unconnected accounts are stored skipped, with no job', async () => {
    const batch = (igUserId: string, count: number) =>
      JSON.stringify({
        object: 'instagram',
        entry: [
          {
            id: igUserId,
            time: Date.now(),
            messaging: Array.from({ length: count }, (_, index) => ({
              sender: { id: `flood-${index}` },
              recipient: { id: igUserId },
              timestamp: Date.now(),
              message: { mid: `flood-${igUserId}-${index}`, text: 'hi' },
            })),
          },
        ],
      });
    await underAbuse('signed floods', async () => {
      const tooMany = await meta.post(batch('17841400000000777', 1001));
      expect(tooMany).toMatchObject({ status: 413, body: { error: { code: 'too_many_events' } } });

      const flood = await meta.post(batch('17841400000000777', 1000));
      expect(flood).toMatchObject({ status: 200, body: { stored: 1000, queued: 0 } });
      const [{ skipped }] = await queryDatabase<{ skipped: number }>(
        database.url,
        `SELECT count(*)::int AS skipped FROM inbox_events WHERE ig_account_id = '17841400000000777' AND status = 'skipped' AND error = 'unknown_instagram_account'`,
      );
      expect(skipped).toBe(1000);

      // A real account's event right behind the flood is handled at once: nothing was queued ahead of it.
      await publish(victim.apiKey, 'after flood', reply('afterflood', 'Still here'));
      await meta.dm({ igUserId: victim.igUserId, senderId: 'igsid-after-flood', text: 'afterflood' });
      await waitFor(
        () => sendsTo('igsid-after-flood'),
        (sends) => sends.length === 1,
        30_000,
        'the reply after the flood',
      );
    });
  });

  it('M3: quotas on flows, edges and kept versions with stable codes; the flow list carries summaries, never drafts', async () => {
    await underAbuse('quota probes', async () => {
      const tooManyEdges: FlowGraph = {
        ...answerLoop('edges'),
        edges: Array.from({ length: MAX_EDGES + 1 }, (_, index) => ({ ...edge('q', 'answered', 'q'), id: `e${index}` })),
      };
      const refusedEdges = await createFlow(quotas.apiKey, 'many edges', tooManyEdges);
      expect(refusedEdges).toMatchObject({ status: 413, body: { error: { code: 'flow_too_large' } } });

      const { flowId } = await publish(quotas.apiKey, 'versions', reply('versions', 'v'));
      for (let index = 0; index < MAX_VERSIONS + 2; index++) {
        expect((await api(`/v1/flows/${flowId}/publish`, quotas.apiKey, { method: 'POST' })).status).toBe(201);
      }
      const versions = await readJson(await api(`/v1/flows/${flowId}/versions?limit=100`, quotas.apiKey));
      expect(versions.data).toHaveLength(MAX_VERSIONS);

      const existing = (await readJson(await api('/v1/flows?limit=100', quotas.apiKey))).data.length;
      for (let index = existing; index < MAX_FLOWS; index++) {
        expect((await createFlow(quotas.apiKey, `flow ${index}`, reply(`k${index}`, 'x'))).status).toBe(201);
      }
      const refusedFlow = await createFlow(quotas.apiKey, 'one too many', reply('over', 'x'));
      expect(refusedFlow).toMatchObject({ status: 409, body: { error: { code: 'flow_limit_reached' } } });

      const list = await readJson(await api('/v1/flows?limit=100', quotas.apiKey));
      expect(list.data).toHaveLength(MAX_FLOWS);
      for (const summary of list.data) {
        expect(summary).not.toHaveProperty('draft');
        expect(summary.trigger_summary).toEqual(expect.any(String));
      }
    });
  });

  it('L1: deeply nested JSON gets 400 (or 413) in the envelope on every /v1 body route, /api-webhook and the Meta webhook', async () => {
    const operations = (await fetchApiOperations(suite.stack.server.url)).filter((operation) =>
      ['POST', 'PATCH', 'PUT'].includes(operation.method),
    );
    expect(operations.length).toBeGreaterThan(10);
    await underAbuse('deep JSON bodies', async () => {
      for (const depth of [5_000, 20_000]) {
        const body = `{"variables":{"a":${deep(depth)}},"draft":${deep(depth)}}`;
        for (const operation of operations) {
          const path = fillPath(operation.path, Object.fromEntries(operation.pathParams.map((name) => [name, randomUUID()])));
          const response = await api(path, attacker.apiKey, { method: operation.method, body });
          const answer = await readJson(response);
          expect({ operation: operation.key, depth, status: response.status, code: answer?.error?.code }).toEqual({
            operation: operation.key,
            depth,
            status: 400,
            code: 'json_too_deep',
          });
        }
        const actionApi = await fetch(`${suite.stack.server.url}/api-webhook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': attacker.apiKey, 'idempotency-key': `deep-${depth}` },
          body: `{"action":"send","message":${deep(depth)}}`,
        });
        expect({ depth, status: actionApi.status }).toEqual({ depth, status: 400 });

        const signed = `{"object":"instagram","entry":[{"id":"${attacker.igUserId}","messaging":${deep(depth)}}]}`;
        const metaAnswer = await fetch(`${suite.stack.server.url}/meta/webhook`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hub-signature-256': metaSignature(signed, suite.stack.server.env.META_APP_SECRET),
          },
          body: signed,
        });
        expect({ depth, status: metaAnswer.status, body: await readJson(metaAnswer) }).toMatchObject({
          depth,
          status: 400,
          body: { error: { code: 'json_too_deep' } },
        });
      }
    });
  });

  it('L2–L5: header values a header cannot carry are refused at save; IPv6 transition forms refused; no DNS answers leaked; templates read own properties only', async () => {
    await underAbuse('request-shape probes', async () => {
      const webhook = (url: string, extraHeaders: Array<{ name: string; value: string }> = []) =>
        api('/v1/webhooks', attacker.apiKey, {
          method: 'POST',
          body: JSON.stringify({ url, events: ['question_answered'], extra_headers: extraHeaders }),
        });
      for (const value of ['tok😀', 'a\u0001b']) {
        const refused = await webhook('https://example.com/hook', [{ name: 'X-Token', value }]);
        expect({ value, status: refused.status }).toEqual({ value, status: 400 });
      }
      for (const url of ['http://[::7f00:1]/', 'http://[::ffff:0:7f00:1]/', 'http://[2002:7f00:1::]/']) {
        const refused = await webhook(url);
        expect({ url, status: refused.status, code: (await readJson(refused)).error.code }).toEqual({
          url,
          status: 422,
          code: 'private_url_refused',
        });
      }
      const localhost = await readJson(await webhook('http://localhost./hook'));
      expect(JSON.stringify(localhost)).not.toContain('127.0.0.1');

      const protoFlow: FlowGraph = reply('proto', 'x={{constructor}}|{{toString}}|{{__proto__}}');
      await publish(attacker.apiKey, 'proto', protoFlow);
      await meta.dm({ igUserId: attacker.igUserId, senderId: 'igsid-proto', text: 'proto' });
      const [sent] = await waitFor(
        () => sendsTo('igsid-proto'),
        (sends) => sends.length === 1,
        20_000,
        'the templated reply',
      );
      expect(JSON.stringify(sent.body)).not.toContain('native code');
    });
  });

  it('L6: credentials in HTTP request headers are stored encrypted, shown masked, kept when sent back masked, and sent in clear only to the receiver', async () => {
    const secret = 'Bearer e2e-crm-secret-7788';
    const crm = await startHeldHttpServer();
    try {
      crm.release();
      await underAbuse('credential round trips', async () => {
        const created = await createFlow(
          attacker.apiKey,
          'crm with key',
          callCrm('crmkey', `${crm.url}/leads`, [{ name: 'Authorization', value: secret }]),
        );
        expect(created.status).toBe(201);
        const authorizationIn = (graph: FlowGraph) =>
          (graph.nodes.find((candidate) => candidate.id === 'h')?.data.config.headers as Array<{ value: string }>)[0].value;
        expect(authorizationIn(created.body.draft)).toBe('****7788');
        const stored = async () =>
          (
            await queryDatabase<{ draft: string }>(database.url, 'SELECT draft::text AS draft FROM flows WHERE id = $1', [created.body.id])
          )[0].draft;
        const before = await stored();
        expect(before).not.toContain('e2e-crm-secret');
        expect(before).toContain('enc:v1.');

        // The editor saves the draft as it got it: the masked value keeps the stored credential.
        const fetched = await readJson(await api(`/v1/flows/${created.body.id}`, attacker.apiKey));
        const saved = await api(`/v1/flows/${created.body.id}`, attacker.apiKey, {
          method: 'PATCH',
          body: JSON.stringify({ draft: fetched.draft, revision: fetched.revision }),
        });
        expect(saved.status).toBe(200);
        expect(await stored()).toBe(before);

        const published = await readJson(await api(`/v1/flows/${created.body.id}/publish`, attacker.apiKey, { method: 'POST' }));
        expect(authorizationIn(published.graph)).toBe('****7788');

        await meta.dm({ igUserId: attacker.igUserId, senderId: 'igsid-crm-key', text: 'crmkey' });
        await waitFor(
          () => crm.answered(),
          (answered) => answered === 1,
          30_000,
          'the CRM call',
        );
        expect(crm.requests()[0].headers.authorization).toBe(secret);
        const effects = await queryDatabase<{ effect: string }>(
          database.url,
          `SELECT effect::text AS effect FROM run_effects WHERE effect_type = 'http_request'`,
        );
        expect(effects.some((row) => row.effect.includes('e2e-crm-secret'))).toBe(false);
      });
    } finally {
      await crm.close();
    }
  });
});
