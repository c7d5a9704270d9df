import type { InboundEvent } from '@dmflow/shared';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConfigModule } from '../../core/config/config.module';
import { dataSourceOptions } from '../../core/database/data-source-options';
import { QueuesModule } from '../../core/queue/queues.module';
import { RedisModule } from '../../core/redis/redis.module';
import { createMigratedTestDatabase, MigratedTestDatabase, useTestEnvironment } from '../../../test/support/test-database';
import type { ClaimedInboxEvent, InboxWorkStep } from './inbox-work';
import { InboxService } from './inbox.service';

const IG = '1784';
const dm = (mid: string) => ({
  object: 'instagram',
  entry: [{ id: IG, time: 1, messaging: [{ sender: { id: 'u1' }, message: { mid, text: 'hi' } }] }],
});
const inboundDm = (mid: string): InboundEvent => ({
  kind: 'message',
  senderId: 'u1',
  mid,
  text: 'hi',
  quickReplyPayload: null,
  storyId: null,
});
const step = (value: InboxWorkStep) => Promise.resolve(value);
const outcome = (text: string) => () => Promise.resolve(text);

describe('InboxService.claim against Postgres', () => {
  let database: MigratedTestDatabase;
  let dataSource: DataSource;
  let inbox: InboxService;
  let close: () => Promise<void>;

  const row = async (id: string) =>
    (await dataSource.query(`SELECT status, outcome, error, attempts, contact_id FROM inbox_events WHERE id = $1`, [id]))[0] as {
      status: string;
      outcome: string | null;
      error: string | null;
      attempts: number;
      contact_id: string | null;
    };
  /** A row as `store` writes it, or (inbound undefined) as rows stored before the `inbound` column look. */
  const insert = async (mid: string, inbound?: InboundEvent): Promise<string> => {
    const [{ id }] = await dataSource.query(
      `INSERT INTO inbox_events (ig_account_id, dedupe_key, kind, event, inbound, status, occurred_at) VALUES ($1, $2, 'message', $3, $4, 'pending', now()) RETURNING id::text AS id`,
      [IG, `message:${mid}`, JSON.stringify(dm(mid)), inbound ? JSON.stringify(inbound) : null],
    );
    return id;
  };
  const contactId = async (): Promise<string> => {
    const [{ id: accountId }] = await dataSource.query(`INSERT INTO accounts (name) VALUES ('Shop') RETURNING id`);
    const [{ id }] = await dataSource.query(
      `INSERT INTO instagram_accounts (account_id, ig_user_id, username) VALUES ($1, gen_random_uuid()::text, 'shop') RETURNING id`,
      [accountId],
    );
    const [{ id: contact }] = await dataSource.query(
      `INSERT INTO contacts (account_id, instagram_account_id, ig_user_id) VALUES ($1, $2, 'u1') RETURNING id`,
      [accountId, id],
    );
    return contact;
  };

  beforeAll(async () => {
    database = await createMigratedTestDatabase();
    useTestEnvironment(database.url);
    const { InboxModule } = await import('./inbox.module');
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(),
        TypeOrmModule.forRoot({ ...dataSourceOptions(database.url), autoLoadEntities: true }),
        QueuesModule,
        RedisModule,
        InboxModule,
      ],
    }).compile();
    const app = await moduleRef.init();
    inbox = app.get(InboxService);
    dataSource = app.get(DataSource);
    close = () => app.close();
  });

  afterAll(async () => {
    await close?.();
    await database?.drop();
  });

  it('hands a row stored before the inbound column its event normalized from the raw payload, then marks it processed', async () => {
    const id = await insert('m.old');
    const contact = await contactId();
    const seen: ClaimedInboxEvent[] = [];
    await inbox.claim(id, false, (_manager, event) => {
      seen.push(event);
      return step({ recorded: contact, process: outcome('no_trigger_matched') });
    });
    expect(seen.map((event) => [event.inbound, event.recordedContactId])).toEqual([[inboundDm('m.old'), null]]);
    expect(await row(id)).toMatchObject({ status: 'processed', outcome: 'no_trigger_matched', contact_id: contact, attempts: 0 });
  });

  it('commits the processed mark with the step that carries it, and a later claim finds nothing to do', async () => {
    const id = await insert('m.new', inboundDm('m.new'));
    const contact = await contactId();
    await inbox.claim(id, false, (_manager, event) => {
      expect(event.inbound).toEqual(inboundDm('m.new'));
      return step({
        recorded: contact,
        process: (markProcessedWithin) =>
          dataSource.transaction(async (manager) => (await markProcessedWithin(manager, 'answered:r1'), 'answered:r1')),
      });
    });
    expect(await row(id)).toMatchObject({ status: 'processed', outcome: 'answered:r1' });
    let called = false;
    await inbox.claim(id, false, () => ((called = true), step({ skip: 'never' })));
    expect(called).toBe(false);
  });

  it('resumes a recorded row with its contact and does not record it again', async () => {
    const id = await insert('m.rec', inboundDm('m.rec'));
    const contact = await contactId();
    await expect(
      inbox.claim(id, false, () => step({ recorded: contact, process: () => Promise.reject(new Error('Graph API down')) })),
    ).rejects.toThrow('Graph API down');
    expect(await row(id)).toMatchObject({ status: 'recorded', contact_id: contact, attempts: 1, error: 'Graph API down' });
    const resumedWith: Array<string | null> = [];
    await inbox.claim(id, true, (_manager, event) => {
      resumedWith.push(event.recordedContactId);
      return step({ recorded: contact, process: outcome('no_trigger_matched') });
    });
    expect(resumedWith).toEqual([contact]);
    expect(await row(id)).toMatchObject({ status: 'processed', outcome: 'no_trigger_matched' });
  });

  it('skips a row when the work says so, and fails it after the last attempt', async () => {
    const skipped = await insert('m.skip', inboundDm('m.skip'));
    await inbox.claim(skipped, false, () => step({ skip: 'unknown_instagram_account' }));
    expect(await row(skipped)).toMatchObject({ status: 'skipped', error: 'unknown_instagram_account' });

    const failing = await insert('m.fail', inboundDm('m.fail'));
    await expect(inbox.claim(failing, true, () => Promise.reject(new Error('database said no')))).rejects.toThrow('database said no');
    expect(await row(failing)).toMatchObject({ status: 'failed', attempts: 1, error: 'database said no' });
  });
});
