// `npm run bench [-- --quick] [-- --contacts 2000 --concurrency 100 --rate 0 --accounts auto --workers 0 --profile DIR]`:
// the end-to-end benchmark. `--quick` (≤ 60 s) runs 400 contacts with 2-second ceilings, for contributors; `--workers N`
// adds N ROLE=worker processes on the same database and queues; `--profile DIR` writes the server's .cpuprofile there
// (summarise it with `node scripts/cpu-profile-summary.mjs DIR`).
// Ceilings first (a bare Node HTTP server's req/s with the same client, single-row INSERTs/s on the same Postgres),
// then the lead-gen scenario (test/src/load) against the built server: signed comment webhook → public reply +
// private reply (the email question) at the Graph API sandbox → DM answer → flow_completed at a local receiver,
// sampling the server's RSS, Bull queue depths and Postgres backlogs every 250 ms. Prints a table and writes
// bench-results/e2e-<timestamp>.json and .html (latency, throughput, queues and RSS over time). Asserts nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import {
  accountsFor,
  answerToWebhook,
  commentToPrivateReply,
  type ContactTimeline,
  databaseActivity,
  percentile,
  ServerSampler,
  startLeadGenStack,
  summarizeTraffic,
  type TrafficSummary,
} from '../src/load/scenario';
import { commentWebhook, metaSignature } from '@dmflow/sandbox';
import { bareNodeCeiling, ingestCeiling, insertCeiling } from './ceilings';
import { htmlReport, type LineChart } from './chart';
import { closeAgent, type PreparedRequest } from './load';

const QUEUES = ['inbound', 'outbound', 'timers', 'webhooks'];
const WARM_UP_CONTACTS = 20;

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] !== undefined
    ? process.argv[index + 1]
    : (process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
}

const QUICK = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const CONTACTS = Number(argument('contacts', QUICK ? '400' : '2000'));
const CONCURRENCY = Number(argument('concurrency', '100'));
const RATE = Number(argument('rate', '0'));
const ACCOUNTS = argument('accounts', 'auto');
const CEILING_SECONDS = Number(argument('ceiling-seconds', QUICK ? '2' : '5'));
/** Contacts walked one at a time on the otherwise idle server, for the latencies at 1 in flight. */
const IDLE_CONTACTS = Number(argument('idle-contacts', QUICK ? '8' : '20'));
const INGEST_OFFERED_RATE = Number(argument('ingest-rate', '1000'));
/** New contacts are offered at twice the main run's sustained rate for this long (0 skips the overload phase). */
const OVERLOAD_SECONDS = Number(argument('overload-seconds', QUICK ? '10' : '30'));
/**
 * Completed flows/s the overload phase is given Instagram accounts for (with --accounts auto): it offers twice the
 * measured rate, and each contact costs a private reply of Meta's 750 per account per hour. Beyond this budget the
 * phase offers fewer contacts (at the same rate) and says so, rather than run into the sandbox's refusals.
 */
const OVERLOAD_BUDGET_FLOWS_PER_SECOND = 60;
const OVERLOAD_BUDGET_CONTACTS = OVERLOAD_SECONDS > 0 ? Math.round(2 * OVERLOAD_BUDGET_FLOWS_PER_SECOND * OVERLOAD_SECONDS) : 0;
const WORKERS = Number(argument('workers', '0'));
const PROFILE_DIR = argument('profile', '');
const OUT_DIR = resolve(argument('out', 'bench-results'));

const say = (line = '') => process.stdout.write(`${line}\n`);
const ms = (value: number) => value.toFixed(0).padStart(7);

interface Bucket {
  second: number;
  commentToPrivateReply: { p50: number; p95: number; count: number } | null;
  answerToWebhook: { p50: number; p95: number; count: number } | null;
  completed: number;
}

