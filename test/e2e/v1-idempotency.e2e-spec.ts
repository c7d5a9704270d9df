import { createEmptyFlow } from '@dmflow/shared';
import { queryDatabase, readJson } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';

describe('/v1 POSTs honour Idempotency-Key with the /api-webhook contract', () => {
  const suite = useServerWithTenants({ tenants: [{}, {}] });
  const {
    api,
    database,
    tenants: [tenant, other],
  } = suite;
  const post = (path: string, body: unknown, headers: Record<string, string> = {}, key = tenant.apiKey) =>
    api(path, key, { method: 'POST', body: JSON.stringify(body), headers });
  const copiesOf = async (flowId: string) =>
    (
      await queryDatabase<{ id: string }>(
        database.url,
        `SELECT id FROM flows WHERE name = (SELECT name FROM flows WHERE id = $1) || ' (copy)'`,
        [flowId],
      )
    ).length;

  let flowId: string;
  beforeAll(async () => {
    const created = await post('/v1/flows', { name: 'Original', draft: createEmptyFlow() });
    expect(created.status).toBe(201);
    flowId = (await readJson(created)).id;
  });

  it('two POST /v1/flows/{id}/duplicate with one key make one copy; the second answer is the first, replayed', async () => {
    const first = await post(`/v1/flows/${flowId}/duplicate`, {}, { 'Idempotency-Key': 'dup-1' });
    const second = await post(`/v1/flows/${flowId}/duplicate`, {}, { 'Idempotency-Key': 'dup-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await readJson(second)).toEqual(await readJson(first));
    expect(await copiesOf(flowId)).toBe(1);
  });

  it('the same key with another body is refused (422 idempotency_key_reused), as /api-webhook does, and makes nothing', async () => {
    await post(`/v1/flows/${flowId}/duplicate`, { name: 'A' }, { 'Idempotency-Key': 'dup-2' });
    const reused = await post(`/v1/flows/${flowId}/duplicate`, { name: 'B' }, { 'Idempotency-Key': 'dup-2' });
    expect(reused.status).toBe(422);
    expect((await readJson(reused)).error).toMatchObject({
      code: 'idempotency_key_reused',
      message: 'This Idempotency-Key was already used with a different request body.',
    });
    expect(await queryDatabase(database.url, `SELECT 1 FROM flows WHERE name = 'B'`)).toHaveLength(0);
  });

  it('concurrent requests with one key make one copy', async () => {
    const answers = await Promise.all(
      [1, 2, 3].map(() => post(`/v1/flows/${flowId}/duplicate`, { name: 'Raced' }, { 'Idempotency-Key': 'dup-3' })),
    );
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    expect(new Set(await Promise.all(answers.map(async (answer) => (await readJson(answer)).id))).size).toBe(1);
    expect(await queryDatabase(database.url, `SELECT 1 FROM flows WHERE name = 'Raced'`)).toHaveLength(1);
  });

  it('a refusal is not stored: the same key works once the request is right; keys are per account', async () => {
    const missing = await post('/v1/flows/00000000-0000-4000-8000-000000000000/duplicate', {}, { 'Idempotency-Key': 'dup-4' });
    expect(missing.status).toBe(404);
    const invalid = await post('/v1/flows', { name: '' }, { 'Idempotency-Key': 'create-1' });
    expect(invalid.status).toBe(400);
    const created = await post('/v1/flows', { name: 'Made once', draft: createEmptyFlow() }, { 'Idempotency-Key': 'create-1' });
    expect(created.status).toBe(201);
    const elsewhere = await post(
      '/v1/flows',
      { name: 'Made once', draft: createEmptyFlow() },
      { 'Idempotency-Key': 'create-1' },
      other.apiKey,
    );
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.headers.get('idempotent-replayed')).toBeNull();
    expect(await queryDatabase(database.url, `SELECT 1 FROM flows WHERE name = 'Made once'`)).toHaveLength(2);
  });

  it('an invalid key is refused with 400 invalid_idempotency_key', async () => {
    const response = await post(`/v1/flows/${flowId}/duplicate`, {}, { 'Idempotency-Key': 'has space' });
    expect(response.status).toBe(400);
    expect((await readJson(response)).error.code).toBe('invalid_idempotency_key');
  });
});
