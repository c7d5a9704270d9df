#!/usr/bin/env node
// `node scripts/cpu-profile-summary.mjs <dir-or-file.cpuprofile>... [--top 25]`: the top self-time functions of V8
// CPU profiles (`node --cpu-prof`, e.g. `npm run bench -- --quick --profile DIR`), summed over the files given, with
// each one's share of the sampled time and where it lives (package or file). Idle and GC are listed as themselves.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;
const inputs = args.filter((arg, index) => index !== topIndex && index !== topIndex + 1);
if (!inputs.length) {
  console.error('usage: node scripts/cpu-profile-summary.mjs <dir-or-file.cpuprofile>... [--top 25]');
  process.exit(2);
}

const files = inputs.flatMap((input) =>
  statSync(input).isDirectory()
    ? readdirSync(input)
        .filter((name) => name.endsWith('.cpuprofile'))
        .map((name) => join(input, name))
    : [input],
);

/** `node_modules/<pkg>` or the path after the repository's workspace folder. */
function whereOf(url) {
  if (!url) return '';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const workspace = /\/(server|shared|sandbox)\/(dist|src)\/(.*)$/.exec(url);
  if (workspace) return `${workspace[1]}/${workspace[3]}`;
  return url.replace(/^file:\/\//, '').replace(/^node:/, 'node:');
}

const selfMicros = new Map();
let totalMicros = 0;
const byPlace = new Map();
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const deltas = profile.timeDeltas ?? [];
  profile.samples.forEach((id, index) => {
    const node = nodes.get(id);
    const micros = deltas[index] ?? 0;
    totalMicros += micros;
    const frame = node.callFrame;
    const where = whereOf(frame.url);
    const key = `${frame.functionName || '(anonymous)'}  ${where}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    selfMicros.set(key, (selfMicros.get(key) ?? 0) + micros);
    const place =
      where.startsWith('server/') || where.startsWith('shared/') ? where.split('/').slice(0, 2).join('/') : where || frame.functionName;
    byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
  });
}

const percent = (micros) => ((100 * micros) / Math.max(1, totalMicros)).toFixed(1).padStart(5);
console.log(`${files.length} profile(s), ${(totalMicros / 1e6).toFixed(1)} s sampled\n\ntop ${top} functions by self time`);
for (const [key, micros] of [...selfMicros.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${percent(micros)}%  ${(micros / 1000).toFixed(0).padStart(7)} ms  ${key}`);
console.log(`\ntop ${Math.min(top, 15)} places (package, source folder or native) by self time`);
for (const [place, micros] of [...byPlace.entries()].sort((a, b) => b[1] - a[1]).slice(0, Math.min(top, 15)))
  console.log(`  ${percent(micros)}%  ${place}`);
