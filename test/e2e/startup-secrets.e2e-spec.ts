import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  baseServerEnv,
  createTestDatabase,
  runServerExpectingExit,
  startServer,
  TEST_PASSWORD,
  type ServerProcess,
  type TestDatabase,
} from '../src/harness';

// Safe by default (issue 16): NODE_ENV=production refuses example or weak secrets, naming the variable; a
// development start warns loudly; helmet's headers are on every response; the session cookie is Secure behind https.

const EDITOR_DIST = join(__dirname, '..', '..', 'editor', 'dist');
const REAL_SECRETS = {
  META_APP_SECRET: randomBytes(16).toString('hex'),
  META_VERIFY_TOKEN: randomBytes(12).toString('hex'),
  ENCRYPTION_KEY: randomBytes(32).toString('hex'),
};

describe('start-up: production refuses example secrets; every answer carries the security headers', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
  });

  it.each([
    ['META_APP_SECRET', 'missing', { META_APP_SECRET: '' }],
    ['META_APP_SECRET', 'the example', { META_APP_SECRET: 'change-me-meta-app-secret' }],
    ['META_VERIFY_TOKEN', 'missing', { META_VERIFY_TOKEN: '' }],
    ['META_VERIFY_TOKEN', 'the example', { META_VERIFY_TOKEN: 'change-me-verify-token' }],
    ['ENCRYPTION_KEY', 'all zeros', { ENCRYPTION_KEY: '0'.repeat(64) }],
    ['ENCRYPTION_KEY', 'too short', { ENCRYPTION_KEY: 'abcdef0123456789' }],
  ])('with NODE_ENV=production refuses to start when %s is %s, naming it', async (variable, _problem, override) => {
    const env = { ...baseServerEnv({ databaseUrl: database.url }, 1), ...REAL_SECRETS, NODE_ENV: 'production', ...override };
    const result = await runServerExpectingExit(env, 60_000);
    expect(result.code).toBe(1);
    expect(result.output).toContain(`Invalid configuration: ${variable}`);
    expect(result.output).not.toContain('listening');
  });

  describe('development (npm start) with the example secrets', () => {
    let server: ServerProcess;

    beforeAll(async () => {
      server = await startServer({
        databaseUrl: database.url,
        env: {
          META_APP_SECRET: 'change-me-meta-app-secret',
          META_VERIFY_TOKEN: 'change-me-verify-token',
          ...(existsSync(join(EDITOR_DIST, 'index.html')) ? { EDITOR_DIST } : {}),
        },
      });
    });

    afterAll(async () => {
      await server?.stop();
    });

    it('starts, and says loudly that it runs with development secrets', () => {
      expect(server.logs()).toContain('DEVELOPMENT SECRETS');
      expect(server.logs()).toContain('META_APP_SECRET is an example value');
    });

    it.each(['/health', '/v1/flows', '/docs/openapi.json', '/', '/flows/00000000-0000-0000-0000-000000000000'])(
      'answers %s with helmet: a CSP without framing, nosniff, DENY, and no X-Powered-By',
      async (path) => {
        const response = await fetch(`${server.url}${path}`);
        const csp = response.headers.get('content-security-policy') ?? '';
        expect(csp).toContain("default-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("script-src 'self'");
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('x-frame-options')).toBe('DENY');
        expect(response.headers.get('x-powered-by')).toBeNull();
      },
    );
  });

  describe('production with real secrets behind an https proxy (TRUST_PROXY=true)', () => {
    let server: ServerProcess;
    let productionDatabase: TestDatabase;

    beforeAll(async () => {
      productionDatabase = await createTestDatabase();
      server = await startServer({
        databaseUrl: productionDatabase.url,
        env: { ...REAL_SECRETS, NODE_ENV: 'production', TRUST_PROXY: 'true' },
      });
    });

    afterAll(async () => {
      await server?.stop();
      await productionDatabase?.drop();
    });

    it('starts without the warning, and marks the session cookie Secure only when the proxy says https', async () => {
      expect(server.logs()).not.toContain('DEVELOPMENT SECRETS');
      const setup = await fetch(`${server.url}/v1/auth/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ email: 'owner@example.com', password: TEST_PASSWORD, workspace_name: 'Shop' }),
      });
      expect(setup.status).toBe(201);
      expect(setup.headers.getSetCookie().join()).toMatch(/dmflow_session=[^;]+;.*; Secure/);
      const plain = await fetch(`${server.url}/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'owner@example.com', password: TEST_PASSWORD }),
      });
      expect(plain.status).toBe(200);
      expect(plain.headers.getSetCookie().join()).not.toContain('Secure');
    });
  });
});
