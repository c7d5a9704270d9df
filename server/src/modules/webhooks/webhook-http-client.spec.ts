import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkWebhookUrl, postWebhook, RESPONSE_SNIPPET_CHARS } from './webhook-http-client';

describe('postWebhook against a real local server', () => {
  let server: Server;
  let port: number;
  const received: Array<{ path: string; body: string }> = [];

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ path: request.url ?? '', body });
        if (request.url === '/redirect') {
          response.writeHead(307, { location: '/target' }).end();
        } else if (request.url === '/huge') {
          response.writeHead(200);
          response.end('x'.repeat(1024 * 1024));
        } else {
          response.writeHead(201).end('created');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the body and reports status, latency and a snippet when private addresses are allowed', async () => {
    const result = await postWebhook(`http://localhost:${port}/ok`, { 'Content-Type': 'application/json' }, '{"a":1}', true);
    expect(result).toMatchObject({ statusCode: 201, responseSnippet: 'created', error: null });
    expect(received.at(-1)).toEqual({ path: '/ok', body: '{"a":1}' });
  });

  it('refuses a hostname that resolves to loopback, and a loopback literal, without connecting', async () => {
    const before = received.length;
    const byName = await postWebhook(`http://localhost:${port}/ok`, {}, '{}', false);
    const byAddress = await postWebhook(`http://127.0.0.1:${port}/ok`, {}, '{}', false);
    expect(byName).toMatchObject({ statusCode: null, error: expect.stringContaining('private or reserved address') });
    expect(byAddress).toMatchObject({ statusCode: null, error: expect.stringContaining('private or reserved address') });
    expect(received.length).toBe(before);
    await expect(checkWebhookUrl(new URL(`http://localhost:${port}/`), false)).rejects.toThrow(/private or reserved/);
    await expect(checkWebhookUrl(new URL(`http://localhost:${port}/`), true)).resolves.toBeUndefined();
  });

  it('does not follow redirects', async () => {
    const result = await postWebhook(`http://127.0.0.1:${port}/redirect`, {}, '{}', true);
    expect(result.statusCode).toBe(307);
    expect(received.at(-1)?.path).toBe('/redirect');
  });

  it('stops reading a huge answer and keeps only a short snippet', async () => {
    const result = await postWebhook(`http://127.0.0.1:${port}/huge`, {}, '{}', true);
    expect(result.statusCode).toBe(200);
    expect(result.responseSnippet).toHaveLength(RESPONSE_SNIPPET_CHARS);
  });
});
