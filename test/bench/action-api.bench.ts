// `npm run bench:action-api`: throughput and latency of POST /api-webhook through the built server to the
// sandbox Graph API, on this machine. Prints figures; asserts nothing (performance is not a test).
import { bearer, createTenant, startSandboxedServer } from '../src/harness';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

async function run(label: string, url: string, headersFor: (index: number) => Record<string, string>, body: unknown): Promise<void> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < REQUESTS) {
      const index = next++;
      const t0 = performance.now();
      const response = await fetch(`${url}/api-webhook`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headersFor(index) },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
  process.stdout.write(
    `${JSON.stringify({ bench: label, requests: REQUESTS, concurrency: CONCURRENCY, per_second: Math.round(REQUESTS / seconds), p50_ms: percentile(50), p95_ms: percentile(95), p99_ms: percentile(99), statuses: Object.fromEntries(statuses) })}\n`,
  );
}

async function main(): Promise<void> {
  const stack = await startSandboxedServer({ databasePrefix: 'dmflow_bench', env: { LOG_LEVEL: 'warn' } });
  const { server } = stack;
  try {
    const tenant = await createTenant(server.env, { plan: 'trendsetter_pro' });
    const dm = { action: 'send_message', type: 'dm', recipient_id: '2358708294634624', message: { text: 'Hello!' } };
    await run('send_message dm', server.url, () => bearer(tenant.apiKey), dm);
    await run(
      'send_message dm with a fresh Idempotency-Key',
      server.url,
      (index) => ({ ...bearer(tenant.apiKey), 'Idempotency-Key': `bench-${index}` }),
      dm,
    );
    await run('Idempotency-Key replay', server.url, () => ({ ...bearer(tenant.apiKey), 'Idempotency-Key': 'bench-0' }), dm);
    await run('400 invalid message (no send)', server.url, () => bearer(tenant.apiKey), { ...dm, message: { text: '' } });
  } finally {
    await stack.stop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
