import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GraphRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

export interface FakeGraphApi {
  url: string;
  requests: GraphRequest[];
  /** IGSID → is_user_follow_business, answered by GET /<igsid>. */
  follows: Map<string, boolean>;
  close(): Promise<void>;
}

/** A loopback stand-in for graph.instagram.com (Send API, replies, user profiles) that also plays a CRM under /crm for HTTP blocks. */
export async function startFakeGraphApi(): Promise<FakeGraphApi> {
  const requests: GraphRequest[] = [];
  const follows = new Map<string, boolean>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.method === 'GET') {
        const igUserId = decodeURIComponent(path.slice(1).split('?')[0]);
        res.end(JSON.stringify({ username: 'someone', ...(follows.has(igUserId) ? { is_user_follow_business: follows.get(igUserId) } : {}) }));
      } else if (path.startsWith('/crm')) {
        res.end(JSON.stringify({ lead: { id: `crm-${requests.length}` } }));
      } else {
        res.end(JSON.stringify(path.endsWith('/replies') ? { id: `reply_${requests.length}` } : { recipient_id: 'r', message_id: `mid_${requests.length}` }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    follows,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function waitUntil(condition: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
