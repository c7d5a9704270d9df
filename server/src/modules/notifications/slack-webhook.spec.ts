import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlackWebhook } from './slack-webhook';

describe('Slack-compatible webhook', () => {
  let server: Server;
  let url: string;
  const received: Array<{ body: string; headers: Record<string, unknown> }> = [];
  let answer = { status: 200, body: 'ok' };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: request.headers });
        response.writeHead(answer.status).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T/B/x`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('posts {"text": …} as JSON with the effect as idempotency key', async () => {
    answer = { status: 200, body: 'ok' };
    expect(await new SlackWebhook({ flowsAllowPrivateUrls: true }).post(url, 'New lead', 'run1:2:0')).toEqual({
      ok: true,
      status: 200,
      error: null,
    });
    expect(JSON.parse(received[received.length - 1].body)).toEqual({ text: 'New lead' });
    expect(received[received.length - 1].headers).toMatchObject({ 'content-type': 'application/json', 'idempotency-key': 'run1:2:0' });
  });

  it('reports a non-2xx answer with its status and the start of its body', async () => {
    answer = { status: 404, body: 'no_service' };
    expect(await new SlackWebhook({ flowsAllowPrivateUrls: true }).post(url, 'x', 'k')).toEqual({
      ok: false,
      status: 404,
      error: 'HTTP 404: no_service',
    });
  });

  it('refuses a private address unless FLOWS_ALLOW_PRIVATE_URLS, without calling it', async () => {
    const before = received.length;
    const result = await new SlackWebhook({ flowsAllowPrivateUrls: false }).post(url, 'x', 'k');
    expect(result).toEqual({ ok: false, status: null, error: expect.stringContaining('FLOWS_ALLOW_PRIVATE_URLS=true') });
    expect(received).toHaveLength(before);
  });
});
