import {
  createTenant,
  createTestDatabase,
  type HttpRecorder,
  type PostgresProcess,
  type RedisProcess,
  type ServerProcess,
  startHttpRecorder,
  startPostgres,
  startRedis,
  startServer,
  type TestDatabase,
} from '../harness';
import {
  type LeadGenTarget,
  leadGenServerEnv,
  publishLeadGenFlow,
  ScenarioObserver,
  driveLeadGenTraffic,
  type TrafficOptions,
  type TrafficResult,
} from '../load/scenario';
import { type GraphSandbox, GraphSandboxClient, startGraphSandbox } from '@dmflow/sandbox';

/** Every outbound event the lead-gen scenario produces: the fault suite checks each one reaches the receiver. */
export const SCENARIO_EVENTS = ['comment', 'dm_received', 'question_answered', 'flow_completed'] as const;

/** Webhook retries and polling compressed from minutes to sub-seconds, so recovery fits in a test. */
const FAST_WEBHOOKS = { WEBHOOKS_RETRY_BASE_DELAY_MS: '250', WEBHOOKS_MAX_RETRY_DELAY_MS: '2000', WEBHOOKS_POLL_INTERVAL_MS: '100' };

/**
 * The lead-gen scenario on infrastructure a test may break: a private Postgres and a private Redis (both restartable,
 * Redis keeping nothing on disk as in production), the Graph API sandbox, a webhook receiver subscribed to every
 * event, and the built server.
 */
export interface FaultRig {
  postgres: PostgresProcess;
  redis: RedisProcess;
  database: TestDatabase;
  sandbox: GraphSandbox;
  graph: GraphSandboxClient;
  receiver: HttpRecorder;
  server: ServerProcess;
  target: LeadGenTarget;
  observer: ScenarioObserver;
  appSecret: string;
  drive(options: TrafficOptions): Promise<TrafficResult>;
  stop(): Promise<void>;
}

export async function startFaultRig(serverEnv: Record<string, string> = {}): Promise<FaultRig> {
  const postgres = await startPostgres();
  const redis = await startRedis();
  const database = await createTestDatabase('dmflow_faults', postgres.adminUrl);
  const sandbox = await startGraphSandbox();
  const receiver = await startHttpRecorder();
  const env: Record<string, string> = { ...leadGenServerEnv(sandbox), ...FAST_WEBHOOKS, ...serverEnv };
  const server = await startServer({ databaseUrl: database.url, redisUrl: redis.url, env });
  const tenant = await createTenant(server.env, { username: 'fault_shop' });
  const target = await publishLeadGenFlow(server.url, tenant, receiver.url);
  const subscribed = await fetch(`${server.url}/v1/webhooks/${target.webhookEndpointId}`, {
    method: 'PATCH',
    headers: { 'x-api-key': tenant.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ events: SCENARIO_EVENTS }),
  });
  if (subscribed.status !== 200)
    throw new Error(`could not subscribe the receiver to every event: ${subscribed.status} ${await subscribed.text()}`);
  const observer = new ScenarioObserver(sandbox, receiver);
  const appSecret = env.META_APP_SECRET;
  return {
    postgres,
    redis,
    database,
    sandbox,
    graph: new GraphSandboxClient(sandbox.url),
    receiver,
    server,
    target,
    observer,
    appSecret,
    drive: (options) => driveLeadGenTraffic({ url: server.url, appSecret }, [target], observer, options),
    stop: async () => {
      observer.close();
      await server.stop();
      await receiver.close();
      await sandbox.close();
      await redis.stop();
      await postgres.destroy();
    },
  };
}
