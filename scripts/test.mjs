#!/usr/bin/env node
// `npm test`: every package's tests, in two phases. First the unit and integration tests of shared/, server/, editor/
// and mcp/ (and the builds they need), two tasks at a time: most of them use one core (tsc, Jest in band, Vitest's
// setup), so one after another they left half of a 2-core CI machine idle. Then the end-to-end suites alone, which keep
// both cores busy with their own three workers and servers. Both phases always run; the script fails when either did.
import { spawnSync } from 'node:child_process';

const PHASES = [
  ['run-many', '-t', 'test', '--parallel=2', '--exclude=@dmflow/test', '--outputStyle=stream'],
  ['run', '@dmflow/test:test', '--outputStyle=stream'],
];

let failed = false;
for (const args of PHASES) {
  const result = spawnSync('nx', args, { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
