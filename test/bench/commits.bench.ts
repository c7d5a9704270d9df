// `npm run bench:commits [-- --contacts 10 --in-flight 1 --sequence --profile DIR --top-times 15]`: where the Postgres commits of one lead-gen flow go. Starts the lead-gen
// stack (test/src/load) with scripts/pg-statement-trace.cjs preloaded into the server, warms up, then walks
// `--contacts` people through the flow one at a time while the server records each transaction's statements
// (comment webhook → public reply + private reply → DM answer → thanks DM → flow_completed delivered), and prints
// the transactions per completed flow, grouped by their statements. Time-based work (relay and sweeper polls)
// shows up too, marked as such only by its statements: it shrinks per flow as the rate grows.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { queryDatabase } from '../src/harness/database';
import { databaseActivity, startLeadGenStack } from '../src/load/scenario';

interface TracedTransaction {
  at: number;
  statements: string[];
  /** Per statement, ms from sending it to its result (client-observed: the machine's load shows in it). */
  ms?: Array<number | null>;
  /** The COMMIT's (or ROLLBACK's) ms. */
  endMs?: Array<number | null>;
  end: 'commit' | 'rollback' | 'autocommit';
}

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}

const CONTACTS = Number(argument('contacts', '10'));
/** How many people are walked at once: 1 shows one flow's own transactions; more shows what concurrency adds (retries, busy locks). */
const IN_FLIGHT = Number(argument('in-flight', '1'));
const WIDTH = Number(argument('width', '110'));
/** Also write the server's .cpuprofile here (`node --cpu-prof`; summarise with scripts/cpu-profile-summary.mjs). */
const PROFILE_DIR = argument('profile', '');
/** Also list every transaction in the order it began (with `--contacts 1`: one flow's path through Postgres). */
const SEQUENCE = process.argv.includes('--sequence');
/** How many statements to list by the time they took. */
const TOP_TIMES = Number(argument('top-times', '15'));
const say = (line = '') => process.stdout.write(`${line}\n`);
/** Linux clock ticks per second (`getconf CLK_TCK`), the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS = 100;

/** CPU time (user + system) a process has used so far, in ms; null once it is gone. */
function cpuMs(pid: number): number | null {
  try {
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** The Postgres backends serving this database now. */
async function backendsOf(databaseUrl: string): Promise<number[]> {
  const rows = await queryDatabase<{ pid: number }>(
    databaseUrl,
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  return rows.map((row) => row.pid);
}

/**
 * CPU used by the server process and by the database's Postgres backends between two samples: the cost of the work
 * whatever the machine's load (a backend that ended in between loses its share, so Postgres' figure is a floor).
 */
async function cpuSample(databaseUrl: string, serverPid: number): Promise<{ server: number; backends: Map<number, number> }> {
  const backends = new Map<number, number>();
  for (const pid of await backendsOf(databaseUrl)) {
    const used = cpuMs(pid);
    if (used !== null) backends.set(pid, used);
  }
  return { server: cpuMs(serverPid) ?? 0, backends };
}

/** A statement shortened to what identifies it: its first words and the table it works on. */
function shorten(statement: string): string {
  return statement.length > WIDTH ? `${statement.slice(0, WIDTH)}…` : statement;
}

async function main(): Promise<void> {
  const traceFile = join(tmpdir(), `dmflow-pg-trace-${process.pid}.jsonl`);
  rmSync(traceFile, { force: true });
  const stack = await startLeadGenStack({
    databasePrefix: 'dmflow_bench_commits',
    nodeArgs: [
      '--require',
      resolve('scripts/pg-statement-trace.cjs'),
      ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${resolve(PROFILE_DIR)}`] : []),
    ],
    serverEnv: { DMFLOW_PG_TRACE_FILE: traceFile },
  });
  try {
    say('stack started; warming up');
    await stack.drive({ contacts: 5, maxInFlight: 1, idPrefix: 'warm' });
    say('tracing');
    const pid = stack.server.pid() as number;
    const cpuBefore = await cpuSample(stack.database.url, pid);
    const activityBefore = await databaseActivity(stack.database.url, stack.database.name);
    process.kill(pid, 'SIGWINCH');
    const started = Date.now();
    const walked = await stack.drive({ contacts: CONTACTS, maxInFlight: IN_FLIGHT, idPrefix: 'traced' });
    // The flow_completed delivery's record commits just after the receiver answered.
    await new Promise((done) => setTimeout(done, 300));
    process.kill(pid, 'SIGWINCH');
    const seconds = (Date.now() - started) / 1000;
    const cpuAfter = await cpuSample(stack.database.url, pid);
    // Backends report their counters to pg_stat_database when they go idle, at most once a second.
    await new Promise((done) => setTimeout(done, 1500));
    const activityAfter = await databaseActivity(stack.database.url, stack.database.name);
    const completed = walked.contacts.filter((contact) => !contact.error && contact.flowCompletedAt !== undefined).length;
    const transactions = await readTrace(traceFile);

    const groups = new Map<string, { count: number; statements: string[]; end: string }>();
    for (const transaction of transactions) {
      const statements = transaction.statements.map(shorten);
      const key = `${transaction.end}\n${statements.join('\n')}`;
      const group = groups.get(key) ?? { count: 0, statements, end: transaction.end };
      group.count++;
      groups.set(key, group);
    }
    const commits = transactions.filter((transaction) => transaction.end !== 'rollback').length;
    const statements = transactions.reduce((sum, transaction) => sum + transaction.statements.length, 0);
    say(
      `${completed}/${CONTACTS} lead-gen flows completed ${IN_FLIGHT === 1 ? 'one at a time' : `${IN_FLIGHT} at a time`} in ${seconds.toFixed(1)} s; ${cpus().length} cores, load average ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
    );
    say(
      `server transactions: ${(commits / completed).toFixed(1)} commits and ${(statements / completed).toFixed(1)} statements per flow ` +
        `(the database's xact_commit delta, whoever committed, 1.5 s more polls included: ${((activityAfter.commits - activityBefore.commits) / completed).toFixed(1)})\n`,
    );
    for (const group of [...groups.values()].sort((a, b) => b.count - a.count)) {
      say(`${(group.count / completed).toFixed(2).padStart(6)} per flow  (${group.end}, ${group.statements.length} statement(s))`);
      for (const statement of group.statements) say(`         ${statement}`);
    }
    if (SEQUENCE) printSequence(transactions);
    printTimes(transactions, completed);
    let postgresMs = 0;
    for (const [backend, used] of cpuAfter.backends) postgresMs += used - (cpuBefore.backends.get(backend) ?? 0);
    say(
      `\nCPU per flow (/proc, load-independent): server ${((cpuAfter.server - cpuBefore.server) / completed).toFixed(1)} ms, ` +
        `Postgres backends of the bench database ${(postgresMs / completed).toFixed(1)} ms (${cpuAfter.backends.size} backends)`,
    );
  } finally {
    rmSync(traceFile, { force: true });
    await stack.stop();
  }
}

function printSequence(transactions: TracedTransaction[]): void {
  say('\nin the order they began:');
  const first = transactions[0]?.at ?? 0;
  for (const transaction of [...transactions].sort((a, b) => a.at - b.at)) {
    say(`  +${String(transaction.at - first).padStart(5)} ms  (${transaction.end}, ${transaction.statements.length} statement(s))`);
    for (const statement of transaction.statements) say(`         ${shorten(statement)}`);
  }
}

/** The server writes the trace when told to stop; read it once it is there whole (it may still be being written). */
async function readTrace(traceFile: string): Promise<TracedTransaction[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const text = existsSync(traceFile) ? readFileSync(traceFile, 'utf8') : '';
      if (text.endsWith('\n')) {
        return text
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line) as TracedTransaction);
      }
    } catch (error) {
      if (!(error instanceof SyntaxError) || Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`no complete trace in ${traceFile}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * Where the Postgres time of a flow goes, by statement: ms per flow from sending each statement to its result, COMMITs
 * apart. One contact at a time, so it is mostly Postgres' own work and the round trip; under load it grows with it.
 */
function printTimes(transactions: TracedTransaction[], completed: number): void {
  const times = new Map<string, { ms: number; count: number }>();
  const add = (key: string, ms: number | null | undefined) => {
    if (typeof ms !== 'number') return;
    const entry = times.get(key) ?? { ms: 0, count: 0 };
    entry.ms += ms;
    entry.count++;
    times.set(key, entry);
  };
  for (const transaction of transactions) {
    transaction.statements.forEach((statement, index) => add(shorten(statement), transaction.ms?.[index]));
    if (transaction.end !== 'autocommit') add(transaction.end === 'commit' ? 'COMMIT' : 'ROLLBACK', transaction.endMs?.[0]);
  }
  const total = [...times.values()].reduce((sum, entry) => sum + entry.ms, 0);
  say(`\nstatement time (sent → result, client-observed): ${(total / completed).toFixed(1)} ms per flow; the ${TOP_TIMES} largest:`);
  for (const [statement, entry] of [...times.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, TOP_TIMES)) {
    say(
      `${(entry.ms / completed).toFixed(2).padStart(7)} ms per flow  ${(entry.count / completed).toFixed(1).padStart(4)}×  ${(entry.ms / entry.count).toFixed(2).padStart(6)} ms each  ${statement}`,
    );
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
