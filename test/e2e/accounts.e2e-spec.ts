import { createTenant, createTestDatabase, readJson, runCli, ServerProcess, startServer, TestDatabase } from '../src/harness';

describe('accounts, API keys and the CLI', () => {
  let database: TestDatabase;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer({ databaseUrl: database.url });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const whoami = (headers: Record<string, string>) => fetch(`${server.url}/v1/whoami`, { headers });

  it('authenticates with either header, and a revoked key stops working', async () => {
    const tenant = await createTenant(server.env);
    const headerForms: Array<Record<string, string>> = [{ Authorization: `Bearer ${tenant.apiKey}` }, { 'x-api-key': tenant.apiKey }];
    for (const headers of headerForms) {
      const response = await whoami(headers);
      expect(response.status).toBe(200);
      expect((await readJson(response)).account.id).toBe(tenant.accountId);
    }

    const revoked = await runCli(server.env, ['key:revoke', '--account', tenant.accountId, '--key', tenant.apiKeyId]);
    expect(revoked.code).toBe(0);
    const after = await whoami({ 'x-api-key': tenant.apiKey });
    expect(after.status).toBe(401);
    expect((await readJson(after)).error).toMatchObject({ code: 'invalid_api_key', message: 'Invalid API key' });
  });

  it('answers 401 missing_api_key without a key', async () => {
    const response = await whoami({});
    expect(response.status).toBe(401);
    expect((await readJson(response)).error).toMatchObject({ code: 'missing_api_key', message: 'Missing API key' });
  });

  it('shows a key once and lists it afterwards by prefix only', async () => {
    const tenant = await createTenant(server.env);
    const listed = await runCli(server.env, ['key:list', '--account', tenant.accountId]);
    expect(listed.code).toBe(0);
    expect(listed.json).toHaveLength(1);
    expect(listed.json[0].key).toBeUndefined();
    expect(tenant.apiKey.startsWith(listed.json[0].prefix)).toBe(true);
  });

  it('reports CLI mistakes as JSON errors with a non-zero exit', async () => {
    const missing = await runCli(server.env, ['key:create']);
    expect(missing.code).toBe(1);
    expect(missing.json.error).toEqual({ code: 'usage', message: '--account is required' });

    const unknown = await runCli(server.env, ['account:delete-everything']);
    expect(unknown.code).toBe(1);
    expect(unknown.json.error.code).toBe('usage');
  });

  it('runs many commands in one process with `batch`: one JSON outcome per line, and a mistake does not stop the rest', async () => {
    const tenant = await createTenant(server.env);
    const lines = [
      JSON.stringify(['account:add-credits', '--account', tenant.accountId, '--credits', '7']),
      'key:list --account not-json',
      JSON.stringify(['key:create']),
      '',
      JSON.stringify(['account:show', '--account', tenant.accountId]),
    ];
    const batch = await runCli(server.env, ['batch'], `${lines.join('\n')}\n`);
    expect(batch.code).toBe(1);
    const outcomes = batch.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(outcomes).toEqual([
      { line: 1, ok: true, result: expect.objectContaining({ id: tenant.accountId, credits: 7 }) },
      { line: 2, ok: false, error: { code: 'usage', message: expect.stringMatching(/JSON array of strings/) } },
      { line: 3, ok: false, error: { code: 'usage', message: '--account is required' } },
      { line: 5, ok: true, result: expect.objectContaining({ id: tenant.accountId, credits: 7 }) },
    ]);
  });
});
