import {
  bearer,
  createTenant,
  postAction,
  runOperator,
  SandboxedServer,
  ServerProcess,
  startSandboxedServer,
  TenantFixture,
} from '../src/harness';
import type { GraphSandboxClient } from '@dmflow/sandbox';

const DM = { action: 'send_message', type: 'dm', recipient_id: '2358708294634624', message: { text: 'Hello!' } };
const PRIVATE_REPLY = { action: 'send_message', type: 'comment_reply', comment_id: '17890012345', message: { text: "Here's the link..." } };
const COMMENT_REPLY = { action: 'post_comment', comment_id: '17890012345', comment_text: 'Thanks! Check your DM' };

describe('POST /api-webhook (InstantDM contract) against the sandbox Graph API', () => {
  let stack: SandboxedServer;
  let graph: GraphSandboxClient;
  let server: ServerProcess;
  let tenant: TenantFixture;

  beforeAll(async () => {
    stack = await startSandboxedServer();
    ({ graph, server } = stack);
    tenant = await createTenant(server.env, { plan: 'trendsetter_pro', token: 'IGQVJ-tenant-a' });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  beforeEach(() => graph.reset());

  const expectError = (response: { status: number; body: Record<string, unknown> }, status: number, message: string, code: string) => {
    expect(response.status).toBe(status);
    expect(response.body).toEqual({ error: message, code, request_id: expect.stringMatching(/^req_/) });
  };

  describe('success bodies', () => {
    it('post_comment answers {"message": "Comment reply posted", "comment_id": <new id>} and replies through Meta once', async () => {
      const response = await postAction(server.url, COMMENT_REPLY, bearer(tenant.apiKey));
      expect(response.status).toBe(200);
      const calls = await graph.calls();
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({
        method: 'POST',
        path: '/17890012345/replies',
        token: 'IGQVJ-tenant-a',
        body: { message: 'Thanks! Check your DM' },
      });
      expect(response.body).toEqual({ message: 'Comment reply posted', comment_id: calls[0].response.id });
    });

    it('send_message dm answers {"message": "Message sent", message_id, recipient_id}; type defaults to dm', async () => {
      const { type: _type, ...withoutType } = DM;
      const response = await postAction(server.url, withoutType, { 'x-api-key': tenant.apiKey });
      expect(response.status).toBe(200);
      const [call] = await graph.calls();
      expect(call).toMatchObject({
        path: `/${tenant.igUserId}/messages`,
        body: { recipient: { id: DM.recipient_id }, message: DM.message },
      });
      expect(response.body).toEqual({ message: 'Message sent', message_id: call.response.message_id, recipient_id: DM.recipient_id });
      expect(response.headers.get('x-ratelimit-limit')).toBe('20000');
    });

    it('send_message comment_reply sends a private reply to {comment_id}', async () => {
      const response = await postAction(server.url, PRIVATE_REPLY, bearer(tenant.apiKey));
      expect(response.status).toBe(200);
      const [call] = await graph.calls();
      expect(call.body).toEqual({ recipient: { comment_id: PRIVATE_REPLY.comment_id }, message: PRIVATE_REPLY.message });
      expect(response.body).toEqual({
        message: 'Message sent',
        message_id: call.response.message_id,
        recipient_id: call.response.recipient_id,
      });
    });

    it.each([
      ['image', { attachment: { type: 'image', payload: { url: 'https://example.com/photo.jpg' } } }],
      ['video', { attachment: { type: 'video', payload: { url: 'https://example.com/video.mp4' } } }],
      ['audio', { attachment: { type: 'audio', payload: { url: 'https://example.com/audio.mp3' } } }],
      [
        'button template',
        {
          attachment: {
            type: 'template',
            payload: {
              template_type: 'button',
              text: 'Choose an option:',
              buttons: [
                { type: 'web_url', title: 'Visit', url: 'https://example.com' },
                { type: 'postback', title: 'More', payload: 'MORE' },
              ],
            },
          },
        },
      ],
      [
        'quick replies',
        {
          text: 'Pick one:',
          quick_replies: [
            { content_type: 'text', title: 'A', payload: 'A' },
            { content_type: 'text', title: 'B', payload: 'B' },
          ],
        },
      ],
    ])('forwards the documented %s format unchanged', async (_name, message) => {
      const response = await postAction(server.url, { ...DM, message }, bearer(tenant.apiKey));
      expect(response.status).toBe(200);
      const calls = await graph.calls();
      expect(calls.map((call) => call.body)).toEqual([{ recipient: { id: DM.recipient_id }, message }]);
    });
  });

  describe('one test per row of the error table; nothing reaches Instagram', () => {
    afterEach(async () => expect(await graph.calls()).toEqual([]));

    it('401 Missing API key', async () => {
      expectError(await postAction(server.url, DM), 401, 'Missing API key', 'missing_api_key');
    });

    it('401 Invalid API key', async () => {
      expectError(await postAction(server.url, DM, bearer('sk_not-a-real-key')), 401, 'Invalid API key', 'invalid_api_key');
    });

    it('400 Missing comment_id or comment_text', async () => {
      expectError(
        await postAction(server.url, { action: 'post_comment', comment_id: '1789' }, bearer(tenant.apiKey)),
        400,
        'Missing comment_id or comment_text',
        'missing_comment_fields',
      );
      expectError(
        await postAction(server.url, { action: 'post_comment', comment_text: 'hi' }, bearer(tenant.apiKey)),
        400,
        'Missing comment_id or comment_text',
        'missing_comment_fields',
      );
    });

    it('400 Missing recipient_id', async () => {
      expectError(
        await postAction(server.url, { action: 'send_message', message: { text: 'x' } }, bearer(tenant.apiKey)),
        400,
        'Missing recipient_id',
        'missing_recipient_id',
      );
    });

    it('400 Missing comment_id for comment_reply', async () => {
      expectError(
        await postAction(server.url, { action: 'send_message', type: 'comment_reply', message: { text: 'x' } }, bearer(tenant.apiKey)),
        400,
        'Missing comment_id for comment_reply',
        'missing_comment_id',
      );
    });

    it('400 Missing message', async () => {
      expectError(
        await postAction(server.url, { action: 'send_message', recipient_id: '123' }, bearer(tenant.apiKey)),
        400,
        'Missing message',
        'missing_message',
      );
    });

    it('400 Unknown action', async () => {
      expectError(
        await postAction(server.url, { action: 'delete_account' }, bearer(tenant.apiKey)),
        400,
        'Unknown action',
        'unknown_action',
      );
      expectError(await postAction(server.url, { recipient_id: '1' }, bearer(tenant.apiKey)), 400, 'Unknown action', 'unknown_action');
    });

    it('404 No Instagram access token found', async () => {
      const unconnected = await createTenant(server.env, { plan: 'trendsetter', token: null });
      expectError(
        await postAction(server.url, DM, bearer(unconnected.apiKey)),
        404,
        'No Instagram access token found',
        'no_instagram_token',
      );
    });

    it('403 API access requires higher plan', async () => {
      const downgraded = await createTenant(server.env, { plan: 'trendsetter' });
      for (const plan of ['free', 'creator']) {
        expect((await runOperator(server.env, ['account:set-plan', '--account', downgraded.accountId, '--plan', plan])).code).toBe(0);
        expectError(
          await postAction(server.url, DM, bearer(downgraded.apiKey)),
          403,
          'API access requires higher plan',
          'plan_without_api_access',
        );
      }
    });

    it('403 API keys require higher plan (creating a key on a plan without API access)', async () => {
      const account = await runOperator(server.env, ['account:create', '--name', 'Free shop', '--plan', 'free']);
      const key = await runOperator(server.env, ['key:create', '--account', account.json.id]);
      expect(key.code).toBe(1);
      expect(key.json.error).toEqual({ code: 'plan_without_api_keys', message: 'API keys require higher plan' });
    });

    it('429 Hourly rate limit reached. Please try again later. with Retry-After and X-RateLimit-*', async () => {
      const limited = await createTenant(server.env, { plan: 'trendsetter' });
      const setPlan = await runOperator(server.env, [
        'account:set-plan',
        '--account',
        limited.accountId,
        '--plan',
        'trendsetter',
        '--hourly-limit',
        '1',
      ]);
      expect(setPlan.json).toMatchObject({ plan: 'trendsetter', hourly_limit: 1 });
      const first = await postAction(server.url, { action: 'send_message', message: { text: 'x' } }, bearer(limited.apiKey));
      expect(first.status).toBe(400); // invalid requests spend no quota
      const admitted = await postAction(server.url, DM, bearer(limited.apiKey));
      expect(admitted.status).toBe(200);
      expect(admitted.headers.get('x-ratelimit-remaining')).toBe('0');
      await graph.reset();

      const refused = await postAction(server.url, DM, bearer(limited.apiKey));
      expectError(refused, 429, 'Hourly rate limit reached. Please try again later.', 'hourly_rate_limit');
      const retryAfter = Number(refused.headers.get('retry-after'));
      const reset = Number(refused.headers.get('x-ratelimit-reset'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(refused.headers.get('x-ratelimit-limit')).toBe('1');
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(reset % 3600).toBe(0);
      expect(Math.abs(reset - Math.floor(Date.now() / 1000) - retryAfter)).toBeLessThanOrEqual(2);
    });

    it('402 Insufficient credits. Please upgrade or purchase top-up credits.', async () => {
      const broke = await createTenant(server.env, { plan: 'multi_account', credits: 0 });
      expectError(
        await postAction(server.url, DM, bearer(broke.apiKey)),
        402,
        'Insufficient credits. Please upgrade or purchase top-up credits.',
        'insufficient_credits',
      );
    });

    it('400 for a message breaking Instagram limits (4 buttons, 14 quick replies, long titles, bad URLs, long text)', async () => {
      const button = { type: 'postback', title: 'B', payload: 'P' };
      const quickReply = { content_type: 'text', title: 'Q', payload: 'Q' };
      const messages = [
        { attachment: { type: 'template', payload: { template_type: 'button', text: 'Pick', buttons: [button, button, button, button] } } },
        { text: 'Pick', quick_replies: Array.from({ length: 14 }, () => quickReply) },
        { text: 'Pick', quick_replies: [{ ...quickReply, title: 'x'.repeat(21) }] },
        { attachment: { type: 'image', payload: { url: 'javascript:alert(1)' } } },
        { attachment: { type: 'file', payload: { url: 'https://example.com/a.pdf' } } },
        { text: 'é'.repeat(501) },
      ];
      for (const message of messages) {
        const response = await postAction(server.url, { ...DM, message }, bearer(tenant.apiKey));
        expect(response.status).toBe(400);
        expect(response.body.code).toBe('invalid_message');
      }
    });
  });

  describe('Instagram API errors are passed through with their status', () => {
    it.each([
      ['window_closed', 400, 10],
      ['invalid_token', 400, 190],
      ['rate_limit', 400, 613],
      ['server_error', 500, 2],
    ] as const)('%s → %i with Meta error code %i, sent once and not retried', async (error, status, metaCode) => {
      await graph.fail({ error, count: 1 });
      const response = await postAction(server.url, DM, bearer(tenant.apiKey));
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({
        error: 'Instagram API error',
        code: 'instagram_api_error',
        request_id: expect.stringMatching(/^req_/),
      });
      expect(response.body.instagram_error).toMatchObject({ code: metaCode, type: 'OAuthException' });
      expect(await graph.calls()).toHaveLength(1);
      expect(response.headers.get('x-ratelimit-limit')).toBe('20000');
    });
  });

  describe('keys and tenants', () => {
    it('a revoked key is 401 and sends nothing', async () => {
      const other = await createTenant(server.env);
      expect((await postAction(server.url, DM, bearer(other.apiKey))).status).toBe(200);
      await runOperator(server.env, ['key:revoke', '--account', other.accountId, '--key', other.apiKeyId]);
      await graph.reset();
      expectError(await postAction(server.url, DM, { 'x-api-key': other.apiKey }), 401, 'Invalid API key', 'invalid_api_key');
      expect(await graph.calls()).toEqual([]);
    });

    it("a key of account A never acts with account B's Instagram account", async () => {
      const accountB = await createTenant(server.env, { token: 'IGQVJ-tenant-b' });
      for (const selector of [accountB.instagramAccountId, accountB.igUserId]) {
        expectError(
          await postAction(server.url, { ...DM, instagram_account_id: selector }, bearer(tenant.apiKey)),
          404,
          'No Instagram access token found',
          'no_instagram_token',
        );
      }
      expect(await graph.calls()).toEqual([]);
      await postAction(server.url, DM, bearer(tenant.apiKey));
      await postAction(server.url, DM, bearer(accountB.apiKey));
      expect((await graph.calls()).map((call) => [call.token, call.path])).toEqual([
        ['IGQVJ-tenant-a', `/${tenant.igUserId}/messages`],
        ['IGQVJ-tenant-b', `/${accountB.igUserId}/messages`],
      ]);
    });

    it('an account with two Instagram accounts acts with the first unless instagram_account_id names another', async () => {
      // The CLI connects what GET /me says the token belongs to: the sandbox knows this token.
      await graph.registerInstagramUser({ user_id: '17841499999999999', username: 'second', access_token: 'IGQVJ-second' });
      const second = await runOperator(server.env, [
        'instagram:connect',
        '--account',
        tenant.accountId,
        '--ig-user-id',
        '17841499999999999',
        '--username',
        'second',
        '--token',
        'IGQVJ-second',
      ]);
      expect(second.code).toBe(0);
      await postAction(server.url, DM, bearer(tenant.apiKey));
      await postAction(server.url, { ...DM, instagram_account_id: '17841499999999999' }, bearer(tenant.apiKey));
      await postAction(server.url, { ...DM, instagram_account_id: second.json.id }, bearer(tenant.apiKey));
      expect((await graph.calls('/messages')).map((call) => call.token)).toEqual(['IGQVJ-tenant-a', 'IGQVJ-second', 'IGQVJ-second']);
    });
  });
});
