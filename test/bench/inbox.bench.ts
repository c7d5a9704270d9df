// The live chat inbox list under a large workspace: `npm run bench:inbox [-- <conversations> <messages per conversation>]`.
// Seeds (in SQL, the fastest way to get there) 100,000 contacts with a conversation each and 20 messages each
// (2,000,000 messages) into one workspace, then times GET /v1/conversations over HTTP: the first page, filtered pages,
// a search, a deep page by cursor, and a thread. Prints p50/p95/max per query; asserts nothing (target: p95 < 200 ms).
import { Client } from 'pg';
import { createTenant, createTestDatabase, readJson, startServer } from '../src/harness';

const CONVERSATIONS = Number(process.argv[2] ?? 100_000);
const MESSAGES_PER_CONVERSATION = Number(process.argv[3] ?? 20);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);

async function seed(databaseUrl: string, tenant: { accountId: string; instagramAccountId: string }): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = Date.now();
    await client.query(
      `INSERT INTO contacts (account_id, instagram_account_id, ig_user_id, username, tags, variables, first_seen_at, last_seen_at, last_inbound_at)
       SELECT $1, $2, 'bench-' || n, 'person_' || n, CASE WHEN n % 10 = 0 THEN ARRAY['vip'] ELSE ARRAY[]::text[] END, '{}',
              now() - interval '30 days', now(), now() - make_interval(secs => n)
         FROM generate_series(1, $3) AS n`,
      [tenant.accountId, tenant.instagramAccountId, CONVERSATIONS],
    );
    // Messages per contact, alternating in and out, one minute apart, the last one n seconds ago.
    await client.query(
      `INSERT INTO conversation_messages (account_id, contact_id, dedupe_key, direction, kind, text, sender_type, occurred_at)
       SELECT c.account_id, c.id, 'bench:' || m, CASE WHEN m % 2 = 0 THEN 'inbound' ELSE 'outbound' END, 'message',
              'message ' || m || ' of ' || c.username, CASE WHEN m % 2 = 0 THEN 'contact' ELSE 'flow' END,
              date_trunc('milliseconds', c.last_inbound_at - make_interval(mins => $2 - m))
         FROM contacts c, generate_series(1, $2) AS m WHERE c.account_id = $1`,
      [tenant.accountId, MESSAGES_PER_CONVERSATION],
    );
    await client.query(
      `INSERT INTO conversations (contact_id, account_id, last_message_at, last_message_text, last_direction, last_inbound_at, unread_count,
                                  status, assignee_user_id)
       SELECT c.id, c.account_id, date_trunc('milliseconds', c.last_inbound_at), 'last message of ' || c.username, 'inbound',
              c.last_inbound_at, (hashtext(c.id::text) & 3), CASE WHEN hashtext(c.username) % 3 = 0 THEN 'done' ELSE 'open' END,
              CASE WHEN hashtext(c.username) % 4 = 0 THEN NULL ELSE gen_random_uuid() END
         FROM contacts c WHERE c.account_id = $1`,
      [tenant.accountId],
    );
    await client.query('ANALYZE contacts, conversations, conversation_messages');
    console.log(
      `seeded ${CONVERSATIONS} conversations and ${CONVERSATIONS * MESSAGES_PER_CONVERSATION} messages in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  } finally {
    await client.end();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time(label: string, url: () => string, apiKey: string): Promise<number> {
  const latencies: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    const response = await fetch(url(), { headers: { 'x-api-key': apiKey } });
    const body = await readJson(response);
    latencies.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${label}: ${response.status} ${JSON.stringify(body)}`);
  }
  latencies.sort((a, b) => a - b);
  const p95 = percentile(latencies, 95);
  console.log(
    `${label.padEnd(34)} p50 ${percentile(latencies, 50).toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms   max ${latencies[latencies.length - 1].toFixed(1).padStart(7)} ms`,
  );
  return p95;
}

async function main(): Promise<void> {
  const database = await createTestDatabase('dmflow_bench');
  const server = await startServer({ databaseUrl: database.url, env: { LOG_LEVEL: 'warn' } });
  try {
    const tenant = await createTenant(server.env, { plan: 'trendsetter_pro' });
    await seed(database.url, tenant);
    const list = (query = '') => `${server.url}/v1/conversations?limit=25${query}`;
    const first = await readJson(await fetch(list(), { headers: { 'x-api-key': tenant.apiKey } }));
    let cursor = first.next_cursor as string;
    for (let page = 0; page < 200; page++) {
      const next = await readJson(await fetch(list(`&cursor=${cursor}`), { headers: { 'x-api-key': tenant.apiKey } }));
      cursor = next.next_cursor as string;
    }
    const contactId = (first.data[0] as { id: string }).id;
    console.log(`GET /v1/conversations, ${SAMPLES} sequential requests each (HTTP, API key auth included):`);
    const p95s = [
      await time('first page (all)', () => list(), tenant.apiKey),
      await time('filter=open', () => list('&filter=open'), tenant.apiKey),
      await time('filter=unassigned', () => list('&filter=unassigned'), tenant.apiKey),
      await time('tag=vip', () => list('&tag=vip'), tenant.apiKey),
      await time('page 201 (cursor)', () => list(`&cursor=${cursor}`), tenant.apiKey),
      await time('search q=person_99999', () => list('&q=person_99999'), tenant.apiKey),
      await time('thread: /contacts/{id}/messages', () => `${server.url}/v1/contacts/${contactId}/messages?limit=50`, tenant.apiKey),
    ];
    console.log(`worst p95: ${Math.max(...p95s).toFixed(1)} ms (target < 200 ms)`);
  } finally {
    await server.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
