import { readJson } from '../src/harness';
import { GraphSandbox, GraphSandboxClient, startGraphSandbox } from '@dmflow/sandbox';

describe('sandbox Graph API', () => {
  let sandbox: GraphSandbox;
  let control: GraphSandboxClient;

  beforeAll(async () => {
    sandbox = await startGraphSandbox();
    control = new GraphSandboxClient(sandbox.url);
  });

  afterAll(() => sandbox?.close());
  beforeEach(() => control.reset());

  const post = async (path: string, body: unknown, token: string | null = 'IGQVJ-token') => {
    const response = await fetch(`${sandbox.graphUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await readJson(response) };
  };
  const dm = { recipient: { id: '2358708294634624' }, message: { text: 'hi' } };

  it('answers the Send API, private replies and comment replies with Meta-shaped ids, and records each call', async () => {
    const sent = await post('/me/messages', dm);
    expect(sent).toEqual({ status: 200, body: { recipient_id: '2358708294634624', message_id: expect.stringMatching(/^aWdf/) } });
    const privateReply = await post('/17841400000000001/messages', { recipient: { comment_id: '17890012345' }, message: { text: 'link' } });
    expect(privateReply.body.recipient_id).toMatch(/^\d{16}$/);
    const reply = await post('/17890012345/replies', { message: 'Thanks!' });
    expect(reply).toEqual({ status: 200, body: { id: expect.stringMatching(/^178\d{14}$/) } });
    const calls = await control.calls();
    expect(calls.map((call) => [call.path, call.token, call.status])).toEqual([
      ['/me/messages', 'IGQVJ-token', 200],
      ['/17841400000000001/messages', 'IGQVJ-token', 200],
      ['/17890012345/replies', 'IGQVJ-token', 200],
    ]);
  });

  it("answers Meta's error envelope for a missing token and malformed requests", async () => {
    expect((await post('/me/messages', dm, null)).body.error).toMatchObject({
      code: 190,
      type: 'OAuthException',
      fbtrace_id: expect.any(String),
    });
    expect((await post('/me/messages', { message: { text: 'x' } })).body.error).toMatchObject({ code: 100 });
    expect((await post('/17890012345/replies', {})).status).toBe(400);
  });

  it('answers user profiles (GET /<igsid>), with follow status when set', async () => {
    await control.setProfile({ id: '555', username: 'fan', is_user_follow_business: true });
    const get = async (id: string) =>
      readJson(
        await fetch(`${sandbox.graphUrl}/${id}?fields=username,is_user_follow_business`, { headers: { Authorization: 'Bearer t' } }),
      );
    expect(await get('555')).toEqual({ id: '555', username: 'fan', is_user_follow_business: true });
    expect(await get('556')).toEqual({ id: '556', username: 'user_556' });
  });

  it('fails the next N matching calls with the injected error, then recovers', async () => {
    await control.fail({ error: 'window_closed', count: 2, pathContains: '/messages' });
    expect((await post('/17890012345/replies', { message: 'x' })).status).toBe(200);
    const first = await post('/me/messages', dm);
    expect(first.body.error).toMatchObject({ code: 10, error_subcode: 2018278 });
    expect((await post('/me/messages', dm)).status).toBe(400);
    expect((await post('/me/messages', dm)).status).toBe(200);
  });

  it('fails by ratio, adds latency, and refuses malformed rules', async () => {
    await control.fail({ error: 'server_error', ratio: 1 });
    expect((await post('/me/messages', dm)).status).toBe(500);
    await control.reset();
    await control.fail({ error: 'rate_limit', ratio: 0, latencyMs: 200 });
    const started = Date.now();
    expect((await post('/me/messages', dm)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await expect(control.fail({ error: 'nope' as never })).rejects.toThrow(/error must be one of/);
    await expect(control.fail({ ratio: 2 })).rejects.toThrow(/ratio must be a number from 0 to 1/);
  });

  it('answers a scripted path with the canned body, without a token, and records its headers', async () => {
    await control.answer({ pathContains: '/crm/', method: 'POST', status: 201, body: { lead: { id: 'crm-7' } } });
    const response = await fetch(`${sandbox.url}/crm/leads`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Source': 'fan' },
      body: '{"ig":"555"}',
    });
    expect({ status: response.status, body: await readJson(response) }).toEqual({ status: 201, body: { lead: { id: 'crm-7' } } });
    expect(await control.calls('/crm/')).toMatchObject([
      { method: 'POST', path: '/crm/leads', token: null, body: { ig: '555' }, headers: { 'x-source': 'fan' } },
    ]);
    await expect(control.answer({ pathContains: '', status: 200, body: {} })).rejects.toThrow(/pathContains must be a non-empty string/);
    await control.reset();
    expect((await post('/crm/leads', {})).status).toBe(400);
  });

  const get = async (path: string) => {
    const response = await fetch(path.startsWith('http') ? path : `${sandbox.graphUrl}${path}`, {
      headers: { Authorization: 'Bearer IGQVJ-token' },
    });
    return { status: response.status, body: await readJson(response) };
  };

  it('refuses a second private reply to a comment with code 100 / subcode 2534025, as Meta does', async () => {
    const privateReply = { recipient: { comment_id: '17890099999' }, message: { text: 'link' } };
    expect((await post('/17841400000000001/messages', privateReply)).status).toBe(200);
    const second = await post('/17841400000000001/messages', privateReply);
    expect(second).toEqual({
      status: 400,
      body: {
        error: {
          message: '(#100) Private reply already used for the comment',
          type: 'OAuthException',
          code: 100,
          error_subcode: 2534025,
          fbtrace_id: expect.any(String),
        },
      },
    });
  });

  it('serves the Conversations API from what was sent: the conversation with a person, its messages newest first, paged', async () => {
    for (const text of ['one', 'two', 'three'])
      await post('/17841400000000001/messages', { recipient: { id: '2358708294634624' }, message: { text } });
    await control.setCommenter('17890012345', '2358708294634624');
    await post('/17841400000000001/messages', { recipient: { comment_id: '17890012345' }, message: { text: 'private' } });
    expect((await get('/17841400000000001/conversations?platform=instagram&user_id=nobody')).body).toEqual({ data: [] });
    expect((await get('/17841400000000001/conversations?user_id=2358708294634624')).status).toBe(400);
    const listed = await get('/17841400000000001/conversations?platform=instagram&user_id=2358708294634624');
    expect(listed.body).toEqual({
      data: [{ id: expect.stringMatching(/^aWdf/), updated_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/) }],
    });
    const conversationId = listed.body.data[0].id as string;
    const first = await get(`/${conversationId}?fields=messages.limit(3){id,message,created_time,from}`);
    expect(first.body.id).toBe(conversationId);
    expect(first.body.messages.data.map((message: { message: string }) => message.message)).toEqual(['private', 'three', 'two']);
    expect(first.body.messages.data[0]).toEqual({
      id: expect.stringMatching(/^aWdf/),
      message: 'private',
      created_time: expect.stringMatching(/\+0000$/),
      from: { id: '17841400000000001', username: 'business_17841400000000001' },
    });
    const next = await get(first.body.messages.paging.next as string);
    expect(next.body.data.map((message: { message: string }) => message.message)).toEqual(['one']);
    expect(next.body.paging.next).toBeUndefined();
  });

  it('loses the answers of the next N sends after performing them (or not), recording what happened', async () => {
    await control.loseResponses({ mode: 'bad_gateway', count: 1 });
    await control.loseResponses({ mode: 'drop', count: 1, performed: false });
    const gateway = await fetch(`${sandbox.graphUrl}/17841400000000001/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer IGQVJ-token' },
      body: JSON.stringify(dm),
    });
    expect([gateway.status, await gateway.text()]).toEqual([502, expect.stringContaining('502 Bad Gateway')]);
    await expect(post('/17841400000000001/messages', dm)).rejects.toThrow();
    expect((await post('/17841400000000001/messages', dm)).status).toBe(200);
    const calls = await control.calls('/messages');
    expect(calls.map((call) => [call.status, call.lostResponse ?? null])).toEqual([
      [200, 'bad_gateway'],
      [0, 'drop'],
      [200, null],
    ]);
    const conversation = await get('/17841400000000001/conversations?platform=instagram&user_id=2358708294634624');
    const messages = await get(`/${conversation.body.data[0].id}?fields=messages{id}`);
    expect(messages.body.messages.data).toHaveLength(2);
    await expect(control.loseResponses({ mode: 'lost' as 'drop' })).rejects.toThrow(/mode must be one of drop, bad_gateway, timeout/);
  });
});
