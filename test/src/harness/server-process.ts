import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { freePort } from './ports';
import { scaled } from './load-scaled';

// Resolved through the workspace link, so the harness works from compiled scripts (bench) as well as from Jest.
export const SERVER_MAIN = join(dirname(require.resolve('@dmflow/server/package.json')), 'dist/main.js');

/** The Meta app secret test servers run with unless a suite sets META_APP_SECRET. */
export const TEST_APP_SECRET = 'test-app-secret';

export interface ServerOptions {
  databaseUrl: string;
  /** Listen here (e.g. a port the suite put in META_OAUTH_REDIRECT_URL); default: a free one. */
  port?: number;
  redisUrl?: string;
  env?: Record<string, string>;
  /** Extra node arguments, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] to profile the server. */
  nodeArgs?: string[];
}

export interface ServerProcess {
  url: string;
  port: number;
  env: Record<string, string>;
  logs(): string;
  /** The running child's process id (undefined while stopped): for sampling its memory. */
  pid: () => number | undefined;
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** Crash (SIGKILL). */
  kill(): Promise<void>;
  /** Start again with the same environment, after stop() or kill(). */
  restart(): Promise<void>;
}

export function baseServerEnv(options: ServerOptions, port: number): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    META_APP_SECRET: TEST_APP_SECRET,
    META_VERIFY_TOKEN: 'test-verify-token',
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    // Every run gets its own queues so parallel runs on one Redis never steal each other's jobs.
    QUEUE_PREFIX: `dmflow_test_${randomBytes(4).toString('hex')}`,
    LOG_LEVEL: 'info',
    // Every suite calls from 127.0.0.1, some thousands of times (load, fuzz, every-route sweeps): the production rate
    // limits would refuse them. abuse.e2e-spec sets its own small limits to test them.
    RATE_LIMIT_PER_IP: '1000000',
    RATE_LIMIT_PER_KEY: '1000000',
    RATE_LIMIT_FAILED_AUTH_PER_IP: '1000000',
    ...options.env,
  };
}

export async function waitForHealth(url: string, timeoutMs: number, isAlive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('server exited before it became healthy');
    try {
      const response = await fetch(`${url}/health`);
      if (response.status === 200) return;
      lastError = `status ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms: ${lastError}`);
}

/** Runs the built server (server/dist/main.js) as a child process and waits for GET /health = 200. */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const env = baseServerEnv(options, port);
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  let child: ChildProcess | null = null;

  const launch = async () => {
    const current = spawn(process.execPath, [...(options.nodeArgs ?? []), SERVER_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = current;
    current.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    current.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitForHealth(url, scaled(30_000), () => current.exitCode === null && current.signalCode === null);
    } catch (error) {
      current.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n--- server output ---\n${output.slice(-4000)}`);
    }
  };
  const terminate = async (signal: NodeJS.Signals) => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => running.kill('SIGKILL'), 10_000);
      running.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      running.kill(signal);
    });
  };

  await launch();
  return {
    url,
    port,
    env,
    logs: () => output,
    pid: () => child?.pid,
    stop: () => terminate('SIGTERM'),
    kill: () => terminate('SIGKILL'),
    restart: launch,
  };
}

export interface ExitResult {
  code: number | null;
  output: string;
  elapsedMs: number;
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export function runServerExpectingExit(env: Record<string, string>, timeoutMs = 15_000): Promise<ExitResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER_MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server still running after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output, elapsedMs: Date.now() - started });
    });
  });
}
