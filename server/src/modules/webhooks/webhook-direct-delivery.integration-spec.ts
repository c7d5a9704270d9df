import { type HeldHttpServer, startHeldHttpServer } from '@dmflow/sandbox';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ConfigModule } from '../../core/config/config.module';
import { dataSourceOptions } from '../../core/database/data-source-options';
import { FaultsModule } from '../../core/faults/faults.module';
import { ProcessLiveness } from '../../core/liveness/process-liveness';
import { QueuesModule } from '../../core/queue/queues.module';
import { RedisModule } from '../../core/redis/redis.module';
import { createMigratedTestDatabase, MigratedTestDatabase, useTestEnvironment } from '../../../test/support/test-database';
import { waitUntil } from '../../../test/support/wait-until';
import type { WebhookEventType } from './webhook-event-types';
import { WebhookDirectDelivery } from './webhook-direct-delivery';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WEBHOOK_EVENTS_CHANNEL, WebhookEventsService } from './webhook-events.service';

const CONCURRENCY = 2;

describe('webhook deliveries leased at insert and sent after the commit', () => {
  let database: MigratedTestDatabase;
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let events: WebhookEventsService;
  let direct: WebhookDirectDelivery;
  let bootId: string;
  let kicks: number;
  let notified: number;
  let notifications: Client;
  let receiver: HeldHttpServer;
  let accountId: string;

  const event = (orderingKey: string | null, step: string, type: WebhookEventType = 'flow_completed') => ({
    accountId,
    type,
    orderingKey,
    payload: { step },
  });
  const deliveries = (): Promise<Array<{ step: string; status: string; attempts: number; leased_by_boot: string | null }>> =>
    dataSource.query(
      `SELECT event.payload->>'step' AS step, delivery.status, delivery.attempts, delivery.leased_by_boot
       FROM webhook_deliveries delivery JOIN webhook_events event ON event.id = delivery.event_id
       WHERE event.account_id = $1 ORDER BY event.sequence`,
      [accountId],
    );
  const attemptRows = async (): Promise<number> =>
    Number(
      (
        await dataSource.query(
          `SELECT count(*) AS n FROM webhook_delivery_attempts attempt JOIN webhook_deliveries delivery ON delivery.id = attempt.delivery_id
           JOIN webhook_events event ON event.id = delivery.event_id WHERE event.account_id = $1`,
          [accountId],
        )
      )[0].n,
    );
  const webhookIds = () => receiver.requests().map((request) => request.headers['x-webhook-id']);
  const eventIds = async (): Promise<string[]> =>
    (await dataSource.query(`SELECT id FROM webhook_events WHERE account_id = $1 ORDER BY sequence`, [accountId])).map(
      (row: { id: string }) => row.id,
    );

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    // The poll comes round once a minute: whatever is sent within a test went without it.
    useTestEnvironment(database.url, {
      WEBHOOKS_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOKS_CONCURRENCY: String(CONCURRENCY),
      WEBHOOKS_POLL_INTERVAL_MS: '60000',
    });
    const { WebhookDeliveryModule } = await import('./webhook-delivery.module');
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(),
        FaultsModule.forRoot(),
        TypeOrmModule.forRoot({ ...dataSourceOptions(database.url), autoLoadEntities: true }),
        QueuesModule,
        RedisModule,
        WebhookDeliveryModule,
        WebhookDeliveryModule.workers(),
      ],
    }).compile();
    app = await moduleRef.init();
    dataSource = app.get(DataSource);
    events = app.get(WebhookEventsService);
    direct = app.get(WebhookDirectDelivery);
    bootId = app.get(ProcessLiveness).bootId;
    // What wakes a relay round: a NOTIFY on the channel (any process) or a kick after an attempt (this one).
    app.get(WebhookDeliveryService).onAttemptFinished(() => kicks++);
    notifications = new Client({ connectionString: database.url });
    await notifications.connect();
    notifications.on('notification', () => notified++);
    await notifications.query(`LISTEN ${WEBHOOK_EVENTS_CHANNEL}`);
  });

  /** NOTIFYs sent by the transactions committed so far: a round trip on the listening connection delivers them first. */
  const notifiedSoFar = async () => {
    await notifications.query('SELECT 1');
    return notified;
  };

  beforeEach(async () => {
    kicks = 0;
    notified = 0;
    receiver = await startHeldHttpServer();
    [{ id: accountId }] = await dataSource.query(`INSERT INTO accounts (name) VALUES ('Shop') RETURNING id`);
    await app.get(WebhookEndpointsService).create(accountId, { url: receiver.url, events: ['flow_completed'] });
  });

  afterEach(async () => {
    receiver.release();
    await waitUntil(() => direct.inFlight === 0, 15_000, 'direct deliveries to end');
    await receiver.close();
  });

  afterAll(async () => {
    await notifications?.end();
    await app?.close();
    await database?.drop();
  });

  it('writes the delivery leased with the event and sends it after the commit: one attempt, nothing wakes the relay', async () => {
    receiver.release();
    await dataSource.transaction(async (manager) => {
      await events.record(event('contact:1', 'completed'), manager);
      expect(
        await manager.query(`SELECT relayed_at IS NOT NULL AS relayed FROM webhook_events WHERE account_id = $1`, [accountId]),
      ).toEqual([{ relayed: true }]);
      const [leased] = await manager.query(
        `SELECT delivery.status, delivery.leased_by_boot, delivery.first_attempt_at IS NOT NULL AS started
         FROM webhook_deliveries delivery JOIN webhook_events event ON event.id = delivery.event_id WHERE event.account_id = $1`,
        [accountId],
      );
      expect(leased).toEqual({ status: 'sending', leased_by_boot: bootId, started: true });
      // Nothing leaves before the commit (a round trip gives a wrongly early request time to start).
      await manager.query('SELECT pg_sleep(0.05)');
      expect(receiver.received()).toBe(0);
      expect(direct.inFlight).toBe(1);
    });
    await waitUntil(async () => (await deliveries())[0]?.status === 'succeeded', 15_000, 'the delivery to succeed');
    expect(webhookIds()).toEqual(await eventIds());
    expect(await attemptRows()).toBe(1);
    expect((await deliveries())[0]).toMatchObject({ attempts: 1 });
    // Nothing woke a relay round: no NOTIFY at the commit, no kick after the attempt.
    expect(await notifiedSoFar()).toBe(0);
    expect(kicks).toBe(0);
  });

  it('sends nothing for a rolled-back transaction, nor for a rolled-back savepoint, and gives the slot back', async () => {
    receiver.release();
    await expect(
      dataSource.transaction(async (manager) => {
        await events.record(event('contact:2', 'rolled back'), manager);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await dataSource.transaction(async (manager) => {
      await manager
        .transaction(async (savepoint) => {
          await events.record(event('contact:2', 'in a rolled-back savepoint'), savepoint);
          throw new Error('abort savepoint');
        })
        .catch(() => undefined);
      await events.record(event('contact:3', 'kept'), manager);
    });
    await waitUntil(async () => (await deliveries())[0]?.status === 'succeeded', 15_000, 'the kept delivery');
    expect((await deliveries()).map((row) => row.step)).toEqual(['kept']);
    expect(webhookIds()).toEqual(await eventIds());
    await waitUntil(() => direct.inFlight === 0, 5_000, 'the slots to be free');
  });

  it('a second event of the same contact while the first is sending waits pending, and follows it', async () => {
    await events.record(event('contact:4', 'first'));
    await waitUntil(() => receiver.held() === 1, 15_000, 'the first request');
    await events.record(event('contact:4', 'second'));
    expect((await deliveries()).map(({ step, status }) => ({ step, status }))).toEqual([
      { step: 'first', status: 'sending' },
      { step: 'second', status: 'pending' },
    ]);
    // The NOTIFY woke the relay, which found the chain busy; the first one's attempt then kicks it.
    expect(await notifiedSoFar()).toBe(1);
    expect(receiver.received()).toBe(1);

    receiver.release();
    await waitUntil(async () => (await deliveries()).every((row) => row.status === 'succeeded'), 15_000, 'both deliveries');
    expect(webhookIds()).toEqual(await eventIds());
    expect(await attemptRows()).toBe(2);
    expect(kicks).toBe(1);
  });

  it(`leases at most WEBHOOKS_CONCURRENCY (${CONCURRENCY}) at insert; the rest take the relay and the queue`, async () => {
    for (const step of ['a', 'b']) await events.record(event(null, step));
    await dataSource.transaction(async (manager) => {
      await events.record(event(null, 'c'), manager);
      expect(direct.inFlight).toBe(CONCURRENCY);
      const statuses = await manager.query(
        `SELECT delivery.status FROM webhook_deliveries delivery JOIN webhook_events event ON event.id = delivery.event_id
         WHERE event.account_id = $1 ORDER BY event.sequence`,
        [accountId],
      );
      expect(statuses.map((row: { status: string }) => row.status)).toEqual(['sending', 'sending', 'pending']);
    });
    // The third takes the relay (woken by the NOTIFY) and a queue job, while the first two are still held.
    await waitUntil(() => receiver.held() === 3, 15_000, 'all three requests');
    receiver.release();
    await waitUntil(async () => (await deliveries()).every((row) => row.status === 'succeeded'), 15_000, 'all deliveries');
    expect([...webhookIds()].sort()).toEqual([...(await eventIds())].sort());
    expect(await attemptRows()).toBe(3);
    expect(await notifiedSoFar()).toBe(1);
    await waitUntil(() => direct.inFlight === 0, 5_000, 'the slots to be free');
  });
});
