import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './config';

// docs/configuration.md is the operators' list of settings: it must name exactly the variables the server reads.

const ROOT = join(__dirname, '../../../..');
const CONFIGURATION_DOC = join(ROOT, 'docs/configuration.md');

/** Values that pass validation for the settings without a default; every other variable is read as unset. */
const VALID_REQUIRED: Record<string, string> = {
  PORT: '3000',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/dmflow',
  REDIS_URL: 'redis://127.0.0.1:6379',
  META_APP_SECRET: 'docs-test-secret',
  ENCRYPTION_KEY: 'a'.repeat(64),
};

/** Every environment variable loadConfig reads, found by handing it an environment that records each lookup. */
function variablesTheServerReads(): string[] {
  const read = new Set<string>();
  const env = new Proxy<Record<string, string | undefined>>(
    {},
    {
      get(_target, name) {
        if (typeof name === 'string') read.add(name);
        return typeof name === 'string' ? VALID_REQUIRED[name] : undefined;
      },
    },
  );
  // With every setting needed (the default), loadConfig validates them all now: nothing is left to a lazy read.
  loadConfig(env);
  return [...read].sort();
}

/** The first column of the table whose header starts with `| Variable |` under "# Configuration". */
function variablesTheDocsList(): string[] {
  const lines = readFileSync(CONFIGURATION_DOC, 'utf8').split('\n');
  const header = lines.findIndex((line) => /^\|\s*Variable\s*\|/.test(line));
  if (header < 0) throw new Error('docs/configuration.md has no "| Variable |" table');
  const names: string[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cell = /^\|\s*`([A-Z0-9_]+)`\s*\|/.exec(line);
    if (!cell) throw new Error(`docs/configuration.md: a settings row does not start with a \`VARIABLE\` cell: ${line}`);
    names.push(cell[1]);
  }
  return names.sort();
}

/** Names in .env.example, set or commented out (`# NAME=`). */
function variablesTheExampleMentions(): string[] {
  const text = readFileSync(join(ROOT, '.env.example'), 'utf8');
  return [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]).sort();
}

describe('docs/configuration.md', () => {
  it('finds the variables the server reads', () => {
    expect(variablesTheServerReads()).toEqual(expect.arrayContaining(Object.keys(VALID_REQUIRED)));
  });

  it('documents every variable the server reads, and none it does not', () => {
    const documented = variablesTheDocsList();
    const read = variablesTheServerReads();
    expect({
      undocumented: read.filter((name) => !documented.includes(name)),
      unknown: documented.filter((name) => !read.includes(name)),
    }).toEqual({
      undocumented: [],
      unknown: [],
    });
  });

  it('lists each variable once', () => {
    const documented = variablesTheDocsList();
    expect(documented.filter((name, index) => documented.indexOf(name) !== index)).toEqual([]);
  });

  it('has .env.example name only variables the server reads', () => {
    const read = variablesTheServerReads();
    expect(variablesTheExampleMentions().filter((name) => !read.includes(name))).toEqual([]);
  });
});
