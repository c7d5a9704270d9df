// The live chat inbox list under a large workspace: `npm run bench:inbox [-- <conversations> <messages per conversation>]`.
// Seeds (in SQL, the fastest way to get there) 100,000 contacts with a conversation each and 20 messages each
// (2,000,000 messages) into one workspace, then times GET /v1/conversations over HTTP: the first page, filtered pages,
// searches, a deep page by cursor, the counts per person and a thread. A quarter of the conversations are assigned to
// the signed-in member (`filter=mine`, timed with her session cookie), half to 8 teammates, a quarter to nobody;
// 1% have automation paused; 10% carry the tag vip, 0.1% wholesale. Prints p50/p95/max
// per query; asserts nothing (target: p95 < 200 ms). BENCH_SAMPLES (default 200) sets the requests per query;
// BENCH_KEEP_DATABASE=1 keeps the seeded database (its URL is printed) for EXPLAIN ANALYZE.
import { Client } from 'pg';
import { createPerson, createTenant, createTestDatabase, readJson, startServer } from '../src/harness';

const CONVERSATIONS = Number(process.argv[2] ?? 100_000);
const MESSAGES_PER_CONVERSATION = Number(process.argv[3] ?? 20);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);

// What the server keeps in conversation_search_texts (migration 1766890000000 rebuilds the same): the username, then
// the newest texts people wrote (the contact, a member, the API; not flows), newest first, cut at 1,000 characters.
const SEARCH_TEXTS_BACKFILL = `
  INSERT INTO conversation_search_texts (contact_id, account_id, search_text)
  SELECT c.contact_id, c.account_id, left(concat_ws(E'\\n', coalesce(ct.username, ''),
           (SELECT string_agg(m.text, E'\\n' ORDER BY m.occurred_at DESC, m.id DESC)
              FROM (SELECT text, occurred_at, id FROM conversation_messages
                     WHERE contact_id = c.contact_id AND text IS NOT NULL AND sender_type <> 'flow'
                     ORDER BY occurred_at DESC, id DESC LIMIT 50) m)), 1000)
    FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE c.account_id = $1`;

// Builds before 1766890000000 kept it in conversations.search_text, every message's text included (migration 1766830000000).
const SEARCH_COLUMN_BACKFILL = `
  UPDATE conversations c SET search_text = left(concat_ws(E'\\n', coalesce(ct.username, ''),
           (SELECT string_agg(m.text, E'\\n' ORDER BY m.occurred_at DESC, m.id DESC)
              FROM (SELECT text, occurred_at, id FROM conversation_messages
                     WHERE contact_id = c.contact_id AND text IS NOT NULL ORDER BY occurred_at DESC, id DESC LIMIT 50) m)), 1000)
    FROM contacts ct WHERE ct.id = c.contact_id AND c.account_id = $1`;

async function seed(databaseUrl: string, tenant: { accountId: string; instagramAccountId: string }, memberId: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = Date.now();
    await client.query(
      `INSERT INTO contacts (account_id, instagram_account_id, ig_user_id, username, tags, variables, first_seen_at, last_seen_at, last_inbound_at)
       SELECT $1, $2, 'bench-' || n, 'person_' || n,
              CASE WHEN n % 10 = 0 THEN ARRAY['vip'] WHEN n % 1000 = 1 THEN ARRAY['wholesale'] ELSE ARRAY[]::text[] END, '{}',
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
              CASE hashtext(c.username) & 3 WHEN 0 THEN NULL WHEN 1 THEN $2::uuid ELSE md5('teammate ' || (abs(hashtext(c.id::text)) % 8))::uuid END
         FROM contacts c WHERE c.account_id = $1`,
      [tenant.accountId, memberId],
    );
    // 1% paused: half until resumed, half for a day.
    await client.query(
      `UPDATE conversations SET automation_paused_at = now(),
              automation_paused_until = CASE WHEN hashtext(contact_id::text) & 1 = 0 THEN NULL ELSE now() + interval '1 day' END
        WHERE account_id = $1 AND abs(hashtext(contact_id::text)) % 100 = 0`,
      [tenant.accountId],
    );
    await seedSearchText(client, tenant.accountId);
    // The steady state autovacuum keeps: statistics, and the visibility map index-only scans rely on.
    await client.query(
      `VACUUM ANALYZE contacts, conversations, conversation_messages${(await hasSearchTexts(client)) ? ', conversation_search_texts' : ''}`,
    );
    console.log(
      `seeded ${CONVERSATIONS} conversations and ${CONVERSATIONS * MESSAGES_PER_CONVERSATION} messages in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  } finally {
    await client.end();
  }
}

async function hasSearchTexts(client: Client): Promise<boolean> {
  const table = await client.query(`SELECT to_regclass('conversation_search_texts') IS NOT NULL AS present`);
  return table.rows[0].present as boolean;
}

/** Fills the search texts where this build keeps them (so the same bench runs on builds before and after each move). */
async function seedSearchText(client: Client, accountId: string): Promise<void> {
  if (await hasSearchTexts(client)) {
    await client.query(SEARCH_TEXTS_BACKFILL, [accountId]);
    return;
  }
  const column = await client.query(
    `SELECT 1 FROM information_schema.columns WHERE table_name = 'conversations' AND column_name = 'search_text'`,
  );
  if (column.rowCount) await client.query(SEARCH_COLUMN_BACKFILL, [accountId]);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time(label: string, url: () => string, headers: Record<string, string>): Promise<number> {
  const latencies: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    const response = await fetch(url(), { headers });
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
    const member = await createPerson(server.env, server.url, tenant.accountId, 'editor');
    await seed(database.url, tenant, member.userId);
    const byKey = { 'x-api-key': tenant.apiKey };
    const bySession = { cookie: member.cookie };
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
      await time('first page (all)', () => list(), byKey),
      await time('filter=open', () => list('&filter=open'), byKey),
      await time('filter=mine (session)', () => list('&filter=mine'), bySession),
      await time('filter=unassigned', () => list('&filter=unassigned'), byKey),
      await time('filter=paused', () => list('&filter=paused'), byKey),
      await time('filter=done', () => list('&filter=done'), byKey),
      await time('tag=vip', () => list('&tag=vip'), byKey),
      await time('filter=open&tag=vip', () => list('&filter=open&tag=vip'), byKey),
      await time('tag=wholesale (0.1%)', () => list('&tag=wholesale'), byKey),
      await time('page 201 (cursor)', () => list(`&cursor=${cursor}`), byKey),
      await time('search q=person_99999 (1 hit)', () => list('&q=person_99999'), byKey),
      await time('search q=12 of person_4242', () => list('&q=12%20of%20person_4242'), byKey),
      await time('search q=person_123 (111 hits)', () => list('&q=person_123'), byKey),
      await time('search q=nobody-has-this', () => list('&q=nobody-has-this'), byKey),
      await time('search q=message (every row)', () => list('&q=message'), byKey),
      await time('filter=open&q=person_123', () => list('&filter=open&q=person_123'), byKey),
      await time('counts per person', () => `${server.url}/v1/conversations/counts`, byKey),
      await time('thread: /contacts/{id}/messages', () => `${server.url}/v1/contacts/${contactId}/messages?limit=50`, byKey),
    ];
    console.log(`worst p95: ${Math.max(...p95s).toFixed(1)} ms (target < 200 ms)`);
  } finally {
    await server.stop();
    // BENCH_KEEP_DATABASE=1 keeps the seeded database for EXPLAIN ANALYZE (drop it by hand afterwards).
    if (process.env.BENCH_KEEP_DATABASE === '1') console.log(`kept ${database.url}`);
    else await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
