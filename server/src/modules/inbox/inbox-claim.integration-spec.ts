import type { InboundEvent } from '@dmflow/shared';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConfigModule } from '../../core/config/config.module';
import { dataSourceOptions } from '../../core/database/data-source-options';
import { QueuesModule } from '../../core/queue/queues.module';
import { RedisModule } from '../../core/redis/redis.module';
import { createMigratedTestDatabase, MigratedTestDatabase, useTestEnvironment } from '../../../test/support/test-database';
import type { ClaimedInboxEvent, InboxWorkResult } from './inbox-work';
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
  ref: null,
});
const step = (value: InboxWorkResult) => Promise.resolve(value);

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
      return step({ contactId: contact, outcome: 'no_trigger_matched' });
    });
    expect(seen.map((event) => [event.inbound, event.recordedContactId])).toEqual([[inboundDm('m.old'), null]]);
    expect(await row(id)).toMatchObject({ status: 'processed', outcome: 'no_trigger_matched', contact_id: contact, attempts: 0 });
  });

  it('commits the processed mark with what the work wrote, runs afterCommit after it, and a later claim finds nothing to do', async () => {
    const id = await insert('m.new', inboundDm('m.new'));
    const contact = await contactId();
    let statusAfterCommit: string | undefined;
    await inbox.claim(id, false, async (manager, event) => {
      expect(event.inbound).toEqual(inboundDm('m.new'));
      await manager.query(`UPDATE contacts SET username = 'written-with-the-event' WHERE id = $1`, [contact]);
      return { contactId: contact, outcome: 'answered:r1', afterCommit: async () => void (statusAfterCommit = (await row(id)).status) };
    });
    expect(await row(id)).toMatchObject({ status: 'processed', outcome: 'answered:r1' });
    expect(statusAfterCommit).toBe('processed');
    expect(await dataSource.query(`SELECT username FROM contacts WHERE id = $1`, [contact])).toEqual([
      { username: 'written-with-the-event' },
    ]);
    let called = false;
    await inbox.claim(id, false, () => ((called = true), step({ skip: 'never' })));
    expect(called).toBe(false);
  });

  it('rolls the whole event back on a failure, counts the attempt, and applies it on the retry', async () => {
    const id = await insert('m.retry', inboundDm('m.retry'));
    const contact = await contactId();
    await expect(
      inbox.claim(id, false, async (manager) => {
        await manager.query(`UPDATE contacts SET username = 'half-done' WHERE id = $1`, [contact]);
        throw new Error('Graph API down');
      }),
    ).rejects.toThrow('Graph API down');
    expect(await row(id)).toMatchObject({ status: 'pending', contact_id: null, attempts: 1, error: 'Graph API down' });
    expect(await dataSource.query(`SELECT username FROM contacts WHERE id = $1`, [contact])).toEqual([{ username: null }]);
    await inbox.claim(id, true, () => step({ contactId: contact, outcome: 'no_trigger_matched' }));
    expect(await row(id)).toMatchObject({ status: 'processed', outcome: 'no_trigger_matched', contact_id: contact });
  });

  it('resumes a row an older version left recorded with its contact, and does not record it again', async () => {
    const id = await insert('m.rec', inboundDm('m.rec'));
    const contact = await contactId();
    await dataSource.query(`UPDATE inbox_events SET status = 'recorded', contact_id = $2 WHERE id = $1`, [id, contact]);
    const resumedWith: Array<string | null> = [];
    await inbox.claim(id, true, (_manager, event) => {
      resumedWith.push(event.recordedContactId);
      return step({ contactId: contact, outcome: 'no_trigger_matched' });
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