/** Per second of the run: p50/p95 of both latencies by when the step started, and completions by when they arrived. */
function perSecond(contacts: ContactTimeline[], startedAt: number): Bucket[] {
  const buckets = new Map<number, { c2p: number[]; a2w: number[]; completed: number }>();
  const bucket = (at: number) => {
    const second = Math.floor((at - startedAt) / 1000);
    if (!buckets.has(second)) buckets.set(second, { c2p: [], a2w: [], completed: 0 });
    return buckets.get(second) as { c2p: number[]; a2w: number[]; completed: number };
  };
  for (const contact of contacts) {
    const c2p = commentToPrivateReply(contact);
    const a2w = answerToWebhook(contact);
    if (c2p !== undefined) bucket(contact.commentPostedAt as number).c2p.push(c2p);
    if (a2w !== undefined) bucket(contact.answerPostedAt as number).a2w.push(a2w);
    if (contact.flowCompletedAt !== undefined) bucket(contact.flowCompletedAt).completed++;
  }
  const stats = (values: number[]) => {
    if (!values.length) return null;
    const sorted = values.sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), count: sorted.length };
  };
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([second, values]) => ({
      second,
      commentToPrivateReply: stats(values.c2p),
      answerToWebhook: stats(values.a2w),
      completed: values.completed,
    }));
}

