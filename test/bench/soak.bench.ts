// `npm run bench:soak [-- --runs 1000000 --window 300 --workers 0]`: the memory soak (not in CI).
// Drives `--runs` completed flow runs through one server process (ROLE=all; `--workers N` adds N ROLE=worker
// processes on the same database and queues, as a scaled-out install runs) as fast as it takes them: a signed DM
// webhook with a keyword → inbox → inbound queue → trigger → run → send (to a counting Graph API stub) → end →
// flow_completed delivered to a counting receiver. At most `--window` runs are outstanding; a contact is reused
// only after its previous run's flow_completed arrived. Samples each process's RSS every 5 s, prints it at 10%, 50%
// and 100%, and exits 1 unless every process's RSS at the end (mean over the last 10% of runs) is within 20% of its
// RSS after warm-up (mean over 10-20%).
// Stubs count instead of recording, so the bench process stays small however many runs it drives.
import { FLOW_SCHEMA_VERSION, type FlowGraph } from '@dmflow/shared';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chain, node, text, trigger } from '../src/fixtures/instagram-flows';
import {
  createTenant,
  createTestDatabase,
  queryDatabase,
  readJson,
  seedPublishedFlow,
  type ServerProcess,
  startServer,
  type TenantFixture,
} from '../src/harness';
import { databaseActivity, ServerSampler } from '../src/load/scenario';
import { dmWebhook, MetaWebhookSender } from '@dmflow/sandbox';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] !== undefined
    ? process.argv[index + 1]
    : (process.env[`SOAK_${name.toUpperCase()}`] ?? fallback);
}

const RUNS = Number(argument('runs', '1000000'));
const WINDOW = Number(argument('window', '300'));
const CONTACTS = Number(argument('contacts', String(Math.max(2000, WINDOW * 20))));
const ACCOUNTS = Number(argument('accounts', '2'));
const SAMPLE_MS = Number(argument('sample-ms', '5000'));
const REPORT_MS = Number(argument('report-ms', '30000'));
const WORKERS = Number(argument('workers', '0'));
/** Stop starting runs after this long (0 = no limit); the verdict then covers the runs completed. */
const MAX_MINUTES = Number(argument('max-minutes', '0'));
const STALL_MS = Number(argument('stall-ms', '120000'));
const TOLERANCE = 0.2;
// BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the servers (written when they stop).
const SERVER_NODE_ARGS = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
const APP_SECRET = 'soak-app-secret';
const KEYWORD = 'soak';

const say = (line = '') => process.stdout.write(`${line}\n`);

const soakFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    trigger({ source: 'dm_keyword', keywords: [KEYWORD] }),
    node('hello', 'send_message', text('Here you go, {{contact.username}}.')),
    node('end', 'end', {}),
  ],
  edges: chain('trigger', 'hello', 'end'),
};

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Answers the Graph API calls a send makes, counting them; records nothing. */
async function countingGraphApi(): Promise<{ url: string; sends: () => number; close: () => Promise<void> }> {
  let sends = 0;
  let sequence = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const path = request.url ?? '/';
      let body: unknown = { id: `1780${++sequence}` };
      if (path.includes('/messages')) {
        sends++;
        body = { recipient_id: 'soak', message_id: `soak-mid-${sequence}` };
      } else if (request.method === 'GET') body = { id: path.split('?')[0].split('/').pop(), username: 'soak_user' };
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  });
  const url = await listen(server);
  return { url: `${url}/v25.0`, sends: () => sends, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A webhook receiver that answers 200 and reports each flow_completed's sender_id. */
async function countingReceiver(
  onCompleted: (senderId: string) => void,
): Promise<{ url: string; deliveries: () => number; close: () => Promise<void> }> {
  let deliveries = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      deliveries++;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"ok":true}');
      if (request.headers['x-event-type'] !== 'flow_completed') return;
      try {
        const senderId = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { sender_id?: unknown }).sender_id;
        if (typeof senderId === 'string') onCompleted(senderId);
      } catch {
        // not ours
      }
    });
  });
  const url = await listen(server);
  return {
    url,
    deliveries: () => deliveries,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface RssSample {
  runs: number;
  seconds: number;
  rssMiB: number;
}

function rssSamples(sampler: ServerSampler): RssSample[] {
  return sampler.samples.flatMap((sample) =>
    sample.rssMiB === null ? [] : [{ runs: sample.extra?.runs ?? 0, seconds: sample.t / 1000, rssMiB: sample.rssMiB }],
  );
}

/** Mean RSS of the samples taken while the completed runs were within [from, to) of the total. */
function meanRss(samples: RssSample[], total: number, from: number, to: number): number | null {
  const window = samples.filter((sample) => sample.runs >= from * total && sample.runs < to * total);
  return window.length ? window.reduce((sum, sample) => sum + sample.rssMiB, 0) / window.length : null;
}

/** The sample nearest to `fraction` of the runs. */
function rssAt(samples: RssSample[], total: number, fraction: number): RssSample | undefined {
  return [...samples].sort((a, b) => Math.abs(a.runs - fraction * total) - Math.abs(b.runs - fraction * total))[0];
}

interface MemoryVerdict {
  process: string;
  afterWarmUpMiB: number;
  atEndMiB: number;
  growth: number;
  maxAfterWarmUpMiB: number;
  peakMiB: number;
  at: Array<{ percent: number; runs: number; seconds: number; rssMiB: number }>;
  flat: boolean;
}

/** RSS after warm-up (mean over 10-20% of the `total` runs) against RSS at the end (mean over 90-100%). */
function memoryVerdict(name: string, sampler: ServerSampler, total: number): MemoryVerdict {
  const samples = rssSamples(sampler);
  const afterWarmUpMiB = meanRss(samples, total, 0.1, 0.2) ?? rssAt(samples, total, 0.1)?.rssMiB ?? 0;
  const atEndMiB = meanRss(samples, total, 0.9, 1.01) ?? samples[samples.length - 1]?.rssMiB ?? 0;
  const growth = afterWarmUpMiB ? (atEndMiB - afterWarmUpMiB) / afterWarmUpMiB : 0;
  return {
    process: name,
    afterWarmUpMiB,
    atEndMiB,
    growth,
    maxAfterWarmUpMiB: Math.max(0, ...samples.filter((sample) => sample.runs >= 0.1 * total).map((sample) => sample.rssMiB)),
    peakMiB: sampler.peak((sample) => sample.peakRssMiB),
    at: [0.1, 0.5, 1].flatMap((fraction) => {
      const sample = rssAt(samples, total, fraction);
      return sample ? [{ percent: fraction * 100, runs: sample.runs, seconds: sample.seconds, rssMiB: sample.rssMiB }] : [];
    }),
    flat: growth <= TOLERANCE,
  };
}

async function main(): Promise<void> {
  const startedAt = new Date();
  say(
    `npm run bench:soak: ${RUNS} completed runs, window ${WINDOW}, ${CONTACTS} contacts on ${ACCOUNTS} account(s), 1 server + ${WORKERS} worker process(es); ` +
      `${cpus().length} cores, Node ${process.version}, load average ${loadavg()
        .map((v) => v.toFixed(2))
        .join(' ')}`,
  );
  const database = await createTestDatabase('dmflow_soak');
  const graph = await countingGraphApi();
  const free: string[] = [];
  const inFlight = new Set<string>();
  let completed = 0;
  let lastProgressAt = Date.now();
  const receiver = await countingReceiver((senderId) => {
    if (!inFlight.delete(senderId)) return;
    completed++;
    lastProgressAt = Date.now();
    free.push(senderId);
  });
  const servers: Array<{ name: string; process: ServerProcess }> = [];
  const samplers: Array<{ name: string; sampler: ServerSampler }> = [];
  let reporter: NodeJS.Timeout | undefined;
  let exitCode = 0;
  try {
    const server = await startServer({
      databaseUrl: database.url,
      env: { META_GRAPH_URL: graph.url, META_APP_SECRET: APP_SECRET, WEBHOOKS_ALLOW_PRIVATE_URLS: 'true', LOG_LEVEL: 'warn' },
      nodeArgs: SERVER_NODE_ARGS,
    });
    servers.push({ name: 'server (ROLE=all)', process: server });
    // Extra queue workers share the first server's database, queues and key, as a scaled-out install would.
    for (let i = 0; i < WORKERS; i++) {
      const { QUEUE_PREFIX, ENCRYPTION_KEY, META_GRAPH_URL, META_APP_SECRET, WEBHOOKS_ALLOW_PRIVATE_URLS, LOG_LEVEL } = server.env;
      const worker = await startServer({
        databaseUrl: database.url,
        env: { QUEUE_PREFIX, ENCRYPTION_KEY, META_GRAPH_URL, META_APP_SECRET, WEBHOOKS_ALLOW_PRIVATE_URLS, LOG_LEVEL, ROLE: 'worker' },
        nodeArgs: SERVER_NODE_ARGS,
      });
      servers.push({ name: `worker ${i + 1} (ROLE=worker)`, process: worker });
    }
    const meta = new MetaWebhookSender(server.url, APP_SECRET);
    const tenants: TenantFixture[] = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const tenant = await createTenant(server.env, { username: `soak_shop_${i}` });
      await seedPublishedFlow(database.url, tenant, soakFlow, 'Soak');
      const endpoint = await fetch(`${server.url}/v1/webhooks`, {
        method: 'POST',
        headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ url: receiver.url, events: ['flow_completed'] }),
      });
      if (endpoint.status !== 201) throw new Error(`could not subscribe the receiver: ${JSON.stringify(await readJson(endpoint))}`);
      tenants.push(tenant);
    }
    for (let i = 0; i < CONTACTS; i++) free.push(`soak-u${i}`);
    const accountOf = (senderId: string) => tenants[Number(senderId.slice('soak-u'.length)) % tenants.length].igUserId;

    for (const { name, process: running } of servers) {
      const sampler = new ServerSampler({
        pid: running.pid,
        redisUrl: server.env.REDIS_URL,
        queuePrefix: server.env.QUEUE_PREFIX,
        queues: ['inbound', 'outbound', 'webhooks'],
        intervalMs: SAMPLE_MS,
        annotate: () => ({ runs: completed }),
      });
      await sampler.start();
      samplers.push({ name, sampler });
    }
    const activityBefore = await databaseActivity(database.url, database.name);
    const trafficStart = Date.now();
    let lastReport = { at: trafficStart, runs: 0 };
    reporter = setInterval(() => {
      const now = Date.now();
      const rate = ((completed - lastReport.runs) * 1000) / (now - lastReport.at);
      const overall = (completed * 1000) / (now - trafficStart);
      const last = samplers[0].sampler.samples[samplers[0].sampler.samples.length - 1];
      const rss = samplers.map(({ sampler }) => sampler.samples[sampler.samples.length - 1]?.rssMiB?.toFixed(0) ?? '?').join('+');
      say(
        `  ${String(completed).padStart(8)}/${RUNS}  ${((now - trafficStart) / 1000).toFixed(0).padStart(6)} s  ${rate.toFixed(0).padStart(5)} runs/s now, ${overall.toFixed(0)} overall  ` +
          `rss ${rss} MiB  inbound waiting ${last?.queues.inbound?.waiting ?? '?'}  ETA ${overall ? ((RUNS - completed) / overall / 60).toFixed(1) : '?'} min`,
      );
      lastReport = { at: now, runs: completed };
    }, REPORT_MS);

    let posted = 0;
    let refused = 0;
    let sequence = 0;
    const post = async (senderId: string) => {
      const mid = `soak-m${++sequence}`;
      for (let attempt = 1; ; attempt++) {
        try {
          const delivery = await meta.post(
            JSON.stringify(dmWebhook({ igUserId: accountOf(senderId), senderId, text: `${KEYWORD} please`, mid })),
          );
          if (delivery.status === 200) return;
        } catch {
          // retried below, like Meta
        }
        refused++;
        await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * attempt)));
      }
    };
    // Keep WINDOW runs outstanding; give up if nothing completes for STALL_MS (a lost run would hang the soak).
    let target = RUNS;
    const budgetEnds = MAX_MINUTES ? trafficStart + MAX_MINUTES * 60_000 : Infinity;
    while (completed < target) {
      if (Date.now() - lastProgressAt > STALL_MS)
        throw new Error(`no run completed for ${STALL_MS / 1000} s (completed ${completed}, outstanding ${inFlight.size})`);
      if (target === RUNS && Date.now() > budgetEnds) {
        target = posted;
        say(`  --max-minutes ${MAX_MINUTES} reached: no new runs; waiting for the ${inFlight.size} outstanding`);
      }
      if (posted < target && inFlight.size < WINDOW && free.length) {
        const senderId = free.shift() as string;
        inFlight.add(senderId);
        posted++;
        void post(senderId);
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const seconds = (Date.now() - trafficStart) / 1000;
    clearInterval(reporter);
    for (const { sampler } of samplers) await sampler.stop();
    const activityAfter = await databaseActivity(database.url, database.name);
    const perRun = {
      commits: (activityAfter.commits - activityBefore.commits) / completed,
      rowsInserted: (activityAfter.inserted - activityBefore.inserted) / completed,
      rowsUpdated: (activityAfter.updated - activityBefore.updated) / completed,
    };
    const [{ runs }] = await queryDatabase<{ runs: string }>(
      database.url,
      `SELECT count(*) AS runs FROM flow_runs WHERE status = 'completed'`,
    );

    say(
      `\n${completed} runs completed in ${(seconds / 60).toFixed(1)} min = ${(completed / seconds).toFixed(1)} runs/s (completed runs in Postgres: ${runs}; sends at the Graph API stub: ${graph.sends()}; webhook POSTs refused and retried: ${refused})`,
    );
    say(`projected time for 1,000,000 runs at this rate: ${(1_000_000 / (completed / seconds) / 3600).toFixed(2)} h`);
    say(
      `Postgres per completed run: ${perRun.commits.toFixed(1)} commits, ${perRun.rowsInserted.toFixed(1)} rows inserted, ${perRun.rowsUpdated.toFixed(1)} rows updated`,
    );
    const verdicts = samplers.map(({ name, sampler }) => memoryVerdict(name, sampler, completed));
    for (const verdict of verdicts) {
      say(`${verdict.process}:`);
      for (const at of verdict.at)
        say(
          `  RSS at ${String(at.percent).padStart(3)}%: ${at.rssMiB.toFixed(0)} MiB (sample at ${at.runs} runs, ${at.seconds.toFixed(0)} s)`,
        );
      say(
        `  after warm-up (mean over 10-20%) ${verdict.afterWarmUpMiB.toFixed(0)} MiB, at the end (mean over 90-100%) ${verdict.atEndMiB.toFixed(0)} MiB: ` +
          `${verdict.growth >= 0 ? '+' : ''}${(100 * verdict.growth).toFixed(1)}%; max after warm-up ${verdict.maxAfterWarmUpMiB.toFixed(0)} MiB; VmHWM ${verdict.peakMiB.toFixed(0)} MiB`,
      );
    }
    const flat = verdicts.every((verdict) => verdict.flat);
    say(flat ? `RSS flat within ${TOLERANCE * 100}% after warm-up: ok` : `RSS grew more than ${TOLERANCE * 100}% after warm-up: FAIL`);
    if (!flat) exitCode = 1;

    const out = resolve(argument('out', 'bench-results'));
    mkdirSync(out, { recursive: true });
    const file = join(out, `soak-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    const report = {
      bench: 'soak',
      started_at: startedAt.toISOString(),
      cores: cpus().length,
      settings: {
        runs: RUNS,
        max_minutes: MAX_MINUTES || null,
        window: WINDOW,
        contacts: CONTACTS,
        accounts: ACCOUNTS,
        workers: WORKERS,
        tolerance: TOLERANCE,
      },
      runs_completed: completed,
      seconds,
      runs_per_second: completed / seconds,
      projected_hours_for_1m: 1_000_000 / (completed / seconds) / 3600,
      postgres_per_run: perRun,
      memory: verdicts,
      flat,
      samples: Object.fromEntries(samplers.map(({ name, sampler }) => [name, sampler.samples])),
    };
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    say(`wrote ${file}`);
  } finally {
    if (reporter) clearInterval(reporter);
    for (const { process: running } of servers.reverse()) await running.stop();
    await receiver.close();
    await graph.close();
    await database.drop();
  }
  process.exit(exitCode);
}

main().catch((error: Error) => {
  process.stderr.write(`npm run bench:soak failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
