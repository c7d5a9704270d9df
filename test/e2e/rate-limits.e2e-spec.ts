import { readJson, startServer, waitFor, type ServerProcess } from '../src/harness';
import { useServerWithTenants } from '../src/harness/suite';
import { underAbuse } from '../src/harness/under-abuse';

// Issue 15 L7: /v1 and /api-webhook are rate limited per API key, per client IP, and on failed key attempts per IP,
// with 429, Retry-After and the error envelope; the counters live in Redis, so every server process shares them.
// TRUST_PROXY=loopback lets the test speak as several clients through X-Forwarded-For.

// Starting a server and tenants, and the abuse itself, take long on a loaded machine; waits inside poll for conditions.
jest.setTimeout(300_000);

const PER_KEY = 20;
const PER_IP = 30;
const FAILED_AUTH = 5;

describe('Rate limits (issue 15 L7)', () => {
  const suite = useServerWithTenants({
    tenants: [{}, {}, {}, {}, {}],
    env: {
      TRUST_PROXY: 'loopback',
      RATE_LIMIT_PER_KEY: String(PER_KEY),
      RATE_LIMIT_PER_IP: String(PER_IP),
      RATE_LIMIT_FAILED_AUTH_PER_IP: String(FAILED_AUTH),
      RATE_LIMIT_WINDOW_SECONDS: '60',
    },
  });
  const [keyTenant, ipTenantA, ipTenantB, guessedTenant, sharedTenant] = suite.tenants;
  let ipCounter = 0;
  const newClientIp = () => `198.51.100.${++ipCounter}`;

  const call = (baseUrl: string, apiKey: string | null, ip: string, path = '/v1/whoami') =>
    fetch(`${baseUrl}${path}`, { headers: { 'x-forwarded-for': ip, ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) } });

  /** 429 with Retry-After, in the /v1 envelope or, on /api-webhook, in InstantDM's body (`error`, `code`). */
  async function expectRefused(response: Response, code: string): Promise<void> {
    const body = await readJson(response);
    const answered = typeof body.error === 'string' ? { code: body.code, message: body.error } : body.error;
    expect({ status: response.status, code: answered?.code }).toEqual({ status: 429, code });
    expect(answered.message).toEqual(expect.any(String));
    const retryAfter = Number(response.headers.get('retry-after'));
    expect({ retryAfter, inWindow: retryAfter >= 1 && retryAfter <= 60 }).toEqual({ retryAfter, inWindow: true });
  }

  it('refuses a key past its limit whatever address it comes from, with Retry-After; other keys go on', async () => {
    const url = suite.stack.server.url;
    await underAbuse(url, 'one key over its limit', async () => {
      for (let index = 0; index < PER_KEY; index++) {
        expect((await call(url, keyTenant.apiKey, newClientIp())).status).toBe(200);
      }
      await expectRefused(await call(url, keyTenant.apiKey, newClientIp()), 'too_many_requests');
      await expectRefused(await call(url, keyTenant.apiKey, newClientIp(), '/api-webhook'), 'too_many_requests');
      expect((await call(url, ipTenantA.apiKey, newClientIp())).status).toBe(200);
    });
  });

  it('refuses one address past its limit, whichever keys it uses; other addresses go on', async () => {
    const url = suite.stack.server.url;
    const ip = newClientIp();
    await underAbuse(url, 'one address over its limit', async () => {
      for (let index = 0; index < PER_IP; index++) {
        const apiKey = index % 2 ? ipTenantA.apiKey : ipTenantB.apiKey;
        expect((await call(url, apiKey, ip)).status).toBe(200);
      }
      await expectRefused(await call(url, ipTenantA.apiKey, ip), 'too_many_requests');
      expect((await call(url, ipTenantB.apiKey, newClientIp())).status).toBe(200);
    });
  });

  it('after too many wrong keys from one address, refuses it even with a valid key; /health is never limited', async () => {
    const url = suite.stack.server.url;
    const ip = newClientIp();
    await underAbuse(url, 'a key-guessing client', async () => {
      for (let index = 0; index < FAILED_AUTH; index++) {
        expect((await call(url, `sk_guess_${index}`, ip)).status).toBe(401);
      }
      // A 401 is counted as its answer goes out: the next request may overtake the count by a moment.
      await expectRefused(
        await waitFor(
          () => call(url, 'sk_guess_more', ip),
          (response) => response.status === 429,
          10_000,
          'the address to be refused',
        ),
        'too_many_failed_auth',
      );
      await expectRefused(await call(url, guessedTenant.apiKey, ip), 'too_many_failed_auth');
      expect((await call(url, guessedTenant.apiKey, newClientIp())).status).toBe(200);
      expect((await fetch(`${url}/health`, { headers: { 'x-forwarded-for': ip } })).status).toBe(200);
    });
  });

  it('shares the counters between server processes (Redis)', async () => {
    const first = suite.stack.server;
    let second: ServerProcess | undefined;
    try {
      // The same install: same database, Redis prefix and key, another process.
      const env = Object.fromEntries(Object.entries(first.env).filter(([name]) => name !== 'PORT'));
      second = await startServer({ databaseUrl: suite.database.url, env: { ...env, ROLE: 'api' } });
      const servers = [first.url, second.url];
      for (let index = 0; index < PER_KEY; index++) {
        const response = await call(servers[index % 2], sharedTenant.apiKey, newClientIp());
        expect({ index, status: response.status }).toEqual({ index, status: 200 });
      }
      await expectRefused(await call(second.url, sharedTenant.apiKey, newClientIp()), 'too_many_requests');
      await expectRefused(await call(first.url, sharedTenant.apiKey, newClientIp()), 'too_many_requests');
    } finally {
      await second?.stop();
    }
  });
});
