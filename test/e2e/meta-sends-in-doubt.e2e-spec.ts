import { commentWebhook, dmWebhook, type RecordedCall } from '@dmflow/sandbox';
import { chain, commentFlow, node, publishFlow, text, trigger } from '../src/fixtures/instagram-flows';
import { FLOW_SCHEMA_VERSION } from '@dmflow/shared';
import { queryDatabase, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

/** Reconciliation gives up after 12 s here (1 h by default), so the "Conversations API down" case ends in a test. */
const RECONCILE_DEADLINE_MS = 12_000;

const dmFlow = (keyword: string, reply: string) => ({
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [trigger({ source: 'dm_keyword', keywords: [keyword] }), node('dm', 'send_message', text(reply)), node('end', 'end', {})],
  edges: chain('trigger', 'dm', 'end'),
});

interface RunRow {
  id: string;
  status: string;
  error: string | null;
}

describe('a send in doubt (its answer lost) is settled by asking Instagram, never by guessing', () => {
  const suite = useServerWithTenants({
    tenants: [{ plan: 'trendsetter_pro' }],
    env: { SENDS_RECONCILE_DEADLINE_MS: String(RECONCILE_DEADLINE_MS) },
  });
  const { graph, meta, database } = suite;
  const tenant = () => suite.tenants[0];

  beforeAll(async () => {
    await publishFlow(database.url, tenant(), 'Price comments', commentFlow('price'));
    await publishFlow(database.url, tenant(), 'Found', dmFlow('found', 'Your guide is attached (found).'));
    await publishFlow(database.url, tenant(), 'Lost', dmFlow('lost', 'Your guide is attached (lost).'));
    await publishFlow(database.url, tenant(), 'Down', dmFlow('down', 'Your guide is attached (down).'));
  });
  afterEach(() => graph.clearFailures());

  /** The contact's one run, once `done` holds for it and its send is settled (a completed run's effects run after it completes). */
  const runOf = (igUserId: string, done: (run: RunRow) => boolean, what: string) =>
    waitFor(
      () =>
        queryDatabase<RunRow>(
          database.url,
          `SELECT r.id, r.status, r.error FROM flow_runs r JOIN contacts c ON c.id = r.contact_id WHERE c.ig_user_id = $1
              AND NOT EXISTS (SELECT 1 FROM run_effects e WHERE e.run_id = r.id AND e.effect_type = 'send_message' AND e.status = 'pending')`,
          [igUserId],
        ),
      (rows) => rows.length === 1 && done(rows[0]),
      60_000,
      what,
    ).then((rows) => rows[0]);
  const effectOf = async (runId: string) =>
    (
      await queryDatabase<{ status: string; attempts: number; result: { message_id: string | null } | null; last_error: string | null }>(
        database.url,
        `SELECT status, attempts, result, last_error FROM run_effects WHERE run_id = $1 AND effect_type = 'send_message'`,
        [runId],
      )
    )[0];
  const dmsTo = async (igUserId: string): Promise<RecordedCall[]> =>
    (await graph.calls('/messages')).filter((call) => call.method === 'POST' && call.body?.recipient?.id === igUserId);
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await suite.api(path, tenant().apiKey, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('private reply: the re-send is refused with 2534025, so the first went out; recorded with its id, no second reply', async () => {
    const commentId = 'doubt-comment-1';
    const commenter = 'igsid-doubt-commenter';
    await graph.setCommenter(commentId, commenter);
    await graph.loseResponses({ mode: 'drop', count: 1, pathContains: `/${tenant().igUserId}/messages` });
    const posted = await meta.post(
      JSON.stringify(commentWebhook({ igUserId: tenant().igUserId, text: 'price?', commentId, fromId: commenter, username: 'jdoe' })),
    );
    expect(posted.status).toBe(200);

    const run = await runOf(commenter, (row) => row.status === 'completed', 'the run completed');
    const privateReplies = (await graph.calls('/messages')).filter((call) => call.body?.recipient?.comment_id === commentId);
    expect(privateReplies.map((call) => [call.status, call.lostResponse ?? null, call.response?.error?.error_subcode ?? null])).toEqual([
      [200, 'drop', null],
      [400, null, 2534025],
    ]);
    const effect = await effectOf(run.id);
    expect(effect).toMatchObject({ status: 'done', result: { message_id: privateReplies[0].response.message_id } });
  });

  it('DM: found in the conversation after the claim, it is recorded with its id and not sent again', async () => {
    const person = 'igsid-doubt-found';
    await graph.loseResponses({ mode: 'bad_gateway', count: 1, pathContains: `/${tenant().igUserId}/messages` });
    expect((await meta.post(JSON.stringify(dmWebhook({ igUserId: tenant().igUserId, senderId: person, text: 'found' })))).status).toBe(200);

    const run = await runOf(person, (row) => row.status === 'completed', 'the run completed');
    const sends = await dmsTo(person);
    expect(sends.map((call) => [call.status, call.lostResponse ?? null])).toEqual([[200, 'bad_gateway']]);
    // The attempts spent asking Instagram are not counted: only the one that settled it.
    expect(await effectOf(run.id)).toMatchObject({ status: 'done', attempts: 1, result: { message_id: sends[0].response.message_id } });
    const lookups = (await graph.calls()).filter((call) => call.method === 'GET');
    expect(lookups.some((call) => call.path === `/${tenant().igUserId}/conversations`)).toBe(true);
  });

  it('DM: not in the conversation (lost on its way to Meta), it is sent again exactly once', async () => {
    const person = 'igsid-doubt-lost';
    await graph.loseResponses({ mode: 'drop', count: 1, performed: false, pathContains: `/${tenant().igUserId}/messages` });
    expect((await meta.post(JSON.stringify(dmWebhook({ igUserId: tenant().igUserId, senderId: person, text: 'lost' })))).status).toBe(200);

    const run = await runOf(person, (row) => row.status === 'completed', 'the run completed');
    const sends = await dmsTo(person);
    expect(sends.map((call) => [call.status, call.lostResponse ?? null])).toEqual([
      [0, 'drop'],
      [200, null],
    ]);
    // The lookups while the claim settled (10 s) are not counted against the effect's 12: only the re-send is.
    expect(await effectOf(run.id)).toMatchObject({ status: 'done', attempts: 1, result: { message_id: sends[1].response.message_id } });
  });

  it('Conversations API down past the deadline: the run stays in_doubt, listed and in its history; a person retries it once Instagram answers', async () => {
    const person = 'igsid-doubt-down';
    await graph.fail({ error: 'server_error', pathContains: '/conversations' });
    await graph.loseResponses({ mode: 'drop', count: 1, pathContains: `/${tenant().igUserId}/messages` });
    expect((await meta.post(JSON.stringify(dmWebhook({ igUserId: tenant().igUserId, senderId: person, text: 'down' })))).status).toBe(200);

    const stuck = await runOf(person, (row) => row.status === 'in_doubt', 'the run in doubt');
    expect(stuck.error).toMatch(
      /^send_message at node dm failed: send_in_doubt: Could not find out from Instagram whether the message went out/,
    );
    const listed = await api('GET', '/v1/runs?status=in_doubt');
    expect(listed.status).toBe(200);
    const inDoubt = (listed.body.data as Array<{ id: string; status: string }>).map((run) => [run.id, run.status]);
    expect(inDoubt).toContainEqual([stuck.id, 'in_doubt']);
    expect(inDoubt.every(([, status]) => status === 'in_doubt')).toBe(true);
    const detail = await api('GET', `/v1/runs/${stuck.id}`);
    const effects = (detail.body.steps as Array<{ effects: Array<{ type: string; status: string; last_error: string }> }>).flatMap(
      (step) => step.effects,
    );
    expect(effects.find((effect) => effect.type === 'send_message')).toMatchObject({
      status: 'failed',
      last_error: expect.stringMatching(/^send_in_doubt: /),
    });
    expect(await dmsTo(person)).toHaveLength(1);

    await graph.clearFailures();
    const retried = await api('POST', `/v1/runs/${stuck.id}/retry`, {});
    expect(retried.status).toBe(200);
    const run = await runOf(person, (row) => row.status === 'completed', 'the retried run completed');
    const sends = await dmsTo(person);
    expect(sends.map((call) => call.status)).toEqual([200]);
    expect(await effectOf(run.id)).toMatchObject({ status: 'done', result: { message_id: sends[0].response.message_id } });
  });
});
