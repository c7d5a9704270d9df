// Summarises an ESLint JSON report (`npx eslint . -f json -o report.json`): problems per rule, with the
// top-level folder of each file and up to N example locations, so a rule's cost can be judged at a glance.
//   node scripts/lint-summary.mjs report.json [--examples 3] [--rule import-x/no-restricted-paths]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { examples: { type: 'string', default: '2' }, rule: { type: 'string' } },
});
const report = JSON.parse(readFileSync(positionals[0] ?? 0, 'utf8'));
const perRule = new Map();
for (const file of report) {
  const path = relative(process.cwd(), file.filePath);
  for (const message of file.messages) {
    const ruleId = message.ruleId ?? '(parser/config)';
    if (values.rule && ruleId !== values.rule) continue;
    // Restricted-path problems are counted per zone (the zone's message), since each zone is a rule of its own.
    const zone = message.message.split('imported in restricted zone. ')[1];
    const rule = zone ? `${ruleId}: ${zone}` : ruleId;
    const entry = perRule.get(rule) ?? { count: 0, severity: message.severity, byPackage: {}, examples: [] };
    entry.count += 1;
    const pkg = path.split('/')[0];
    entry.byPackage[pkg] = (entry.byPackage[pkg] ?? 0) + 1;
    if (entry.examples.length < Number(values.examples)) {
      const text = zone ? message.message.split(' imported in restricted zone.')[0] : message.message.split('\n')[0];
      entry.examples.push(`${path}:${message.line}  ${text.slice(0, 150)}`);
    }
    perRule.set(rule, entry);
  }
}
const rows = [...perRule.entries()].sort((a, b) => b[1].count - a[1].count);
for (const [rule, entry] of rows) {
  const packages = Object.entries(entry.byPackage)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  console.log(`${String(entry.count).padStart(5)}  ${entry.severity === 2 ? 'error' : 'warn '}  ${rule}  (${packages})`);
  for (const example of entry.examples) console.log(`                 ${example}`);
}
console.log(`${String(rows.reduce((sum, [, entry]) => sum + entry.count, 0)).padStart(5)}  total`);
