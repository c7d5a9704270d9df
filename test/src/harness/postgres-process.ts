import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './ports';

const PG_BIN = process.env.POSTGRES_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const PG_USER = 'postgres';

export interface PostgresProcess {
  /** The maintenance database of this private cluster (give it to createTestDatabase). */
  adminUrl: string;
  port: number;
  /** `fast` closes connections cleanly (a restart); `immediate` is a crash: no checkpoint, recovery at next start. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its data directory. */
  destroy(): Promise<void>;
}

async function waitForConnection(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * A private PostgreSQL cluster (initdb into a temp dir, run as the `postgres` user) that a test may stop and start
 * without disturbing the shared one on 5432. Durability settings stay on, so what was committed before a crash is
 * there after it: fsync and synchronous_commit are Postgres' defaults.
 */
export async function startPostgres(): Promise<PostgresProcess> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'dmflow-pg-'));
  const dataDir = join(dir, 'data');
  const { uid, gid } = userIds(PG_USER);
  chownSync(dir, uid, gid);
  execFileSync('runuser', ['-u', PG_USER, '--', join(PG_BIN, 'initdb'), '-D', dataDir, '-A', 'trust', '-U', PG_USER, '--no-sync'], {
    stdio: 'ignore',
  });
  const adminUrl = `postgres://${PG_USER}@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | null = null;

  const start = async () => {
    child = spawn(
      'runuser',
      [
        '-u',
        PG_USER,
        '--',
        join(PG_BIN, 'postgres'),
        '-D',
        dataDir,
        '-p',
        String(port),
        '-k',
        dir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=on',
        '-c',
        'synchronous_commit=on',
        '-c',
        'max_connections=200',
        '-c',
        'shared_buffers=64MB',
      ],
      { stdio: 'ignore' },
    );
    await waitForConnection(adminUrl, 30_000);
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      // runuser forwards nothing: signal the postmaster itself (SIGINT = fast shutdown, SIGQUIT = immediate).
      execFileSync('runuser', ['-u', PG_USER, '--', join(PG_BIN, 'pg_ctl'), 'stop', '-D', dataDir, '-m', mode, '-w'], { stdio: 'ignore' });
    });
  };
  await start();
  return {
    adminUrl,
    port,
    start,
    stop,
    destroy: async () => {
      await stop('immediate').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function userIds(name: string): { uid: number; gid: number } {
  const [uid, gid] = execFileSync('id', ['-u', name])
    .toString()
    .trim()
    .split('\n')
    .concat(execFileSync('id', ['-g', name]).toString().trim());
  return { uid: Number(uid), gid: Number(gid) };
}
