#!/usr/bin/env node
// `npm run lint`: the type checks (`nx run-many -t lint`), ESLint and Prettier, side by side once shared/ and sandbox/
// are built (the type checks and ESLint's type-aware rules read their dist/ types). Each check alone leaves a core
// idle most of the time (ESLint and Prettier are single-threaded), so run one after another they took twice the wall
// time on a 2-core CI machine for the same CPU. Each check's output is printed whole when it ends, in a fixed order,
// and the script fails when any of them failed. `npm run lint:types`, `lint:eslint` and `lint:format` run one alone.
import { spawn } from 'node:child_process';

const CHECKS = [
  // Two type checks at a time beside ESLint: three tsc programs and ESLint's own at once need more memory than a
  // small CI machine may have, for no gain on two cores.
  { name: 'types', command: 'nx', args: ['run-many', '-t', 'lint', '--parallel=2', '--outputStyle=stream'] },
  { name: 'eslint', command: 'eslint', args: ['.'] },
  { name: 'format', command: 'prettier', args: ['--check', '.'] },
];

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: 1, output: `${output}${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const build = await run('nx', ['run-many', '-t', 'build', '-p', '@dmflow/shared', '@dmflow/sandbox', '--outputStyle=stream']);
if (build.code !== 0) {
  process.stdout.write(build.output);
  process.stderr.write('lint: building shared/ and sandbox/ failed\n');
  process.exit(1);
}

const started = Date.now();
const results = await Promise.all(
  CHECKS.map(async (check) => {
    const result = await run(check.command, check.args);
    return { ...check, ...result, seconds: (Date.now() - started) / 1000 };
  }),
);
for (const result of results) {
  process.stdout.write(`\n> lint:${result.name} (${[result.command, ...result.args].join(' ')})\n${result.output}`);
}
const failed = results.filter((result) => result.code !== 0);
for (const result of results) {
  process.stdout.write(
    `lint:${result.name} ${result.code === 0 ? 'passed' : `FAILED (exit ${result.code})`} after ${result.seconds.toFixed(0)} s\n`,
  );
}
process.exit(failed.length ? 1 : 0);
