import {
  readJson,
  createTestDatabase,
  freePort,
  runServerExpectingExit,
  startRedis,
  startServer,
  baseServerEnv,
  TestDatabase,
  RedisProcess,
  ServerProcess,
  loadScaledDeadline,
  waitFor,
} from '../src/harness';

describe('e2e harness: the built server against real Postgres and Redis', () => {
  let database: TestDatabase;
  let redis: RedisProcess;
  let server: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await startRedis();
    server = await startServer({ databaseUrl: database.url, redisUrl: redis.url });
  });

  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
    await database?.drop();
  });

  it('reports Postgres and Redis up, with a request id', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/);
    expect(await readJson(response)).toEqual({ status: 'ok', postgres: 'up', redis: 'up' });
  });

  it('logs each request as one JSON line carrying its request id', async () => {
    const response = await fetch(`${server.url}/health`, { headers: { 'X-Request-Id': 'trace-abc-123' } });
    expect(response.headers.get('x-request-id')).toBe('trace-abc-123');
    const line = await waitFor(
      () =>
        server
          .logs()
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>)
          .find((entry) => entry.request_id === 'trace-abc-123'),
      (entry) => entry !== undefined,
      5_000,
      'the request log line',
    );
    expect(line).toMatchObject({ level: 'info', msg: 'request', method: 'GET', path: '/health', status: 200 });
  });

  it('answers unknown routes and malformed JSON with the error envelope', async () => {
    const missing = await fetch(`${server.url}/no-such-route`);
    expect(missing.status).toBe(404);
    expect((await readJson(missing)).error).toMatchObject({ code: 'not_found', request_id: expect.stringMatching(/^req_/) });

    const malformed = await fetch(`${server.url}/health`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{bad',
    });
    expect(malformed.status).toBe(400);
    expect((await readJson(malformed)).error.code).toBe('invalid_json');
  });

  it('has applied the migrations to the fresh database', async () => {
    const { queryDatabase } = await import('../src/harness');
    const rows = await queryDatabase<{ name: string }>(database.url, 'SELECT name FROM migrations ORDER BY id');
    expect(rows.map((row) => row.name)).toContain('CreateAccounts1763900000000');
  });

  it('reports 503 with redis down when Redis stops, and recovers when it returns', async () => {
    await redis.stop();
    const down = await fetch(`${server.url}/health`);
    expect(down.status).toBe(503);
    expect(await readJson(down)).toEqual({ status: 'degraded', postgres: 'up', redis: 'down' });

    await redis.start();
    const deadline = loadScaledDeadline(10_000);
    let status = 0;
    while (!deadline.expired() && status !== 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await fetch(`${server.url}/health`)).status;
    }
    expect(status).toBe(200);
  });
});

describe('start-up refuses bad configuration quickly and clearly', () => {
  const validEnv = async () => baseServerEnv({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres' }, await freePort());

  it('exits non-zero naming DATABASE_URL when it is unset', async () => {
    const env = await validEnv();
    delete (env as Record<string, string | undefined>).DATABASE_URL;
    const result = await runServerExpectingExit(env);
    expect(result.code).not.toBe(0);
    expect(result.output.trim()).toBe('Invalid configuration: DATABASE_URL is not set');
    expect(result.elapsedMs).toBeLessThan(10_000);
  });

  it('exits non-zero within 10 s when DATABASE_URL points at a closed port', async () => {
    const env = { ...(await validEnv()), DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/x` };
    const result = await runServerExpectingExit(env);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Cannot reach Postgres at DATABASE_URL=.*ECONNREFUSED/);
    expect(result.output.trim().split('\n')).toHaveLength(1);
    expect(result.elapsedMs).toBeLessThan(10_000);
  });

  it('exits non-zero within 10 s when REDIS_URL points at a closed port', async () => {
    const env = { ...(await validEnv()), REDIS_URL: `redis://127.0.0.1:${await freePort()}` };
    const result = await runServerExpectingExit(env);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/Cannot reach Redis at REDIS_URL=/);
    expect(result.elapsedMs).toBeLessThan(10_000);
  });

  it.each([
    ['PORT', 'eighty', 'Invalid configuration: PORT must be a whole number'],
    ['ENCRYPTION_KEY', 'short', 'Invalid configuration: ENCRYPTION_KEY must be 64 hex characters'],
    ['REDIS_URL', 'localhost:6379', 'Invalid configuration: REDIS_URL'],
  ])('names %s when it is malformed', async (variable, value, expected) => {
    const result = await runServerExpectingExit({ ...(await validEnv()), [variable]: value });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(expected);
  });
});
