import { dmWebhook, metaSignature } from '@dmflow/sandbox';
import { createTenant, createTestDatabase, queryDatabase, ServerProcess, startServer, TestDatabase, waitFor } from '../src/harness';

const APP_SECRET = 'test-app-secret';

describe('Meta deliveries while the inbox backlog is full (INBOX_MAX_BACKLOG)', () => {
  let database: TestDatabase;
  let api: ServerProcess;

  beforeAll(async () => {
    database = await createTestDatabase();
    // An API process alone: it stores and acknowledges, nothing processes, so the backlog only grows.
    api = await startServer({ databaseUrl: database.url, env: { META_APP_SECRET: APP_SECRET, ROLE: 'api', INBOX_MAX_BACKLOG: '2' } });
  });

  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  it('answers 503 inbox_backlog_full with Retry-After and stores nothing, then accepts again once the backlog drains', async () => {
    const tenant = await createTenant(api.env);
    // As Meta posts it; the response's headers matter here (Retry-After).
    const deliver = (mid: string) => {
      const body = JSON.stringify(dmWebhook({ igUserId: tenant.igUserId, senderId: 'waiting-person', text: 'hi', mid }));
      return fetch(`${api.url}/meta/webhook`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': metaSignature(body, APP_SECRET) },
        body,
      });
    };
    expect((await deliver('first')).status).toBe(200);
    expect((await deliver('second')).status).toBe(200);

    // The backlog is counted in the background, at most once a second: a later delivery is refused.
    let sequence = 0;
    const refused = await waitFor(
      () => deliver(`more-${sequence++}`),
      (response) => response.status === 503,
      20_000,
      'a delivery refused',
    );
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('inbox_backlog_full');
    const [{ count }] = await queryDatabase<{ count: number }>(
      database.url,
      `SELECT count(*)::int AS count FROM inbox_events WHERE dedupe_key = $1`,
      [`message:more-${sequence - 1}`],
    );
    expect(count).toBe(0);

    // Workers catch up (here: the rows are finished by hand); deliveries are accepted again.
    await queryDatabase(database.url, `UPDATE inbox_events SET status = 'processed'`);
    const accepted = await waitFor(
      () => deliver(`after-${sequence++}`),
      (response) => response.status === 200,
      20_000,
      'a delivery accepted again',
    );
    expect(accepted.status).toBe(200);
  });
});
