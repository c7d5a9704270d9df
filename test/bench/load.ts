import { Agent, request } from 'node:http';
import { percentile } from '../src/load/metrics';

export interface LoadResult {
  /** Requests answered 200 per second of the step. */
  ackedPerSecond: number;
  sent: number;
  acked: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
}

export interface PreparedRequest {
  body: string;
  headers: Record<string, string>;
}

const agent = new Agent({ keepAlive: true, maxSockets: 128 });

function send(url: URL, prepared: PreparedRequest): Promise<{ status: number; ms: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: { ...prepared.headers, 'Content-Length': Buffer.byteLength(prepared.body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      },
    );
    req.on('error', () => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    req.end(prepared.body);
  });
}

function summarize(results: Array<{ status: number; ms: number }>, seconds: number): LoadResult {
  const acked = results.filter((result) => result.status === 200);
  const latencies = acked.map((result) => result.ms).sort((a, b) => a - b);
  return {
    ackedPerSecond: acked.length / seconds,
    sent: results.length,
    acked: acked.length,
    failed: results.length - acked.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/**
 * Open loop: starts `rate` requests per second for `seconds`, whatever the answers' speed (as Meta does), with at
 * most `maxInFlight` outstanding; requests that would exceed it are counted as not acknowledged.
 */
export async function offeredLoad(
  url: string,
  rate: number,
  seconds: number,
  next: () => PreparedRequest,
  maxInFlight = 512,
): Promise<LoadResult> {
  const target = new URL(url);
  const pending: Array<Promise<{ status: number; ms: number }>> = [];
  let inFlight = 0;
  const started = Date.now();
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight >= maxInFlight) {
      pending.push(Promise.resolve({ status: 0, ms: 0 }));
      continue;
    }
    inFlight++;
    pending.push(send(target, next()).finally(() => inFlight--));
  }
  const results = await Promise.all(pending);
  return summarize(results, Math.max(seconds, (Date.now() - started) / 1000));
}

/** Closed loop: `concurrency` clients send back to back for `seconds`; the server's maximum rate. */
export async function saturate(url: string, concurrency: number, seconds: number, next: () => PreparedRequest): Promise<LoadResult> {
  const target = new URL(url);
  const results: Array<{ status: number; ms: number }> = [];
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) results.push(await send(target, next()));
    }),
  );
  return summarize(results, (Date.now() - started) / 1000);
}

export function closeAgent(): void {
  agent.destroy();
}
