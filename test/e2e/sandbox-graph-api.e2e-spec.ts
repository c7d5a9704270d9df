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
});
