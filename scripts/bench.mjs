#!/usr/bin/env node
// `npm run bench[:<name>] [-- args]`: the one way to build and run a benchmark.
// Builds @dmflow/shared, @dmflow/sandbox and @dmflow/server (the benches start server/dist like the e2e suites;
// BENCH_SKIP_BUILD=1 skips it), bundles test/bench/<name>.bench.ts with esbuild (packages stay external, resolved from node_modules),
// then runs it with the remaining arguments. `engine` and `analytics` live in server/test/bench and are
// compiled by tsc (server/tsconfig.bench.json) into server/dist-bench.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!name) {
  console.error('usage: node scripts/bench.mjs <e2e|soak|ingest|action-api|webhooks|engine|analytics|broadcast|inbox> [args...]');
  process.exit(2);
}

if (process.env.BENCH_SKIP_BUILD !== '1') {
  for (const workspace of ['@dmflow/shared', '@dmflow/sandbox', '@dmflow/server'])
    execFileSync(npm, ['run', 'build', '-w', workspace], { cwd: root, stdio: 'inherit' });
}

let entry;
// These live in server/test/bench (they need Nest's decorator metadata, which esbuild does not emit), compiled by tsc.
const SERVER_BENCHES = { engine: 'engine.bench.js', analytics: 'flow-analytics.bench.js' };
if (SERVER_BENCHES[name]) {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'server/tsconfig.bench.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  entry = join(root, 'server/dist-bench/test/bench', SERVER_BENCHES[name]);
} else {
  const source = join(root, 'test/bench', `${name}.bench.ts`);
  if (!existsSync(source)) {
    console.error(`no benchmark ${source}`);
    process.exit(2);
  }
  entry = join(root, 'test/bench/dist', `${name}.bench.js`);
  execFileSync(
    join(root, 'node_modules/.bin/esbuild'),
    [
      source,
      '--bundle',
      '--platform=node',
      '--target=node22',
      '--packages=external',
      '--sourcemap',
      '--log-level=warning',
      `--outfile=${entry}`,
    ],
    { cwd: root, stdio: 'inherit' },
  );
}

const run = spawnSync(process.execPath, ['--enable-source-maps', entry, ...args], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
