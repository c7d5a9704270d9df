import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { loadScaledDeadline } from './load-scaled';
import { freePort } from './ports';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The exact bytes received, as text: signatures are checked against these. */
  rawBody: string;
  receivedAt: number;
}

export interface RecorderResponse {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface HttpRecorder {
  url: string;
  requests: RecordedRequest[];
  /** Decide the answer per request (default: 200 `{"ok":true}`). */
  respondWith(responder: (request: RecordedRequest) => RecorderResponse): void;
  waitFor(predicate: (requests: RecordedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real HTTP server on a free loopback port that records every request: the receiving side in e2e tests. With
 * `tls` it serves HTTPS (e.g. a selfSignedCertificate() the server trusts through NODE_EXTRA_CA_CERTS).
 */
export async function startHttpRecorder(options: { tls?: { key: string; cert: string } } = {}): Promise<HttpRecorder> {
  const requests: RecordedRequest[] = [];
  let responder: (request: RecordedRequest) => RecorderResponse = () => ({ status: 200, body: '{"ok":true}' });
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      };
      requests.push(recorded);
      const answer = responder(recorded);
      const send = () => {
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body ?? '');
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  };
  const server: Server = options.tls ? createHttpsServer(options.tls, handle) : createServer(handle);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    respondWith: (next) => (responder = next),
    async waitFor(predicate, timeoutMs = 15_000) {
      const deadline = loadScaledDeadline(timeoutMs);
      while (!predicate(requests)) {
        if (deadline.expired())
          throw new Error(`recorder: condition not met within ${deadline.elapsedMs()} ms (${requests.length} requests received)`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
