import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A receiver (a CRM a flow calls, say) that answers nothing until the test releases it: a "slow" endpoint without any timing. `held` counts
 * requests waiting, `answered` those released and fully sent.
 */
export interface HeldHttpServer {
  url: string;
  held(): number;
  received(): number;
  /** Each request's method, path and headers, in arrival order. */
  requests(): Array<{ method: string; path: string; headers: IncomingHttpHeaders }>;
  answered(): number;
  release(): void;
  close(): Promise<void>;
}

export async function startHeldHttpServer(): Promise<HeldHttpServer> {
  const waiting: ServerResponse[] = [];
  const requests: Array<{ method: string; path: string; headers: IncomingHttpHeaders }> = [];
  let received = 0;
  let answered = 0;
  let released = false;
  const answer = (response: ServerResponse) => {
    response.on('finish', () => answered++);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    received++;
    requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers });
    request.resume();
    if (released) answer(response);
    else waiting.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held: () => waiting.filter((response) => !response.writableEnded && !response.destroyed).length,
    received: () => received,
    requests: () => [...requests],
    answered: () => answered,
    release: () => {
      released = true;
      waiting.splice(0).forEach(answer);
    },
    close: () =>
      new Promise<void>((resolve) => {
        released = true;
        waiting.splice(0).forEach(answer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
