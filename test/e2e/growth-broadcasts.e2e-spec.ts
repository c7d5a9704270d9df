import { mostInAnySecond, queryDatabase, quietPeriod, readJson, seedAudience, sendsByRecipient, waitFor, type Json } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';
import { chain, node, text, trigger } from '../src/fixtures/instagram-flows';
import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';

/** Meta's per-account Send API limit for text (reference/meta-instagram-api.md §4), which no broadcast may exceed. */
const ACCOUNT_SEND_LIMIT = 300;
/** The slow broadcast: long enough (15 s) to pause it part-way even on a loaded machine. */
const PACED = 60;
const PACED_RATE = 4;

describe('broadcasts to a segment', () => {
  const suite = useServerWithTenants({ tenants: [{}, {}] });
  const {
    api,
    database,
    graph,
    tenants: [tenant, other],
  } = suite;

  const post = async (path: string, body: unknown, apiKey = tenant.apiKey) => {
    const response = await api(path, apiKey, { method: 'POST', body: JSON.stringify(body) });
    return { status: response.status, body: await readJson(response) };
  };
  const broadcastOf = async (id: string): Promise<Json> => readJson(await api(`/v1/broadcasts/${id}`, tenant.apiKey));
  const finished = (id: string, timeoutMs = 60_000) =>
    waitFor(
      () => broadcastOf(id),
      (broadcast) => broadcast.status === 'completed',
      timeoutMs,
      `broadcast ${id} to complete`,
    );
  const segmentFor = async (tag: string) => {
    const created = await post('/v1/segments', { name: `Tagged ${tag}`, filter: { tags: [tag] } });
    expect(created.status).toBe(201);
    return created.body;
  };

  it('sends one message to each contact inside the 24-hour window, reports the rest with reasons, never above the send limit', async () => {
    const audience = await seedAudience(database.url, tenant, { prefix: 'ci', tag: 'vip', inside: 200, outside: 100, unsubscribed: 5 });
    // Not in the segment: no tag, and another workspace's contact with the tag.
    await seedAudience(database.url, tenant, { prefix: 'untagged', tag: 'other', inside: 10, outside: 0 });
    const foreign = await seedAudience(database.url, other, { prefix: 'foreign', tag: 'vip', inside: 10, outside: 0 });
    const segment = await segmentFor('vip');
    expect(segment.contact_count).toBe(305);

    const created = await post('/v1/broadcasts', {
      name: 'Spring sale',
      segment_id: segment.id,
      instagram_account_id: tenant.instagramAccountId,
      message: { text: 'Spring sale: 20% off today' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'scheduled', sends_per_second: ACCOUNT_SEND_LIMIT });
    const done = await finished(created.body.id, 120_000);
    expect(done.stats).toEqual({ total: 305, pending: 0, sent: 200, failed: 0, skipped: { outside_24h_window: 100, unsubscribed: 5 } });

    await quietPeriod(1_000);
    const calls = (await graph.calls('/messages')).filter((call) => call.body?.message?.text === 'Spring sale: 20% off today');
    const byRecipient = sendsByRecipient(calls, [
      ...audience.eligible,
      ...audience.outsideWindow,
      ...audience.unsubscribed,
      ...foreign.eligible,
    ]);
    expect([...byRecipient.keys()].sort()).toEqual([...audience.eligible].sort());
    for (const sends of byRecipient.values()) expect(sends).toHaveLength(1);
    expect(calls).toHaveLength(200);
    expect(mostInAnySecond(calls)).toBeLessThanOrEqual(ACCOUNT_SEND_LIMIT);
  });

  it('paces a slow broadcast at its rate, pauses and resumes it, and cancels a scheduled one before it sends', async () => {
    const audience = await seedAudience(database.url, tenant, { prefix: 'paced', tag: 'paced', inside: PACED, outside: 0 });
    const segment = await segmentFor('paced');
    const message = { text: 'Paced hello' };
    const created = await post('/v1/broadcasts', {
      name: 'Paced',
      segment_id: segment.id,
      instagram_account_id: tenant.instagramAccountId,
      message,
      sends_per_second: PACED_RATE,
    });
    const id = created.body.id;
    const sentSoFar = async () => (await graph.calls('/messages')).filter((call) => call.body?.message?.text === message.text);
    await waitFor(sentSoFar, (calls) => calls.length >= 3, 30_000, 'the first sends');
    const paused = await post(`/v1/broadcasts/${id}/pause`, {});
    expect(paused).toMatchObject({ status: 200, body: { status: 'paused' } });
    expect((await post(`/v1/broadcasts/${id}/pause`, {})).body.error.code).toBe('broadcast_not_changeable');
    // What was in flight when it paused lands; then nothing more.
    await quietPeriod(1_500);
    const atPause = (await sentSoFar()).length;
    await quietPeriod(1_500);
    expect((await sentSoFar()).length).toBe(atPause);
    expect(atPause).toBeLessThan(PACED);
    const progress = await broadcastOf(id);
    expect(progress.stats).toMatchObject({ total: PACED, sent: atPause, pending: PACED - atPause });

    expect((await post(`/v1/broadcasts/${id}/resume`, {})).body.status).toBe('scheduled');
    await finished(id);
    const calls = await sentSoFar();
    expect(calls).toHaveLength(PACED);
    expect(new Set(calls.map((call) => call.body.recipient.id))).toEqual(new Set(audience.eligible));
    // Paced: the sends after the resume are spread over at least (n - 1) / rate seconds (less arrival jitter).
    const resumed = calls.slice(atPause).map((call) => Date.parse(call.at));
    expect(Math.max(...resumed) - Math.min(...resumed)).toBeGreaterThanOrEqual(((resumed.length - 1) / PACED_RATE) * 1000 - 500);

    const later = await post('/v1/broadcasts', {
      name: 'Tomorrow',
      segment_id: segment.id,
      instagram_account_id: tenant.instagramAccountId,
      message: { text: 'Tomorrow only' },
      scheduled_at: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(later.body.status).toBe('scheduled');
    await quietPeriod(1_500);
    expect((await broadcastOf(later.body.id)).status).toBe('scheduled');
    expect((await post(`/v1/broadcasts/${later.body.id}/cancel`, {})).body.status).toBe('cancelled');
    expect((await graph.calls('/messages')).filter((call) => call.body?.message?.text === 'Tomorrow only')).toEqual([]);
    expect((await api(`/v1/segments/${segment.id}`, tenant.apiKey, { method: 'DELETE' })).status).toBe(409);
  });

  it('survives a crash mid-way: after the restart it carries on, and nobody gets the message twice', async () => {
    const audience = await seedAudience(database.url, tenant, { prefix: 'crash', tag: 'crash', inside: 60, outside: 0 });
    const segment = await segmentFor('crash');
    const message = { text: 'Sent across a crash' };
    const created = await post('/v1/broadcasts', {
      name: 'Crash',
      segment_id: segment.id,
      instagram_account_id: tenant.instagramAccountId,
      message,
      sends_per_second: 10,
    });
    const sent = async () => (await graph.calls('/messages')).filter((call) => call.body?.message?.text === message.text);
    await waitFor(sent, (calls) => calls.length >= 10, 30_000, 'the first sends');
    await suite.stack.server.kill();
    const beforeCrash = (await sent()).length;
    expect(beforeCrash).toBeLessThan(60);
    await suite.stack.server.restart();
    // The dead worker's lease (30 s) runs out, then the restarted one takes the broadcast over.
    await finished(created.body.id, 120_000);
    const byRecipient = sendsByRecipient(await sent(), audience.eligible);
    expect(byRecipient.size).toBe(60);
    for (const sends of byRecipient.values()) expect(sends).toHaveLength(1);
  });

  it('starts a published flow for each eligible contact', async () => {
    const graphOfFlow: FlowGraph = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [
        trigger({ source: 'dm_keyword', keywords: ['never-typed'] }),
        node('hello', 'send_message', text('From the flow')),
        node('end', 'end', {}),
      ],
      edges: chain('trigger', 'hello', 'end'),
    };
    const flow = await post('/v1/flows', { name: 'Broadcast flow', draft: graphOfFlow });
    expect((await post(`/v1/flows/${flow.body.id}/publish`, {})).status).toBe(201);
    const audience = await seedAudience(database.url, tenant, { prefix: 'flow', tag: 'flowers', inside: 4, outside: 2 });
    const segment = await segmentFor('flowers');
    const created = await post('/v1/broadcasts', {
      name: 'Flow broadcast',
      segment_id: segment.id,
      instagram_account_id: tenant.instagramAccountId,
      flow_id: flow.body.id,
    });
    const done = await finished(created.body.id);
    expect(done.stats).toEqual({ total: 6, pending: 0, sent: 4, failed: 0, skipped: { outside_24h_window: 2 } });
    const sends = await waitFor(
      async () => (await graph.calls('/messages')).filter((call) => call.body?.message?.text === 'From the flow'),
      (calls) => calls.length >= 4,
      30_000,
      'the flow messages',
    );
    expect(new Set(sends.map((call) => call.body.recipient.id))).toEqual(new Set(audience.eligible));
    const runs = await queryDatabase<{ count: number }>(database.url, 'SELECT count(*)::int AS count FROM flow_runs WHERE flow_id = $1', [
      flow.body.id,
    ]);
    expect(runs[0].count).toBe(4);
  });

  it('refuses bad input with stable codes and keeps workspaces apart', async () => {
    const segment = await segmentFor('isolated');
    const neither = await post('/v1/broadcasts', { name: 'x', segment_id: segment.id, instagram_account_id: tenant.instagramAccountId });
    expect(neither).toMatchObject({ status: 422, body: { error: { code: 'broadcast_invalid' } } });
    const tooFast = await post('/v1/broadcasts', {
      name: 'x',
      segment_id: segment.id,
      instagram_account_id: tenant.instagramAccountId,
      message: { text: 'hi' },
      sends_per_second: ACCOUNT_SEND_LIMIT + 1,
    });
    expect(tooFast.status).toBe(400);
    const foreignSegment = await post(
      '/v1/broadcasts',
      { name: 'x', segment_id: segment.id, instagram_account_id: other.instagramAccountId, message: { text: 'hi' } },
      other.apiKey,
    );
    expect(foreignSegment).toMatchObject({ status: 404, body: { error: { code: 'segment_not_found' } } });
    const foreignAccount = await post('/v1/broadcasts', {
      name: 'x',
      segment_id: segment.id,
      instagram_account_id: other.instagramAccountId,
      message: { text: 'hi' },
    });
    expect(foreignAccount).toMatchObject({ status: 422, body: { error: { code: 'broadcast_invalid' } } });
    expect((await api(`/v1/segments/${segment.id}`, other.apiKey)).status).toBe(404);
  });
});
