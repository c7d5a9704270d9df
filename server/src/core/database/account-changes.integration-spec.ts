import { Client } from 'pg';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../../test/support/test-database';
import { ACCOUNT_CHANGES_CHANNEL, AccountChanges } from './account-changes';
import { readUntil as until } from '../../../test/support/wait-until';

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
