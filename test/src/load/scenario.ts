// The lead-gen load scenario, shared by the benchmark (`npm run bench`) and the fault suite.
//
//   const stack = await startLeadGenStack({ accounts: 3 });      // fresh DB + Graph API sandbox + receiver + built server
//   const result = await stack.drive({ contacts: 500, maxInFlight: 50 });
//   summarizeTraffic(result)                                      // acked/s, completed/s, latency percentiles
//   stack.observer.callsFor(commentId, igUserId)                  // what the sandbox got for one contact
//   stack.observer.deliveriesByWebhookId()                        // what the receiver got, by X-Webhook-Id
//   await stack.stop();
//
// Per contact (ContactTimeline): the signed comment webhook is posted (retried like Meta until answered 200), the
// private reply (the flow's email question) is awaited at the sandbox, the DM answer is posted, and flow_completed is
// awaited at the receiver; each step's time is recorded. Pieces work alone too: `leadGenCommentFlow`,
// `publishLeadGenFlow` (REST, as a user would), `ScenarioObserver` over any sandbox + recorder, and
// `driveLeadGenTraffic` against a server you started yourself (e.g. one you kill and restart mid-run).
import {
  createTenant,
  createTestDatabase,
  type HttpRecorder,
  type ServerProcess,
  startHttpRecorder,
  startServer,
  type TestDatabase,
} from '../harness';
import { type GraphSandbox, startGraphSandbox } from '@dmflow/sandbox';
import { type LeadGenTarget, publishLeadGenFlow } from './lead-gen-flow';
import { ScenarioObserver } from './observer';
import { driveLeadGenTraffic, type TrafficOptions, type TrafficResult } from './traffic';

export * from './lead-gen-flow';
export * from './metrics';
export * from './observer';
export * from './server-sampler';
export * from './traffic';

export const SCENARIO_APP_SECRET = 'load-scenario-app-secret';

/** Private replies per Instagram account per hour (Meta's limit, enforced by the server's send limiter). */
export const PRIVATE_REPLIES_PER_ACCOUNT_HOUR = 750;

/** The server settings the scenario needs: Graph API at the sandbox, our app secret, loopback webhook receivers. */
export function leadGenServerEnv(sandbox: Pick<GraphSandbox, 'graphUrl'>, appSecret = SCENARIO_APP_SECRET): Record<string, string> {
  return {
    META_GRAPH_URL: sandbox.graphUrl,
    META_APP_SECRET: appSecret,
    WEBHOOKS_ALLOW_PRIVATE_URLS: 'true',
    LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn',
  };
}

/** Enough Instagram accounts that `contacts` private replies stay under Meta's hourly per-account limit. */
export function accountsFor(contacts: number): number {
  return Math.max(1, Math.ceil(contacts / (PRIVATE_REPLIES_PER_ACCOUNT_HOUR - 50)));
}

export interface LeadGenStackOptions {
  /** Instagram accounts (tenants), each with its own published flow. Default 1. */
  accounts?: number;
  keyword?: string;
  /** Extra or overriding server environment (e.g. WEBHOOKS_POLL_INTERVAL_MS, ROLE). */
  serverEnv?: Record<string, string>;
  /** A private Redis (harness startRedis) for suites that stop it. */
  redisUrl?: string;
  databasePrefix?: string;
  /** Extra node arguments for the server, e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']. */
  nodeArgs?: string[];
  /** Extra ROLE=worker processes on the same database, Redis and queues (scale-out). Default 0. */
  workers?: number;
}

export interface LeadGenStack {
  database: TestDatabase;
  sandbox: GraphSandbox;
  receiver: HttpRecorder;
  server: ServerProcess;
  /** The extra ROLE=worker processes (options.workers). */
  workers: ServerProcess[];
  appSecret: string;
  targets: LeadGenTarget[];
  observer: ScenarioObserver;
  drive(options: TrafficOptions): Promise<TrafficResult>;
  stop(): Promise<void>;
}

export async function startLeadGenStack(options: LeadGenStackOptions = {}): Promise<LeadGenStack> {
  const database = await createTestDatabase(options.databasePrefix ?? 'dmflow_load');
  const sandbox = await startGraphSandbox();
  const receiver = await startHttpRecorder();
  const env = { ...leadGenServerEnv(sandbox), ...options.serverEnv };
  const appSecret = env.META_APP_SECRET;
  let server: ServerProcess | undefined;
  const workers: ServerProcess[] = [];
  try {
    server = await startServer({ databaseUrl: database.url, redisUrl: options.redisUrl, env, nodeArgs: options.nodeArgs });
    for (let i = 0; i < (options.workers ?? 0); i++) workers.push(await startWorkerLike(server));
    const targets: LeadGenTarget[] = [];
    for (let i = 0; i < (options.accounts ?? 1); i++) {
      const tenant = await createTenant(server.env, { username: `shop_${i}` });
      targets.push(await publishLeadGenFlow(server.url, tenant, receiver.url, options.keyword ?? 'price'));
    }
    const observer = new ScenarioObserver(sandbox, receiver);
    const running = server;
    return {
      database,
      sandbox,
      receiver,
      server: running,
      workers,
      appSecret,
      targets,
      observer,
      drive: (traffic) => driveLeadGenTraffic({ url: running.url, appSecret }, targets, observer, traffic),
      stop: async () => {
        observer.close();
        for (const worker of workers) await worker.stop();
        await running.stop();
        await receiver.close();
        await sandbox.close();
        await database.drop();
      },
    };
  } catch (error) {
    for (const worker of workers) await worker.stop();
    await server?.stop();
    await receiver.close();
    await sandbox.close();
    await database.drop();
    throw error;
  }
}

/** A ROLE=worker process sharing `server`'s database, Redis, queue prefix and keys, on a port of its own. */
export function startWorkerLike(server: ServerProcess, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  const env = Object.fromEntries(Object.entries(server.env).filter(([name]) => name !== 'PORT'));
  return startServer({ databaseUrl: env.DATABASE_URL, redisUrl: env.REDIS_URL, env: { ...env, ROLE: 'worker', ...extraEnv } });
}
