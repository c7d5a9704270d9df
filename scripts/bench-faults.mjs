#!/usr/bin/env node
// `npm run bench:faults [-- --runs N] [-- --no-hog]`: the server-crash fault spec N times in a row (default 10) at its
// full size (FAULTS_CRASH_CONTACTS / FAULTS_CRASH_KILLS, default 300 contacts and 10 SIGKILLs) while a CPU hog runs
// beside it: `stress-ng --cpu <nproc>` if installed (Debian package stress-ng), else one busy-looping Node child per
// core. Builds first like `npm run test:faults` (BENCH_SKIP_BUILD=1 skips it), then prints one row per run and the
// machine's core count and load average. Each run's whole output is kept in BENCH_FAULTS_LOG_DIR (default: a new
// directory under the system's temp dir), printed at the start. Exits non-zero if any run failed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const args = process.argv.slice(2);
const runsArg = args.indexOf('--runs');
const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 10;
const hog = !args.includes('--no-hog');
const cores = availableParallelism();

if (!Number.isInteger(runs) || runs < 1) {
  console.error('usage: node scripts/bench-faults.mjs [--runs N] [--no-hog]');
  process.exit(2);
}

if (process.env.BENCH_SKIP_BUILD !== '1') {
  for (const workspace of ['@dmflow/shared', '@dmflow/sandbox', '@dmflow/server'])
    execFileSync(npm, ['run', 'build', '-w', workspace], { cwd: root, stdio: 'inherit' });
}

/** Busy CPUs beside the suite, so its load-scaled waits and recovery are measured on a machine with no spare core. */
function startHog() {
  if (!hog) return { name: 'none', stop: () => undefined };
  const stressNg = spawnSync('stress-ng', ['--version'], { stdio: 'ignore' });
  if (stressNg.status === 0) {
    const child = spawn('stress-ng', ['--cpu', String(cores), '--quiet'], { stdio: 'ignore' });
    return { name: `stress-ng --cpu ${cores}`, stop: () => child.kill('SIGTERM') };
  }
  const children = Array.from({ length: cores }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  return { name: `${cores} busy-loop processes`, stop: () => children.forEach((child) => child.kill('SIGKILL')) };
}

function runSpec() {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      // --forceExit: a run that failed mid-traffic leaves its contacts' step timers (up to 36 min, stretched by
      // load) pending, and Jest would wait for them before the next run could start.
      [
        join(root, 'node_modules/jest/bin/jest.js'),
        '-c',
        'faults/jest.config.js',
        '--runInBand',
        '--forceExit',
        'faults/server-crash.faults-spec.ts',
      ],
      { cwd: join(root, 'test'), env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      const line = output.split('\n').find((text) => text.includes('[faults:server-crash] '));
      const figures = line ? JSON.parse(line.slice(line.indexOf('{'))) : null;
      resolve({ passed: code === 0, seconds: (Date.now() - started) / 1000, figures, output, load: loadavg()[0] });
    });
  });
}

const median = (values) => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const cell = (value) => (value === null || value === undefined ? '—' : String(value));

const header = [
  'run',
  'result',
  'duration s',
  'kills',
  'server down s',
  'claims open at kills',
  'reconciled',
  'in doubt',
  'lost',
  'duplicated',
  'unrecovered kills',
  'max recovery s',
  'median recovery s',
  'max takeover s',
  'median takeover s',
  'Meta re-sends',
  'load avg (1 min)',
];
const logDir = process.env.BENCH_FAULTS_LOG_DIR ?? mkdtempSync(join(tmpdir(), 'dmflow-bench-faults-'));
mkdirSync(logDir, { recursive: true });
const contacts = process.env.FAULTS_CRASH_CONTACTS ?? '300';
const kills = process.env.FAULTS_CRASH_KILLS ?? '10';
const rows = [];
const hogProcess = startHog();
const startLoad = loadavg()
  .map((value) => value.toFixed(1))
  .join(' ');
console.log(
  `[bench:faults] ${runs} runs of server-crash (${contacts} contacts, ${kills} kills); hog: ${hogProcess.name}; nproc ${cores}; ` +
    `load average ${startLoad}; each run's output in ${logDir}`,
);
let failures = 0;
try {
  for (let run = 1; run <= runs; run++) {
    const result = await runSpec();
    writeFileSync(join(logDir, `run-${run}.log`), result.output);
    if (!result.passed) {
      failures++;
      console.log(`[bench:faults] run ${run} failed; last output:\n${result.output.slice(-6000)}`);
    }
    const figures = result.figures ?? {};
    const recovery = figures.recoverySeconds ?? [];
    const takeover = (figures.takeoverSeconds ?? []).filter((seconds) => seconds !== null);
    rows.push([
      run,
      result.passed ? 'pass' : 'FAIL',
      result.seconds.toFixed(0),
      figures.kills,
      figures.serverDownSeconds,
      figures.claimsOpenAtKills,
      figures.sendsReconciled,
      figures.inDoubt,
      figures.lost,
      figures.duplicated,
      figures.unrecovered,
      recovery.length ? Math.max(...recovery) : null,
      median(recovery),
      takeover.length ? Math.max(...takeover) : null,
      median(takeover),
      figures.metaRetries,
      result.load.toFixed(1),
    ]);
    console.log(`| ${rows.at(-1).map(cell).join(' | ')} |`);
  }
} finally {
  hogProcess.stop();
}

console.log(
  `\nserver-crash x${runs} (${contacts} contacts, ${kills} kills), hog: ${hogProcess.name}, nproc ${cores}, load average at start ${startLoad}, at end ${loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}\n`,
);
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${row.map(cell).join(' | ')} |`);
console.log(`\n${runs - failures} of ${runs} passed`);
process.exit(failures ? 1 : 0);
