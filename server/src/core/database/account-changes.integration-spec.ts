import { Client } from 'pg';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../../test/support/test-database';
import { ACCOUNT_CHANGES_CHANNEL, AccountChanges } from './account-changes';

/** Polls `read` until `done` holds; the deadline is generous because a loaded machine is slow, not wrong. */
async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('AccountChanges against Postgres', () => {
  let database: MigratedTestDatabase;
  let sql: Client;
  let changes: AccountChanges;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    await changes?.onApplicationShutdown();
    await sql.end();
    await database.drop();
  });

  const listeners = async () =>
    Number(
      (
        await sql.query<{ count: string }>(
          "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'",
        )
      ).rows[0].count,
    );

  it('tells every subscribed cache which account changed, over one LISTEN connection per process', async () => {
    changes = new AccountChanges({ databaseUrl: database.url });
    const routing: Array<string | null> = [];
    const ingest: Array<string | null> = [];
    expect(await listeners()).toBe(0);

    changes.subscribe((accountId) => routing.push(accountId));
    changes.subscribe((accountId) => ingest.push(accountId));
    // Each (re)connection first tells everyone that anything may be stale.
    await until(
      () => ingest,
      (seen) => seen.includes(null),
      'the first connection',
    );
    expect(routing).toEqual([null]);
    expect(await listeners()).toBe(1);

    await sql.query('SELECT pg_notify($1, $2)', [ACCOUNT_CHANGES_CHANNEL, 'account-1']);
    await until(
      () => ingest,
      (seen) => seen.includes('account-1'),
      'the notification',
    );
    await until(
      () => routing,
      (seen) => seen.includes('account-1'),
      'the notification',
    );
    expect(await listeners()).toBe(1);
  });
});
