// Deliveries per second from the outbox to a local receiver: `npm run bench:webhooks [-- <events> <contacts>]`.
// Builds nothing itself: run `npm run build` first (it uses server/dist like the e2e suites).
import { Client } from 'pg';
import { createTenant, createTestDatabase, readJson, startHttpRecorder, startServer } from '../src/harness';

const EVENTS = Number(process.argv[2] ?? 2000);
const CONTACTS = Number(process.argv[3] ?? 200);

async function insertEvents(databaseUrl: string, accountId: string, count: number, contacts: number, label: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO webhook_events (account_id, event_type, ordering_key, payload, occurred_at)
       SELECT $1, 'dm_received', 'contact:' || (n % $3), jsonb_build_object('object', 'instagram', 'run', $4::text, 'n', n), now()
       FROM generate_series(0, $2 - 1) AS n`,
      [accountId, count, contacts, label],
    );
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const database = await createTestDatabase('dmflow_bench');
  const receiver = await startHttpRecorder();
  const server = await startServer({ databaseUrl: database.url, env: { WEBHOOKS_ALLOW_PRIVATE_URLS: 'true', LOG_LEVEL: 'warn' } });
  try {
    const tenant = await createTenant(server.env);
    const created = await fetch(`${server.url}/v1/webhooks`, {
      method: 'POST',
      headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, events: ['dm_received'] }),
    });
    if (created.status !== 201) throw new Error(`could not create the endpoint: ${JSON.stringify(await readJson(created))}`);

    const run = async (label: string, count: number, contacts: number) => {
      const before = receiver.requests.length;
      const started = Date.now();
      await insertEvents(database.url, tenant.accountId, count, contacts, label);
      await receiver.waitFor((requests) => requests.length - before >= count, 600_000);
      const seconds = (Date.now() - started) / 1000;
      const latencies = receiver.requests.slice(before).map((request) => request.receivedAt - started);
      console.log(
        `${label}: ${count} events over ${contacts} contact(s) delivered in ${seconds.toFixed(2)} s = ${(count / seconds).toFixed(0)} deliveries/s ` +
          `(last arrival ${Math.max(...latencies)} ms after commit)`,
      );
    };
    await run('warm-up', 100, 100);
    await run('spread', EVENTS, CONTACTS);
    await run('one contact (strict order)', Math.min(EVENTS, 300), 1);
  } finally {
    await server.stop();
    await receiver.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
