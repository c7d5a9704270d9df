#!/usr/bin/env node
// Runs the compiled specs with Node's test runner. NestJS 12 ships as ESM only, which Node 20 can `require`
// but Jest on Node 20 cannot; so server specs are compiled by tsc (dist-spec/) and run by `node --test`.
// Usage: node scripts/run-specs.mjs [substring ...]  (no argument: every *.spec.js and *.integration-spec.js)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const specRoot = join(root, 'dist-spec');

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (/\.(integration-)?spec\.js$/.test(entry.name)) yield path;
  }
}

const filters = process.argv.slice(2);
const files = [...walk(specRoot)].filter((file) => !filters.length || filters.some((filter) => relative(specRoot, file).includes(filter))).sort();
if (!files.length) {
  console.error(`no spec files match ${filters.join(', ') || '(all)'}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', '--enable-source-maps', ...files], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