function table(summary: TrafficSummary): string[] {
  const latency = (label: string, value: TrafficSummary['commentToPrivateReplyMs']) =>
    `${label.padEnd(36)} ${ms(value.p50)} ${ms(value.p95)} ${ms(value.p99)} ${ms(value.max)}   (${value.count} contacts)`;
  return [
    `${'latency (ms)'.padEnd(36)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}`,
    latency('comment posted → private reply sent', summary.commentToPrivateReplyMs),
    latency('answer posted → webhook delivered', summary.answerToWebhookMs),
  ];
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    totalMemoryMiB: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    loadAverageAtStart: loadavg().map((value) => Number(value.toFixed(2))),
  };
  say(
    `npm run bench${QUICK ? ' --quick' : ''}: ${CONTACTS} contacts, ${CONCURRENCY} in flight${RATE ? `, at most ${RATE} new/s` : ''}${WORKERS ? `, ${WORKERS} extra worker process(es)` : ''}; ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}`,
  );
  say('client, server, Postgres and Redis share this machine; figures are for comparing, not for sizing.');

  say(`\nceilings (${CEILING_SECONDS} s each)`);
  const comment = (n: number): PreparedRequest => {
    const body = JSON.stringify(
      commentWebhook({ igUserId: '17841400000000000', text: 'price?', commentId: `ceiling-${n}`, fromId: `igsid-${n}` }),
    );
    return { body, headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': metaSignature(body, 'ceiling-secret') } };
  };
  let sequence = 0;
  const bare = await bareNodeCeiling(CONCURRENCY, CEILING_SECONDS, () => comment(sequence++));
  say(
    `  bare Node http server          ${bare.ackedPerSecond.toFixed(0).padStart(8)} req/s    (same signed comment bodies, ${CONCURRENCY} keep-alive clients, p50 ${bare.p50Ms.toFixed(1)} ms)`,
  );
  const inserts = await insertCeiling(8, CEILING_SECONDS);
  say(
    `  Postgres single-row INSERTs     ${inserts.insertsPerSecond.toFixed(0).padStart(8)} tx/s     (${inserts.method}, ${inserts.clients} clients, one committed INSERT per transaction)`,
  );

  const ingest = await ingestCeiling(32, CEILING_SECONDS, INGEST_OFFERED_RATE);
  say(
    `  dmflow ingest (ROLE=api)        ${ingest.dmflow.ackedPerSecond.toFixed(0).padStart(8)} req/s    (32 clients, p99 ${ingest.dmflow.p99Ms.toFixed(1)} ms; bare Node with the same client ${ingest.bare.ackedPerSecond.toFixed(0)} req/s; offered ${ingest.offeredRate}/s: p99 ${ingest.offered.p99Ms.toFixed(1)} ms, ${ingest.offered.failed} refused)`,
  );

  const accounts =
    ACCOUNTS === 'auto' ? accountsFor(CONTACTS + WARM_UP_CONTACTS + IDLE_CONTACTS + OVERLOAD_BUDGET_CONTACTS) : Number(ACCOUNTS);
  const stack = await startLeadGenStack({
    accounts,
    databasePrefix: 'dmflow_bench',
    workers: WORKERS,
    nodeArgs: PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${resolve(PROFILE_DIR)}`] : undefined,
  });
  const sampler = new ServerSampler({
    pid: stack.server.pid,
    redisUrl: stack.server.env.REDIS_URL,
    queuePrefix: stack.server.env.QUEUE_PREFIX,
    queues: QUEUES,
    databaseUrl: stack.database.url,
  });
  try {
    say(
      `\nscenario: 6-node comment lead-gen flow on ${accounts} Instagram account(s) (Meta allows 750 private replies per account per hour)`,
    );
    const warmUp = await stack.drive({ contacts: WARM_UP_CONTACTS, maxInFlight: 10, idPrefix: 'warm' });
    if (warmUp.contacts.some((contact) => contact.error))
      throw new Error(`warm-up failed: ${warmUp.contacts.find((contact) => contact.error)?.error}`);
    const idle = summarizeTraffic(await stack.drive({ contacts: IDLE_CONTACTS, maxInFlight: 1, idPrefix: 'idle' }));
    say(
      `  one contact at a time (${IDLE_CONTACTS}): comment → private reply p50 ${idle.commentToPrivateReplyMs.p50.toFixed(0)} ms, answer → flow_completed p50 ${idle.answerToWebhookMs.p50.toFixed(0)} ms`,
    );

    const before = await databaseActivity(stack.database.url, stack.database.name);
    await sampler.start();
    let done = 0;
    let failed = 0;
    const trafficStarted = Date.now();
    const result = await stack.drive({
      contacts: CONTACTS,
      maxInFlight: CONCURRENCY,
      ratePerSecond: RATE || undefined,
      idPrefix: 'bench',
      onContactDone: (contact) => {
        done++;
        if (contact.error) failed++;
        if (done % Math.max(1, Math.round(CONTACTS / 10)) === 0 || done === CONTACTS) {
          const last = sampler.samples[sampler.samples.length - 1];
          const queued = last
            ? Object.values(last.queues).reduce((sum, depth) => sum + depth.waiting + depth.active + depth.delayed, 0)
            : 0;
          say(
            `  ${String(done).padStart(6)}/${CONTACTS} contacts  ${((Date.now() - trafficStarted) / 1000).toFixed(1).padStart(6)} s  failed ${failed}  rss ${last?.rssMiB?.toFixed(0) ?? '?'} MiB  jobs queued ${queued}`,
          );
        }
      },
    });
    await sampler.stop();
    // Backends report their counters to pg_stat_database when they go idle, at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = await databaseActivity(stack.database.url, stack.database.name);

    const summary = summarizeTraffic(result);
    const overload = OVERLOAD_SECONDS > 0 ? await overloadPhase(stack, summary.sustainedCompletedPerSecond) : null;
    const peakQueues = Object.fromEntries(
      QUEUES.map((queue) => [
        queue,
        {
          waiting: sampler.peak((s) => s.queues[queue]?.waiting ?? 0),
          active: sampler.peak((s) => s.queues[queue]?.active ?? 0),
          delayed: sampler.peak((s) => s.queues[queue]?.delayed ?? 0),
        },
      ]),
    );
    const peakBacklog = {
      inbox: sampler.peak((s) => s.backlog?.inbox ?? 0),
      webhookEvents: sampler.peak((s) => s.backlog?.webhookEvents ?? 0),
      webhookDeliveries: sampler.peak((s) => s.backlog?.webhookDeliveries ?? 0),
    };
    const rss = {
      peakMiB: sampler.peak((s) => s.peakRssMiB),
      maxSampledMiB: sampler.peak((s) => s.rssMiB),
      atEndMiB: sampler.samples[sampler.samples.length - 1]?.rssMiB ?? null,
    };
    const perFlow = summary.completed
      ? {
          // Less the bench's own reads: the sampler's, and the reading `before` (its commit lands after its value).
          commits: (after.commits - before.commits - sampler.databaseStatements - 1) / summary.completed,
          rowsInserted: (after.inserted - before.inserted) / summary.completed,
          rowsUpdated: (after.updated - before.updated) / summary.completed,
        }
      : null;
    const ratios = {
      ackedVsBareNode: summary.eventsAckedPerSecond / bare.ackedPerSecond,
      completedVsInserts: summary.flowsCompletedPerSecond / inserts.insertsPerSecond,
    };

    say(
      `\nresults: ${summary.completed}/${summary.contacts} flows completed in ${summary.seconds.toFixed(1)} s, ${summary.failed} failed, ${summary.retriedPosts} webhook POSTs retried`,
    );
    for (const failure of summary.failures) say(`  ${failure}`);
    say(
      `  events acked/s (comments + answers)  ${summary.eventsAckedPerSecond.toFixed(1).padStart(8)}   = ${(100 * ratios.ackedVsBareNode).toFixed(2)}% of bare Node req/s`,
    );
    say(
      `  flows completed/s                    ${summary.flowsCompletedPerSecond.toFixed(1).padStart(8)}   = ${(100 * ratios.completedVsInserts).toFixed(2)}% of single-row INSERT tx/s`,
    );
    if (perFlow)
      say(
        `  Postgres per completed flow          ${perFlow.commits.toFixed(1)} commits, ${perFlow.rowsInserted.toFixed(1)} rows inserted, ${perFlow.rowsUpdated.toFixed(1)} rows updated`,
      );
    say(`  server RSS                           peak ${rss.peakMiB.toFixed(0)} MiB (VmHWM), at end ${rss.atEndMiB?.toFixed(0) ?? '?'} MiB`);
    say(
      `  peak queue depth (waiting/active/delayed)  ${QUEUES.map((queue) => `${queue} ${peakQueues[queue].waiting}/${peakQueues[queue].active}/${peakQueues[queue].delayed}`).join('  ')}`,
    );
    say(
      `  peak Postgres backlog                inbox ${peakBacklog.inbox}, webhook events not fanned out ${peakBacklog.webhookEvents}, deliveries not done ${peakBacklog.webhookDeliveries}`,
    );
    say();
    for (const line of table(summary)) say(`  ${line}`);
    say();
    for (const line of issueTable({ summary, idle, perFlowCommits: perFlow?.commits ?? null, ingest, overload })) say(`  ${line}`);

    const buckets = perSecond(result.contacts, result.startedAt);
    const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
    const report = {
      bench: 'e2e',
      started_at: startedAt.toISOString(),
      machine,
      settings: {
        contacts: CONTACTS,
        concurrency: CONCURRENCY,
        rate_per_second: RATE || null,
        accounts,
        warm_up_contacts: WARM_UP_CONTACTS,
        server_env: {
          WEBHOOKS_POLL_INTERVAL_MS: stack.server.env.WEBHOOKS_POLL_INTERVAL_MS ?? '500 (default)',
          LOG_LEVEL: stack.server.env.LOG_LEVEL,
        },
      },
      idle: {
        contacts: IDLE_CONTACTS,
        comment_to_private_reply_ms: idle.commentToPrivateReplyMs,
        answer_to_webhook_ms: idle.answerToWebhookMs,
      },
      ceilings: {
        ingest: {
          dmflow_role_api: ingest.dmflow,
          bare_node_http: ingest.bare,
          offered: { rate: ingest.offeredRate, result: ingest.offered },
        },
        bare_node_http: { requests_per_second: bare.ackedPerSecond, concurrency: CONCURRENCY, p50_ms: bare.p50Ms, p99_ms: bare.p99Ms },
        postgres_inserts: { transactions_per_second: inserts.insertsPerSecond, clients: inserts.clients, method: inserts.method },
      },
      results: {
        contacts: summary.contacts,
        completed: summary.completed,
        failed: summary.failed,
        failures: summary.failures,
        retried_posts: summary.retriedPosts,
        seconds: summary.seconds,
        events_acked_per_second: summary.eventsAckedPerSecond,
        flows_completed_per_second: summary.flowsCompletedPerSecond,
        comment_to_private_reply_ms: summary.commentToPrivateReplyMs,
        answer_to_webhook_ms: summary.answerToWebhookMs,
        server_rss_mib: rss,
        peak_queue_depth: peakQueues,
        peak_postgres_backlog: peakBacklog,
        postgres_per_completed_flow: perFlow,
        overload: overload && {
          offered_contacts_per_second: overload.offeredPerSecond,
          contacts: overload.summary.contacts,
          completed: overload.summary.completed,
          sustained_completed_per_second: overload.summary.sustainedCompletedPerSecond,
          vs_at_capacity: overload.summary.sustainedCompletedPerSecond / summary.sustainedCompletedPerSecond,
          retried_posts: overload.summary.retriedPosts,
        },
      },
      ratios: { events_acked_vs_bare_node_http: ratios.ackedVsBareNode, flows_completed_vs_postgres_inserts: ratios.completedVsInserts },
      timeline: { per_second: buckets, samples: sampler.samples },
    };
    mkdirSync(OUT_DIR, { recursive: true });
    const jsonPath = join(OUT_DIR, `e2e-${stamp}.json`);
    const htmlPath = join(OUT_DIR, `e2e-${stamp}.html`);
    writeFileSync(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(
      htmlPath,
      htmlReport(
        `dmflow e2e benchmark ${startedAt.toISOString()}`,
        JSON.stringify(
          { machine, settings: report.settings, ceilings: report.ceilings, results: { ...report.results }, ratios: report.ratios },
          null,
          2,
        ),
        charts(buckets, sampler.samples),
      ),
    );
    say(`\nwrote ${jsonPath}\n      ${htmlPath}`);
  } finally {
    closeAgent();
    await stack.stop();
  }
}

interface Overload {
  offeredPerSecond: number;
  summary: TrafficSummary;
}

/**
 * Offers new contacts at twice `capacity` (the main run's sustained completions/s) for OVERLOAD_SECONDS, open loop,
 * and measures the completions/s the server sustains meanwhile: without congestion collapse it stays near capacity.
 */
async function overloadPhase(stack: Awaited<ReturnType<typeof startLeadGenStack>>, capacity: number): Promise<Overload | null> {
  if (!(capacity > 0)) return null;
  const offeredPerSecond = 2 * capacity;
  const wanted = Math.max(10, Math.round(offeredPerSecond * OVERLOAD_SECONDS));
  const contacts = ACCOUNTS === 'auto' ? Math.min(wanted, OVERLOAD_BUDGET_CONTACTS) : wanted;
  const capped = contacts < wanted ? ` (of ${wanted}: the accounts' private-reply budget)` : '';
  say(`
overload: ${contacts} contacts${capped} offered at ${offeredPerSecond.toFixed(1)} new/s (2× the sustained rate above), no in-flight cap`);
  const summary = summarizeTraffic(
    await stack.drive({ contacts, maxInFlight: contacts, ratePerSecond: offeredPerSecond, idPrefix: 'overload' }),
  );
  say(
    `  ${summary.completed}/${summary.contacts} completed, ${summary.failed} failed, ${summary.retriedPosts} webhook POSTs retried (503 inbox_backlog_full or errors); sustained ${summary.sustainedCompletedPerSecond.toFixed(1)} flows/s`,
  );
  for (const failure of summary.failures) say(`    ${failure}`);
  return { offeredPerSecond, summary };
}

/** The figures of issue 22, in its order. */
function issueTable(figures: {
  summary: TrafficSummary;
  idle: TrafficSummary;
  perFlowCommits: number | null;
  ingest: Awaited<ReturnType<typeof ingestCeiling>>;
  overload: Overload | null;
}): string[] {
  const { summary, idle, perFlowCommits, ingest, overload } = figures;
  const rows: Array<[string, string]> = [
    [`completed lead-gen flows/s (${summary.contacts} contacts, ${CONCURRENCY} in flight)`, summary.flowsCompletedPerSecond.toFixed(1)],
    [
      "Postgres commits per completed flow (xact_commit delta, less the bench's reads)",
      perFlowCommits === null ? 'n/a' : perFlowCommits.toFixed(1),
    ],
    [
      'comment → private reply, 1 in flight, p50 / p99 ms',
      `${idle.commentToPrivateReplyMs.p50.toFixed(0)} / ${idle.commentToPrivateReplyMs.p99.toFixed(0)}`,
    ],
    [
      `comment → private reply, ${CONCURRENCY} in flight, p50 / p99 ms`,
      `${summary.commentToPrivateReplyMs.p50.toFixed(0)} / ${summary.commentToPrivateReplyMs.p99.toFixed(0)}`,
    ],
    ['answer → flow_completed delivered, 1 in flight, p50 ms', idle.answerToWebhookMs.p50.toFixed(0)],
    [`answer → flow_completed delivered, ${CONCURRENCY} in flight, p50 ms`, summary.answerToWebhookMs.p50.toFixed(0)],
    [
      'ingest (ROLE=api) flat out vs bare node:http',
      `${((100 * ingest.dmflow.ackedPerSecond) / ingest.bare.ackedPerSecond).toFixed(1)}% (${ingest.dmflow.ackedPerSecond.toFixed(0)} / ${ingest.bare.ackedPerSecond.toFixed(0)} req/s)`,
    ],
    [`ingest ack p99 at ${ingest.offeredRate} events/s offered, ms`, ingest.offered.p99Ms.toFixed(1)],
    [
      'sustained completed flows/s offered 2× capacity vs at capacity',
      overload
        ? `${((100 * overload.summary.sustainedCompletedPerSecond) / summary.sustainedCompletedPerSecond).toFixed(0)}% (${overload.summary.sustainedCompletedPerSecond.toFixed(1)} / ${summary.sustainedCompletedPerSecond.toFixed(1)} flows/s)`
        : 'not measured',
    ],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `issue 22 figures (${WORKERS} extra workers; nproc ${cpus().length}, load average now ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')})`,
    ...rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`),
  ];
}

function charts(buckets: Bucket[], samples: ServerSampler['samples']): LineChart[] {
  const latency = (pick: (bucket: Bucket) => { p50: number; p95: number } | null, which: 'p50' | 'p95') =>
    buckets.flatMap((bucket): Array<[number, number]> => {
      const stats = pick(bucket);
      return stats ? [[bucket.second, stats[which]]] : [];
    });
  const seconds = (t: number) => t / 1000;
  return [
    {
      title: 'Latency by second the step started',
      xLabel: 'seconds into the run',
      yLabel: 'ms',
      series: [
        { name: 'comment → private reply p50', points: latency((b) => b.commentToPrivateReply, 'p50') },
        { name: 'comment → private reply p95', points: latency((b) => b.commentToPrivateReply, 'p95') },
        { name: 'answer → webhook p50', points: latency((b) => b.answerToWebhook, 'p50') },
        { name: 'answer → webhook p95', points: latency((b) => b.answerToWebhook, 'p95') },
      ],
    },
    {
      title: 'Flows completed per second',
      xLabel: 'seconds into the run',
      yLabel: 'flows/s',
      series: [{ name: 'flow_completed received', points: buckets.map((b) => [b.second, b.completed]) }],
    },
    {
      title: 'Queue depth (waiting + active + delayed jobs) and Postgres backlog',
      xLabel: 'seconds into the run',
      yLabel: 'items',
      series: [
        ...QUEUES.map((queue) => ({
          name: `queue ${queue}`,
          points: samples.map((s): [number, number] => [
            seconds(s.t),
            (s.queues[queue]?.waiting ?? 0) + (s.queues[queue]?.active ?? 0) + (s.queues[queue]?.delayed ?? 0),
          ]),
        })),
        { name: 'inbox rows not processed', points: samples.map((s): [number, number] => [seconds(s.t), s.backlog?.inbox ?? 0]) },
        {
          name: 'webhook deliveries not done',
          points: samples.map((s): [number, number] => [seconds(s.t), s.backlog?.webhookDeliveries ?? 0]),
        },
      ],
    },
    {
      title: 'Server RSS',
      xLabel: 'seconds into the run',
      yLabel: 'MiB',
      series: [{ name: 'VmRSS', points: samples.map((s): [number, number] => [seconds(s.t), s.rssMiB ?? 0]) }],
    },
  ];
}

main().catch((error: Error) => {
  process.stderr.write(`npm run bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
