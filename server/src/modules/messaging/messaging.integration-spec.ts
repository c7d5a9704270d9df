import { LivenessModule } from '../../core/liveness/liveness.module';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsModule } from '../accounts/accounts.module';
import { AccountsService } from '../accounts/accounts.service';
import { InstagramAccountsService } from '../accounts/instagram-accounts.service';
import { ContactsModule } from '../contacts/contacts.module';
import { ContactsService } from '../contacts/contacts.service';
import { ConfigModule } from '../../core/config/config.module';
import { dataSourceOptions } from '../../core/database/data-source-options';
import { RedisModule } from '../../core/redis/redis.module';
import { SpecGraphSandbox, startGraphSandboxForSpecs } from '../../../test/support/graph-sandbox';
import { createMigratedTestDatabase, MigratedTestDatabase, useTestEnvironment } from '../../../test/support/test-database';
import { GraphApiClient } from './graph-api.client';
import { MessagingModule } from './messaging.module';
import { MessagingService } from './messaging.service';

const HOUR = 3_600_000;
const FAST_RETRY = { attempts: 5, baseDelayMs: 20, maxDelayMs: 200 };

describe('MessagingService against Postgres, Redis and the sandbox Graph API', () => {
  let database: MigratedTestDatabase;
  let sandbox: SpecGraphSandbox;
  let messaging: MessagingService;
  let contacts: ContactsService;
  let accountId: string;
  let instagramAccountId: string;
  let close: () => Promise<void>;
  let messagingDataSource: () => DataSource;
  let graphClient: () => GraphApiClient;

  beforeAll(async () => {
    sandbox = await startGraphSandboxForSpecs();
    database = await createMigratedTestDatabase();
    useTestEnvironment(database.url, { META_GRAPH_URL: sandbox.graphUrl });
    const moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(),
        TypeOrmModule.forRoot({ ...dataSourceOptions(database.url), autoLoadEntities: true }),
        RedisModule,
        LivenessModule,
        AccountsModule,
        ContactsModule,
        MessagingModule,
      ],
    }).compile();
    const app = await moduleRef.init();
    messaging = app.get(MessagingService);
    contacts = app.get(ContactsService);
    const accounts = app.get(AccountsService);
    accountId = (await accounts.createAccount('Shop', 'trendsetter')).id;
    const verified = { igUserId: '17841400000000077', username: 'shop', profilePictureUrl: null, tokenExpiresAt: null };
    instagramAccountId = (await app.get(InstagramAccountsService).connectVerified({ ...verified, accountId, accessToken: 'IGQVJ-spec' }))
      .connected.id;
    messagingDataSource = () => app.get(DataSource);
    graphClient = () => app.get(GraphApiClient);
    close = () => app.close();
  });

  afterAll(async () => {
    await close?.();
    await sandbox?.close();
    await database?.drop();
  });

  beforeEach(() => sandbox.reset());

  const seen = (igUserId: string, lastMessageAgoMs: number | null) =>
    contacts.upsertSeen({
      accountId,
      instagramAccountId,
      igUserId,
      seenAt: new Date(Date.now() - (lastMessageAgoMs ?? 0)),
      opensMessagingWindow: lastMessageAgoMs !== null,
    });

  it('a queued send hit by Meta rate limits is retried with backoff and delivered once', async () => {
    await sandbox.fail({ error: 'rate_limit', count: 2 });
    const sent = await messaging.send({ instagramAccountId, recipient: { id: '555' }, message: { text: 'hi' }, retry: FAST_RETRY });
    const calls = sandbox.calls();
    expect(calls.map((call) => call.status)).toEqual([400, 400, 200]);
    expect(sent.messageId).toBe(calls[2].response.message_id);
    expect(calls[2].path).toBe('/17841400000000077/messages');
  });

  it("without a retry policy (the /api-webhook path) Meta's error surfaces after one call", async () => {
    await sandbox.fail({ error: 'server_error', count: 1 });
    await expect(messaging.send({ instagramAccountId, recipient: { id: '555' }, message: { text: 'hi' } })).rejects.toMatchObject({
      kind: 'transient',
      httpStatus: 500,
    });
    expect(sandbox.calls()).toHaveLength(1);
  });

  it('the same idempotency key sends once, even when the job runs again', async () => {
    const first = await messaging.send({
      instagramAccountId,
      recipient: { id: '556' },
      message: { text: 'once' },
      idempotencyKey: 'run-1:node-2:0',
    });
    const again = await messaging.send({
      instagramAccountId,
      recipient: { id: '556' },
      message: { text: 'once' },
      idempotencyKey: 'run-1:node-2:0',
    });
    expect(again).toEqual(first);
    expect(sandbox.calls()).toHaveLength(1);
  });

  it('a send interrupted by a crash (claim left "sending") is reported in doubt, never repeated', async () => {
    const dataSource = messagingDataSource();
    await dataSource.query(
      `INSERT INTO outbound_sends (idempotency_key, instagram_account_id, status) VALUES ('run-9:node-1:0', $1, 'sending')`,
      [instagramAccountId],
    );
    await expect(
      messaging.send({ instagramAccountId, recipient: { id: '558' }, message: { text: 'x' }, idempotencyKey: 'run-9:node-1:0' }),
    ).rejects.toMatchObject({ code: 'send_in_doubt', status: 409 });
    expect(sandbox.calls()).toEqual([]);
  });

  it('a send whose connection dropped before Meta answered keeps its claim: never retried, never sent again', async () => {
    // Reads the request, then hangs up: Meta may or may not have delivered the message.
    const dropping = createServer((request) => request.on('data', () => undefined).on('end', () => request.socket.destroy()));
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    const client = graphClient();
    const sandboxUrl = Reflect.get(client, 'baseUrl') as string;
    Object.defineProperty(client, 'baseUrl', { value: `http://127.0.0.1:${(dropping.address() as AddressInfo).port}`, configurable: true });
    try {
      await expect(
        messaging.send({
          instagramAccountId,
          recipient: { id: '559' },
          message: { text: 'x' },
          idempotencyKey: 'k-dropped',
          retry: FAST_RETRY,
        }),
      ).rejects.toMatchObject({ inDoubt: true });
    } finally {
      Object.defineProperty(client, 'baseUrl', { value: sandboxUrl, configurable: true });
      await new Promise((resolve) => dropping.close(resolve));
    }
    const [claim] = await messagingDataSource().query(`SELECT status FROM outbound_sends WHERE idempotency_key = 'k-dropped'`);
    expect(claim.status).toBe('sending');
    await expect(
      messaging.send({ instagramAccountId, recipient: { id: '559' }, message: { text: 'x' }, idempotencyKey: 'k-dropped' }),
    ).rejects.toMatchObject({ code: 'send_in_doubt' });
    expect(sandbox.calls()).toEqual([]);
  });

  it('a refused send frees its idempotency key for a later attempt', async () => {
    await sandbox.fail({ error: 'recipient_unavailable', count: 1 });
    await expect(
      messaging.send({ instagramAccountId, recipient: { id: '557' }, message: { text: 'x' }, idempotencyKey: 'k-refused' }),
    ).rejects.toMatchObject({ kind: 'recipient_unavailable' });
    await messaging.send({ instagramAccountId, recipient: { id: '557' }, message: { text: 'x' }, idempotencyKey: 'k-refused' });
    expect(sandbox.calls().map((call) => call.status)).toEqual([400, 200]);
  });

  it('refuses a DM outside the 24-hour window without calling Meta, and sends inside it', async () => {
    await seen('600', 25 * HOUR);
    await seen('601', null);
    await seen('602', 23 * HOUR);
    await expect(messaging.send({ instagramAccountId, recipient: { id: '600' }, message: { text: 'late' } })).rejects.toMatchObject({
      code: 'messaging_window_closed',
      status: 422,
    });
    await expect(messaging.send({ instagramAccountId, recipient: { id: '601' }, message: { text: 'never wrote' } })).rejects.toMatchObject({
      code: 'messaging_window_closed',
    });
    expect(sandbox.calls()).toEqual([]);
    await messaging.send({ instagramAccountId, recipient: { id: '602' }, message: { text: 'in time' } });
    expect(sandbox.calls()).toHaveLength(1);
  });

  it('refuses a private reply more than 7 days after the comment', async () => {
    const old = new Date(Date.now() - 8 * 24 * HOUR);
    await expect(
      messaging.send({ instagramAccountId, recipient: { comment_id: '1789' }, message: { text: 'x' }, commentCreatedAt: old }),
    ).rejects.toMatchObject({ code: 'messaging_window_closed' });
    await messaging.send({ instagramAccountId, recipient: { comment_id: '1789' }, message: { text: 'x' }, commentCreatedAt: new Date() });
    expect(sandbox.calls().map((call) => call.body.recipient)).toEqual([{ comment_id: '1789' }]);
  });

  it('replies to a comment publicly', async () => {
    const reply = await messaging.replyToComment({ instagramAccountId, commentId: '17890012345', text: 'Thanks!' });
    expect(sandbox.calls()).toMatchObject([{ path: '/17890012345/replies', body: { message: 'Thanks!' }, response: { id: reply.id } }]);
  });

  it('over 300 text sends in a second, the limiter delays the rest instead of dropping them', async () => {
    const firstWindowEnd = Math.floor(Date.now() / 1000) * 1000 + 1000;
    const sends = Array.from({ length: 320 }, (_, index) =>
      messaging.send({ instagramAccountId, recipient: { id: `7${index}` }, message: { text: 'burst' } }),
    );
    const results = await Promise.allSettled(sends);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(320);
    // At most 300 leave in the first window, so at least 20 reach Meta after it ends (arrival times, robust to load).
    const afterFirstWindow = sandbox.calls().filter((call) => Date.parse(call.at) >= firstWindowEnd);
    expect(afterFirstWindow.length).toBeGreaterThanOrEqual(20);
  });

  it('an Instagram account without a token cannot send', async () => {
    await expect(
      messaging.send({ instagramAccountId: '00000000-0000-0000-0000-000000000000', recipient: { id: '1' }, message: { text: 'x' } }),
    ).rejects.toMatchObject({ code: 'no_instagram_token', status: 404 });
  });
});
