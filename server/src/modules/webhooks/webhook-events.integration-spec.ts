import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../core/database/data-source-options';
import { createMigratedTestDatabase, MigratedTestDatabase } from '../../../test/support/test-database';
import { WebhookEvent } from './entities/webhook-event.entity';
import { WebhookEventsService } from './webhook-events.service';

describe('WebhookEventsService ordering against Postgres', () => {
  let database: MigratedTestDatabase;
  let dataSource: DataSource;
  let events: WebhookEventsService;
  let accountId: string;

  const event = (orderingKey: string, step: string) => ({ accountId, type: 'question_answered' as const, orderingKey, payload: { step } });
  /** Backends of this database blocked on a lock right now. */
  const waitingOnLocks = async () =>
    Number(
      (await dataSource.query(`SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`))[0]
        .count,
    );
  const eventually = async (probe: () => Promise<boolean>) => {
    for (let attempt = 0; attempt < 100 && !(await probe()); attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await probe()).toBe(true);
  };

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    dataSource = await new DataSource({ ...dataSourceOptions(database.url), entities: [WebhookEvent], extra: { max: 6 } }).initialize();
    events = new WebhookEventsService(dataSource);
    [{ id: accountId }] = await dataSource.query(`INSERT INTO accounts (name) VALUES ('Shop') RETURNING id`);
    // Order matters for events that are delivered: an endpoint subscribes to question_answered.
    await dataSource.query(
      `INSERT INTO webhook_endpoints (account_id, url, secret_encrypted, events) VALUES ($1, 'https://crm.example.com/hook', 'x', '{question_answered}')`,
      [accountId],
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('a second event of the same contact waits for the first one to commit, so sequence order is commit order', async () => {
    const first = dataSource.createQueryRunner();
    await first.connect();
    await first.startTransaction();
    await events.record(event('contact:a', 'first'), first.manager);

    let laterSettled = false;
    const later = events.record(event('contact:a', 'second')).then((recorded) => ((laterSettled = true), recorded));
    await eventually(async () => (await waitingOnLocks()) === 1);
    // Another contact is not held up meanwhile.
    await events.record(event('contact:b', 'other'));
    expect(laterSettled).toBe(false);

    await first.commitTransaction();
    await first.release();
    await later;
    const visible = await dataSource.query(
      `SELECT payload->>'step' AS step FROM webhook_events WHERE ordering_key = 'contact:a' ORDER BY sequence`,
    );
    expect(visible).toEqual([{ step: 'first' }, { step: 'second' }]);
  });

  it('a rolled-back event releases the contact and leaves no trace', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await events.record(event('contact:c', 'rolled back'), runner.manager);
    const waiting = events.record(event('contact:c', 'kept'));
    await eventually(async () => (await waitingOnLocks()) === 1);
    await runner.rollbackTransaction();
    await runner.release();
    await waiting;
    expect(await dataSource.query(`SELECT payload->>'step' AS step FROM webhook_events WHERE ordering_key = 'contact:c'`)).toEqual([
      { step: 'kept' },
    ]);
  });

  it('an event no endpoint subscribes to is written relayed already: no order lock, nothing to relay', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await events.record(event('contact:d', 'subscribed'), runner.manager);
    // flow_completed has no subscriber: it neither waits for contact d's open transaction nor waits to be relayed.
    await events.record({ accountId, type: 'flow_completed', orderingKey: 'contact:d', payload: { step: 'unsubscribed' } });
    await runner.commitTransaction();
    await runner.release();
    expect(
      await dataSource.query(
        `SELECT payload->>'step' AS step, relayed_at IS NOT NULL AS relayed FROM webhook_events WHERE ordering_key = 'contact:d' ORDER BY payload->>'step'`,
      ),
    ).toEqual([
      // Fanned out into its delivery at insert.
      { step: 'subscribed', relayed: true },
      { step: 'unsubscribed', relayed: true },
    ]);
  });
});
