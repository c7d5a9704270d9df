// What this machine gives anyone, measured in the same run as dmflow so its figures read as ratios.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { commentWebhook, metaSignature } from '@dmflow/sandbox';
import { createTenant, createTestDatabase, startServer } from '../src/harness';
import { LoadResult, offeredLoad, PreparedRequest, saturate } from './load';

/** A Node HTTP server that reads the body and answers 200: the ceiling of Node's HTTP layer for this client. */
export async function bareNodeServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/meta/webhook`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** req/s of the bare server, flat out with `concurrency` keep-alive clients, after a one-second warm-up. */
export async function bareNodeCeiling(concurrency: number, seconds: number, next: () => PreparedRequest): Promise<LoadResult> {
  const bare = await bareNodeServer();
  try {
    await saturate(bare.url, 4, 1, next);
    return await saturate(bare.url, concurrency, seconds, next);
  } finally {
    await bare.close();
  }
}

export interface InsertCeiling {
  /** Committed single-row INSERT transactions per second. */
  insertsPerSecond: number;
  clients: number;
  seconds: number;
  /** `pgbench` (the binary, custom script) or `node-pg` (a loop of INSERTs over N pg connections). */
  method: 'pgbench' | 'node-pg';
}

const PGBENCH = process.env.PGBENCH_BIN ?? '/usr/lib/postgresql/15/bin/pgbench';
const INSERT_TABLE = `CREATE TABLE bench_insert (id bigserial PRIMARY KEY, account_id uuid NOT NULL, payload jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`;
const INSERT_SQL = `INSERT INTO bench_insert (account_id, payload) VALUES ('00000000-0000-0000-0000-000000000001', '{"object":"instagram","n":1}')`;

/**
 * Single-row INSERT transactions per second on the same Postgres, into a scratch database dropped afterwards:
 * the ceiling of any durable per-event write. Uses pgbench when it is installed, else the same statement from Node.
 */
export async function insertCeiling(clients: number, seconds: number): Promise<InsertCeiling> {
  const database = await createTestDatabase('dmflow_bench_ceiling');
  try {
    const setup = new Client({ connectionString: database.url });
    await setup.connect();
    await setup.query(INSERT_TABLE);
    await setup.end();
    if (existsSync(PGBENCH)) return await viaPgbench(database.url, clients, seconds);
    return await viaNode(database.url, clients, seconds);
  } finally {
    await database.drop();
  }
}

async function viaPgbench(databaseUrl: string, clients: number, seconds: number): Promise<InsertCeiling> {
  const dir = await mkdtemp(join(tmpdir(), 'dmflow-pgbench-'));
  try {
    const script = join(dir, 'insert.sql');
    await writeFile(script, `${INSERT_SQL};\n`);
    const { stdout } = await promisify(execFile)(PGBENCH, [
      '-n',
      '-c',
      String(clients),
      '-j',
      String(Math.min(clients, 2)),
      '-T',
      String(seconds),
      '-f',
      script,
      databaseUrl,
    ]);
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout) ?? /tps = ([\d.]+)/.exec(stdout);
    if (!tps) throw new Error(`could not read pgbench's output:\n${stdout}`);
    return { insertsPerSecond: Number(tps[1]), clients, seconds, method: 'pgbench' };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function viaNode(databaseUrl: string, clients: number, seconds: number): Promise<InsertCeiling> {
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  let inserts = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      connections.map(async (client) => {
        while (Date.now() < deadline) {
          await client.query(INSERT_SQL);
          inserts++;
        }
      }),
    );
  } finally {
    await Promise.all(connections.map((client) => client.end()));
  }
  return { insertsPerSecond: inserts / ((Date.now() - started) / 1000), clients, seconds, method: 'node-pg' };
}

/** Signed comment webhooks to `igUserId`, each with a new comment id, from 5,000 rotating commenters. */
export function signedComments(igUserId: string, appSecret: string, idPrefix: string): () => PreparedRequest {
  let sequence = 0;
  return () => {
    sequence++;
    const body = JSON.stringify(
      commentWebhook({
        igUserId,
        text: 'price?',
        mediaId: '18000000000000001',
        commentId: `${idPrefix}-${sequence}`,
        fromId: `igsid-${sequence % 5000}`,
      }),
    );
    return { body, headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': metaSignature(body, appSecret) } };
  };
}

/**
 * A ROLE=api server has no workers, so everything it stores stays in the backlog: without a higher bound it would
 * shed (503 inbox_backlog_full) once INBOX_MAX_BACKLOG events are stored, and the bench would measure shedding
 * instead of acknowledging. Shedding has its own measurement (the overload row of `npm run bench`).
 */
export const INGEST_ONLY_ENV = { INBOX_MAX_BACKLOG: '100000000' };

export interface IngestCeiling {
  /** dmflow (ROLE=api, no workers) acknowledging signed comment webhooks flat out. */
  dmflow: LoadResult;
  /** The bare Node server with the same client, bodies and concurrency, just before. */
  bare: LoadResult;
  /** dmflow offered `offeredRate` comments/s (open loop). */
  offered: LoadResult;
  offeredRate: number;
}

/**
 * `bench:ingest` in short: a ROLE=api server on a scratch database (no workers compete with the ack path) against the
 * bare Node server, flat out with `concurrency` clients, then at `offeredRate` comments/s for its ack p99.
 */
export async function ingestCeiling(concurrency: number, seconds: number, offeredRate: number): Promise<IngestCeiling> {
  const appSecret = 'bench-ingest-secret';
  const database = await createTestDatabase('dmflow_bench_ingest');
  const server = await startServer({
    databaseUrl: database.url,
    env: { META_APP_SECRET: appSecret, ROLE: 'api', LOG_LEVEL: 'warn', ...INGEST_ONLY_ENV },
  });
  try {
    const tenant = await createTenant(server.env);
    const nextComment = signedComments(tenant.igUserId, appSecret, 'ingest');
    const bare = await bareNodeCeiling(concurrency, seconds, nextComment);
    const url = `${server.url}/meta/webhook`;
    await saturate(url, 4, 1, nextComment);
    const dmflow = await saturate(url, concurrency, seconds, nextComment);
    const offered = await offeredLoad(url, offeredRate, seconds, nextComment);
    return { dmflow, bare, offered, offeredRate };
  } finally {
    await server.stop();
    await database.drop();
  }
}
