import { DmConversation } from '../src/fixtures/dm-conversation';
import { commentFlow, dmQuestionFlow, publishFlow } from '../src/fixtures/instagram-flows';
import { queryDatabase, readJson, waitFor } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';
const DAY_MS = 24 * 3_600_000;

interface NodeFigures {
  node_id: string;
  type: string;
  entered: number;
  exited: number;
  dropped: number;
  waiting: number;
  answers?: { answered: number; skipped: number; invalid: number; timed_out: number; answer_rate: number | null };
}

/** Node figures as rows `[node_id, entered, exited, dropped, waiting]`, easy to read as a table. */
const table = (nodes: NodeFigures[]) => nodes.map((node) => [node.node_id, node.entered, node.exited, node.dropped, node.waiting]);

describe('GET /v1/flows/:id/analytics', () => {
  const {
    api,
    database,
    graph,
    meta,
    tenants: [tenant, other],
  } = useServerWithTenants({ tenants: [{}, {}] });
  let flowId: string;
  let versionId: string;
  const runIds: Record<string, string> = {};

  const analytics = (query = '', apiKey = tenant.apiKey) => api(`/v1/flows/${flowId}/analytics${query}`, apiKey);
  const runStatus = async (id: string) => (await readJson(await api(`/v1/runs/${id}`, tenant.apiKey))).status;
  const person = (name: string) => new DmConversation(meta, database.url, tenant.igUserId, `igsid-${name}`);

  /** The scripted mix: 3 answer (2 gmail), 1 never gives a valid email, 1 still waits, 1 is cancelled, 1 fails at the welcome send. */
  async function playScript(): Promise<void> {
    for (const [name, email] of [
      ['ann', 'ann@gmail.com'],
      ['bob', 'bob@gmail.com'],
      ['cy', 'cy@example.com'],
    ]) {
      const reader = person(name);
      runIds[name] = await reader.start('guide');
      await reader.say(email);
    }
    const invalid = person('ivy');
    runIds.ivy = await invalid.start('guide');
    for (const answer of ['no', 'nope', 'never']) await invalid.say(answer);
    runIds.will = await person('will').start('guide');
    runIds.cole = await person('cole').start('guide');
    expect((await api(`/v1/runs/${runIds.cole}/cancel`, tenant.apiKey, { method: 'POST' })).status).toBe(200);
    // The failure must hit Fay's first send, not one still queued for the others.
    await waitFor(
      () => queryDatabase(database.url, `SELECT 1 FROM run_effects WHERE status = 'pending'`),
      (rows) => rows.length === 0,
      20_000,
      'earlier sends done',
    );
    await graph.fail({ error: 'invalid_token', pathContains: '/messages', count: 1 });
    runIds.fay = await person('fay').start('guide');

    const expected: Record<string, string> = {
      ann: 'completed',
      bob: 'completed',
      cy: 'completed',
      ivy: 'completed',
      will: 'waiting',
      cole: 'cancelled',
      fay: 'failed',
    };
    for (const [name, status] of Object.entries(expected))
      await waitFor(
        () => runStatus(runIds[name]),
        (current) => current === status,
        20_000,
        `${name}'s run ${status}`,
      );
  }

  beforeAll(async () => {
    ({ flowId, versionId } = await publishFlow(database.url, tenant, 'Guide', dmQuestionFlow('guide')));
    await playScript();
  });

  it('counts runs and per-node visits, drops, waits and answers for the published version over the last 30 days', async () => {
    const response = await analytics();
    expect(response.status).toBe(200);
    const body = await readJson(response);
    expect(body).toMatchObject({
      flow_id: flowId,
      flow_version_id: versionId,
      runs: { entered: 7, completed: 4, dropped: 2, in_progress: 1 },
      conversion_rate: 0.5714,
    });
    expect(Date.parse(body.to) - Date.parse(body.from)).toBe(30 * DAY_MS);
    expect(table(body.nodes)).toEqual([
      ['trigger', 7, 7, 0, 0],
      // Fay's welcome never went out: her run dropped there, and what the machine did after it is not counted.
      ['welcome', 7, 6, 1, 0],
      // Cole was cancelled at the question; Will still waits there.
      ['ask_email', 6, 4, 1, 1],
      ['is_gmail', 3, 3, 0, 0],
      ['tag_vip', 2, 2, 0, 0],
      ['wait', 3, 3, 0, 0],
      ['thanks', 3, 3, 0, 0],
      ['end', 4, 4, 0, 0],
    ]);
    const question = body.nodes.find((node: NodeFigures) => node.node_id === 'ask_email');
    expect(question).toMatchObject({ type: 'question', answers: { answered: 3, skipped: 0, invalid: 1, timed_out: 0, answer_rate: 0.5 } });
    expect(body.nodes.filter((node: NodeFigures) => node.answers)).toHaveLength(1);
    expect(await readJson(await analytics(`?version_id=${versionId}`))).toMatchObject({ runs: body.runs, nodes: body.nodes });
  });

  it('counts only runs started in [from, to)', async () => {
    await queryDatabase(database.url, `UPDATE flow_runs SET started_at = started_at - interval '40 days' WHERE id = ANY($1::uuid[])`, [
      [runIds.ann, runIds.ivy],
    ]);

    const recent = await readJson(await analytics());
    expect(recent.runs).toEqual({ entered: 5, completed: 2, dropped: 2, in_progress: 1 });
    expect(recent.nodes.find((node: NodeFigures) => node.node_id === 'ask_email').answers).toMatchObject({
      answered: 2,
      invalid: 0,
      answer_rate: 0.5,
    });

    const from = new Date(Date.now() - 45 * DAY_MS).toISOString();
    const to = new Date(Date.now() - 35 * DAY_MS).toISOString();
    const older = await readJson(await analytics(`?from=${from}&to=${to}`));
    expect(older).toMatchObject({ from, to, runs: { entered: 2, completed: 2, dropped: 0, in_progress: 0 }, conversion_rate: 1 });
    expect(table(older.nodes)).toEqual([
      ['trigger', 2, 2, 0, 0],
      ['welcome', 2, 2, 0, 0],
      ['ask_email', 2, 2, 0, 0],
      ['is_gmail', 1, 1, 0, 0],
      ['tag_vip', 1, 1, 0, 0],
      ['wait', 1, 1, 0, 0],
      ['thanks', 1, 1, 0, 0],
      ['end', 2, 2, 0, 0],
    ]);
    expect(older.nodes[2].answers).toEqual({ answered: 1, skipped: 0, invalid: 1, timed_out: 0, answer_rate: 0.5 });

    const empty = await readJson(await analytics(`?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z`));
    expect(empty.runs).toEqual({ entered: 0, completed: 0, dropped: 0, in_progress: 0 });
    expect(empty.conversion_rate).toBeNull();
    expect(empty.nodes[2].answers.answer_rate).toBeNull();
  });

  it('refuses a bad range, a malformed query and a version of another flow', async () => {
    const cases: Array<[string, number, string]> = [
      ['?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 400, 'invalid_date_range'],
      ['?from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z', 400, 'invalid_date_range'],
      ['?from=2025-01-01T00:00:00Z&to=2026-03-01T00:00:00Z', 400, 'date_range_too_long'],
      ['?from=yesterday', 400, 'validation_failed'],
      ['?version_id=v1', 400, 'validation_failed'],
      ['?version_id=00000000-0000-4000-8000-000000000000', 404, 'flow_version_not_found'],
    ];
    const { versionId: otherFlowVersion } = await publishFlow(database.url, tenant, 'Comments', commentFlow('price'));
    cases.push([`?version_id=${otherFlowVersion}`, 404, 'flow_version_not_found']);
    for (const [query, status, code] of cases) {
      const response = await analytics(query);
      expect([query, response.status, (await readJson(response)).error.code]).toEqual([query, status, code]);
    }

    const draftOnly = await readJson(
      await api('/v1/flows', tenant.apiKey, { method: 'POST', body: JSON.stringify({ name: 'Unpublished' }) }),
    );
    const unpublished = await api(`/v1/flows/${draftOnly.id}/analytics`, tenant.apiKey);
    expect(unpublished.status).toBe(404);
    expect((await readJson(unpublished)).error.code).toBe('flow_not_published');
  });

  it("never shows another account's flow", async () => {
    const response = await analytics('', other.apiKey);
    expect(response.status).toBe(404);
    expect((await readJson(response)).error.code).toBe('flow_not_found');
    expect((await analytics(`?version_id=${versionId}`, other.apiKey)).status).toBe(404);
  });
});
