// A broadcast to a big segment: `npm run bench:broadcast [-- <contacts>]` (scripts/bench.mjs builds and bundles it).
// Seeds <contacts> (default 10,000) tagged contacts, a third of them outside Instagram's 24-hour window, sends one
// broadcast and checks that exactly the eligible ones got one message each, that the rest are reported with the
// reason, and prints the achieved send rate against the account's limit (the most sends the sandbox saw in any
// one second, and the average).
import { createTenant, mostInAnySecond, readJson, seedAudience, sendsByRecipient, startSandboxedServer } from '../src/harness';

const CONTACTS = Number(process.argv[2] ?? 10_000);
/** Meta's per-account text send limit (reference/meta-instagram-api.md §4); the server's SEND_LIMITS.text. */
const ACCOUNT_SEND_LIMIT = 300;
const TEXT = 'Bench broadcast';

async function main(): Promise<void> {
  const stack = await startSandboxedServer({ databasePrefix: 'dmflow_bench_broadcast', env: { LOG_LEVEL: 'warn' } });
  const { server, database, graph } = stack;
  try {
    const tenant = await createTenant(server.env);
    const outside = Math.floor(CONTACTS / 3);
    const audience = await seedAudience(database.url, tenant, { prefix: 'bench', tag: 'bench', inside: CONTACTS - outside, outside });
    const call = async (path: string, body: unknown) => {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = await readJson(response);
      if (response.status !== 201) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    const segment = await call('/v1/segments', { name: 'Bench', filter: { tags: ['bench'] } });
    const started = Date.now();
    const broadcast = await call('/v1/broadcasts', {
      name: 'Bench',
      segment_id: segment.id,
      instagram_account_id: tenant.instagramAccountId,
      message: { text: TEXT },
    });
    let view = broadcast;
    while (view.status !== 'completed') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      view = await readJson(await fetch(`${server.url}/v1/broadcasts/${broadcast.id}`, { headers: { 'x-api-key': tenant.apiKey } }));
    }
    const seconds = (Date.now() - started) / 1000;
    const calls = (await graph.calls('/messages')).filter((recorded) => recorded.body?.message?.text === TEXT);
    const byRecipient = sendsByRecipient(calls, [...audience.eligible, ...audience.outsideWindow]);
    const eligible = new Set(audience.eligible);
    const exact = byRecipient.size === eligible.size && [...byRecipient].every(([id, sends]) => eligible.has(id) && sends.length === 1);
    const times = calls.map((recorded) => Date.parse(recorded.at));
    const sendingSeconds = (Math.max(...times) - Math.min(...times)) / 1000;
    const peak = mostInAnySecond(calls);
    console.log(
      `contacts: ${CONTACTS} (eligible ${audience.eligible.length}, outside the 24-hour window ${audience.outsideWindow.length})`,
    );
    console.log(`stats: ${JSON.stringify(view.stats)}`);
    console.log(`exactly the eligible got one message each: ${exact ? 'yes' : 'NO'} (${calls.length} sends to ${byRecipient.size} people)`);
    console.log(
      `rate: ${(calls.length / sendingSeconds).toFixed(0)} sends/s on average, at most ${peak} in any one second; cap ${ACCOUNT_SEND_LIMIT}/s` +
        ` (${peak <= ACCOUNT_SEND_LIMIT ? 'within' : 'OVER'} the limit); ${seconds.toFixed(1)} s from create to completed`,
    );
    const reportedRight = view.stats.sent === audience.eligible.length && view.stats.skipped.outside_24h_window === outside;
    if (!exact || !reportedRight || peak > ACCOUNT_SEND_LIMIT) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
