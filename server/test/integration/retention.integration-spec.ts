import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/core/database/data-source-options';
import { InboxPruner } from '../../src/modules/inbox/inbox-pruner';
import { OutboundSendsPruner } from '../../src/modules/messaging/outbound-sends-pruner';
import { createMigratedTestDatabase, MigratedTestDatabase } from '../support/test-database';
import { WebhookPruner } from '../../src/modules/webhooks/webhook-pruner';

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

describe('retention pruning against Postgres', () => {
  let database: MigratedTestDatabase;
  let dataSource: DataSource;
  let accountId: string;
  let instagramAccountId: string;
  let endpointId: string;

  const ids = async (sql: string) => (await dataSource.query<Array<{ id: string }>>(sql)).map((row) => row.id).sort();

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url)).initialize();
    [{ id: accountId }] = await dataSource.query(`INSERT INTO accounts (name) VALUES ('Shop') RETURNING id`);
    [{ id: instagramAccountId }] = await dataSource.query(
      `INSERT INTO instagram_accounts (account_id, ig_user_id, username) VALUES ($1, '1784', 'shop') RETURNING id`,
      [accountId],
    );
    [{ id: endpointId }] = await dataSource.query(
      `INSERT INTO webhook_endpoints (account_id, url, secret_encrypted, events) VALUES ($1, 'https://crm.example.com', 'x', '{comment}') RETURNING id`,
      [accountId],
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('deletes finished inbox events older than the cutoff and keeps unfinished or recent ones', async () => {
    const insert = (key: string, status: string, updatedAt: Date) =>
      dataSource.query(
        `INSERT INTO inbox_events (ig_account_id, dedupe_key, kind, event, status, occurred_at, updated_at) VALUES ('1784', $1, 'comment', '{}', $2, $3, $3)`,
        [key, status, updatedAt],
      );
    for (const status of ['processed', 'skipped', 'failed', 'pending', 'recorded']) {
      await insert(`old-${status}`, status, daysAgo(40));
      await insert(`new-${status}`, status, daysAgo(1));
    }

    expect(await new InboxPruner(dataSource).prune(daysAgo(30))).toBe(3);
    const left = (await dataSource.query<Array<{ dedupe_key: string }>>('SELECT dedupe_key FROM inbox_events ORDER BY dedupe_key')).map(
      (row) => row.dedupe_key,
    );
    expect(left).toEqual(['new-failed', 'new-pending', 'new-processed', 'new-recorded', 'new-skipped', 'old-pending', 'old-recorded']);
  });

  it('deletes finished deliveries (with their attempts) and then the events nothing refers to; never an open delivery or an unrelayed event', async () => {
    const event = async (relayedAt: Date | null) =>
      (
        await dataSource.query(
          `INSERT INTO webhook_events (account_id, event_type, payload, relayed_at) VALUES ($1, 'comment', '{}', $2) RETURNING id`,
          [accountId, relayedAt],
        )
      )[0].id as string;
    const delivery = async (eventId: string, status: string, completedAt: Date | null) => {
      const [row] = await dataSource.query(
        `INSERT INTO webhook_deliveries (endpoint_id, event_id, event_sequence, event_type, status, completed_at)
         SELECT $1, id, sequence, event_type, $2, $3 FROM webhook_events WHERE id = $4 RETURNING id`,
        [endpointId, status, completedAt, eventId],
      );
      await dataSource.query(`INSERT INTO webhook_delivery_attempts (delivery_id, attempt, succeeded, latency_ms) VALUES ($1, 1, $2, 5)`, [
        row.id,
        status === 'succeeded',
      ]);
      return row.id as string;
    };
    const delivered = await event(daysAgo(40));
    await delivery(delivered, 'succeeded', daysAgo(40));
    const gaveUp = await event(daysAgo(40));
    await delivery(gaveUp, 'failed', daysAgo(35));
    const stillRetrying = await event(daysAgo(40));
    const retrying = await delivery(stillRetrying, 'pending', null);
    const recent = await event(daysAgo(2));
    const recentDelivery = await delivery(recent, 'succeeded', daysAgo(2));
    await event(daysAgo(40)); // relayed to no endpoint: nothing refers to it
    const unrelayed = await event(null);

    expect(await new WebhookPruner(dataSource).prune(daysAgo(30))).toBe(5);
    expect(await ids('SELECT id FROM webhook_events')).toEqual([stillRetrying, recent, unrelayed].sort());
    expect(await ids('SELECT id FROM webhook_deliveries')).toEqual([retrying, recentDelivery].sort());
    expect(await ids('SELECT delivery_id AS id FROM webhook_delivery_attempts')).toEqual([retrying, recentDelivery].sort());
  });

  it('deletes old records of completed sends but keeps sends left in doubt', async () => {
    const send = (key: string, status: string, createdAt: Date) =>
      dataSource.query(`INSERT INTO outbound_sends (idempotency_key, instagram_account_id, status, created_at) VALUES ($1, $2, $3, $4)`, [
        key,
        instagramAccountId,
        status,
        createdAt,
      ]);
    await send('old-sent', 'sent', daysAgo(31));
    await send('old-in-doubt', 'sending', daysAgo(31));
    await send('new-sent', 'sent', daysAgo(3));

    expect(await new OutboundSendsPruner(dataSource).prune(daysAgo(30))).toBe(1);
    expect(await ids('SELECT idempotency_key AS id FROM outbound_sends')).toEqual(['new-sent', 'old-in-doubt']);
  });

  it('works through more rows than one batch', async () => {
    await dataSource.query('DELETE FROM inbox_events');
    await dataSource.query(
      `INSERT INTO inbox_events (ig_account_id, dedupe_key, kind, event, status, occurred_at, updated_at)
       SELECT '1784', 'bulk-' || n, 'comment', '{}', 'processed', now() - interval '40 days', now() - interval '40 days' FROM generate_series(1, 12000) AS n`,
    );
    expect(await new InboxPruner(dataSource).prune(daysAgo(30))).toBe(12000);
    expect(await dataSource.query('SELECT count(*)::int AS count FROM inbox_events')).toEqual([{ count: 0 }]);
  });
});
