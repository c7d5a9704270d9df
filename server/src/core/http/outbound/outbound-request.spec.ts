import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkUrlAddress, OutboundRequest, sendOutboundRequest } from './outbound-request';

describe('sendOutboundRequest against a real local server', () => {
  let server: Server;
  let base: string;
  const received: Array<{ method: string; path: string; body: string }> = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method ?? '', path: request.url ?? '', body });
        if (request.url === '/big') return void response.writeHead(200).end('y'.repeat(10_000));
        if (request.url === '/slow') return void setTimeout(() => response.writeHead(200).end('late'), 2_000);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"lead":{"id":"crm-1"}}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const call = (overrides: Partial<OutboundRequest>) =>
    sendOutboundRequest({
      url: `${base}/ok`,
      method: 'GET',
      headers: {},
      timeoutMs: 5_000,
      maxResponseBytes: 1_000,
      allowPrivate: true,
      allowPrivateSetting: 'SOME_SETTING',
      ...overrides,
    });

  it('sends a GET without a body and returns the whole short answer', async () => {
    expect(await call({})).toMatchObject({ statusCode: 200, body: '{"lead":{"id":"crm-1"}}', error: null });
    expect(received.at(-1)).toEqual({ method: 'GET', path: '/ok', body: '' });
  });

  it('reads a long answer only up to the cap', async () => {
    const response = await call({ url: `${base}/big`, maxResponseBytes: 1_000 });
    expect(response.body).toHaveLength(1_000);
  });

  it('gives up after the timeout', async () => {
    expect(await call({ url: `${base}/slow`, timeoutMs: 200 })).toMatchObject({
      statusCode: null,
      body: null,
      error: 'no answer within 0.2 s',
    });
  });

  it('refuses private addresses without connecting, naming the setting that allows them', async () => {
    const before = received.length;
    const response = await call({ method: 'POST', body: '{}', allowPrivate: false });
    expect(response).toMatchObject({
      statusCode: null,
      error: expect.stringContaining('private or reserved address (set SOME_SETTING=true to allow)'),
    });
    expect(received).toHaveLength(before);
  });

  it('refuses a name that resolves to a private address naming the host, never what it resolved to (security review L4)', async () => {
    const port = new URL(base).port;
    const response = await call({ url: `http://localhost:${port}/ok`, allowPrivate: false });
    expect(response).toMatchObject({
      statusCode: null,
      error: 'localhost is not allowed: it points to a private or reserved address (set SOME_SETTING=true to allow)',
    });
    await expect(checkUrlAddress(new URL(`http://localhost:${port}/`), false, 'SOME_SETTING')).rejects.toThrow(
      new Error('localhost is not allowed: it points to a private or reserved address (set SOME_SETTING=true to allow)'),
    );
  });

  it('answers a header Node refuses to send with an error instead of throwing (security review L2)', async () => {
    const before = received.length;
    await expect(call({ headers: { 'X-Emoji': 'tok😀' } })).resolves.toMatchObject({
      statusCode: null,
      body: null,
      error: expect.stringContaining('X-Emoji'),
    });
    await expect(call({ headers: { 'X-Line': 'a\r\nX-Injected: 1' } })).resolves.toMatchObject({
      statusCode: null,
      body: null,
      error: expect.stringContaining('X-Line'),
    });
    expect(received).toHaveLength(before);
  });

  it('refuses URLs it cannot or must not call', async () => {
    expect(await call({ url: 'not a url' })).toMatchObject({ statusCode: null, error: 'not a url is not a valid URL' });
    expect(await call({ url: 'file:///etc/passwd' })).toMatchObject({ statusCode: null, error: 'file: URLs are not allowed' });
  });
});
