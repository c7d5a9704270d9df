import { Client } from 'pg';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '../../../test/support/test-database';
import { PgListener } from './pg-listener';
import { readUntil as until } from '../../../test/support/wait-until';

describe('PgListener: one LISTEN connection per process and database', () => {
  let database: MigratedTestDatabase;
  let sql: Client;

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql.end();
    await database.drop();
  });

  /** The backends of this database that LISTEN, and their channels (pg_stat_activity shows each backend's last statement). */
  const listeningBackends = async () =>
    (
      await sql.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE '%LISTEN%'`,
      )
    ).rows.length;

  it('shares one backend between channels, tells each listener only of its channel, and lets go with the last one', async () => {
    const heard: Record<'orders' | 'invoices', string[]> = { orders: [], invoices: [] };
    const connected: string[] = [];
    const orders = new PgListener(
      database.url,
      'orders',
      (payload) => heard.orders.push(payload),
      () => connected.push('orders'),
    );
    const invoices = new PgListener(
      database.url,
      'invoices',
      (payload) => heard.invoices.push(payload),
      () => connected.push('invoices'),
    );
    orders.start();
    invoices.start();
    await until(
      () => connected,
      (names) => names.length === 2,
      'both listeners connected',
    );
    expect(await listeningBackends()).toBe(1);

    await sql.query(`SELECT pg_notify('orders', 'o-1'), pg_notify('invoices', 'i-1')`);
    await until(
      () => heard,
      (seen) => seen.orders.length === 1 && seen.invoices.length === 1,
      'one notification each',
    );
    expect(heard).toEqual({ orders: ['o-1'], invoices: ['i-1'] });

    // A listener added to a live connection is told it is connected once its channel is LISTENed.
    const late: string[] = [];
    const lateOrders = new PgListener(
      database.url,
      'orders',
      (payload) => late.push(payload),
      () => late.push('connected'),
    );
    lateOrders.start();
    await until(
      () => late,
      (seen) => seen.includes('connected'),
      'the late listener connected',
    );
    await sql.query(`SELECT pg_notify('orders', 'o-2')`);
    await until(
      () => late,
      (seen) => seen.includes('o-2'),
      'the late listener told',
    );
    expect(await listeningBackends()).toBe(1);

    await invoices.stop();
    await sql.query(`SELECT pg_notify('invoices', 'i-2'), pg_notify('orders', 'o-3')`);
    await until(
      () => heard.orders,
      (seen) => seen.includes('o-3'),
      'orders still heard',
    );
    expect(heard.invoices).toEqual(['i-1']);

    await orders.stop();
    await lateOrders.stop();
    await until(listeningBackends, (count) => count === 0, 'the connection closed with its last listener');
  });

  it('LISTENs again and tells every listener after its connection was lost', async () => {
    const connected: string[] = [];
    const heard: string[] = [];
    const listener = new PgListener(
      database.url,
      'restarts',
      (payload) => heard.push(payload),
      () => connected.push('restarts'),
    );
    listener.start();
    try {
      await until(
        () => connected,
        (names) => names.length === 1,
        'connected',
      );
      await sql.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query ILIKE '%LISTEN%'`,
      );
      await until(
        () => connected,
        (names) => names.length === 2,
        'reconnected',
      );
      await sql.query(`SELECT pg_notify('restarts', 'after')`);
      await until(
        () => heard,
        (seen) => seen.includes('after'),
        'heard after the reconnection',
      );
    } finally {
      await listener.stop();
    }
  });
});
