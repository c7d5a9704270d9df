/**
 * Bounds on what one account, flow, run or request may use, so that no tenant (or Instagram user) can starve the
 * others. Every one has a default safe for a small install and an environment variable to change it; see docs/security.md.
 */
export interface AbuseLimits {
  /** Steps (nodes entered) one run may take in its life; beyond it the run fails with `run_step_limit`. */
  runMaxSteps: number;
  /** Steps one event (a message, a timer, an HTTP answer) may make a run take at once. */
  runMaxStepsPerEvent: number;
  /**
   * Hand-overs ("Start another flow") in a row for one contact: a run started by a hand-over carries the count, and
   * the hand-over that would exceed it fails the run with `run_handover_limit` instead of starting another run.
   */
  runMaxHandovers: number;
  /** Messaging items and changes one signed Meta webhook request may carry; above it the request gets 413. */
  metaMaxEventsPerRequest: number;
  /**
   * Inbox events stored and not yet processed (all processes) at which Meta's deliveries are answered 503 with
   * Retry-After, so acknowledging never starves the workers; Meta delivers them again later.
   */
  inboxMaxBacklog: number;
  flowsPerAccount: number;
  nodesPerFlow: number;
  edgesPerFlow: number;
  /** Published versions kept per flow: older ones no run uses are deleted on publish. */
  versionsPerFlow: number;
  /** JSON bodies nested deeper than this are refused (400) before anything walks them. */
  jsonMaxDepth: number;
  rateLimits: RateLimits;
  /** Express's `trust proxy` (hop count, or addresses/subnets): set it behind a reverse proxy so limits count client IPs. */
  trustProxy: number | string | boolean | null;
}

export interface RateLimits {
  /** /v1 and /api-webhook requests per API key per window. */
  perKey: number;
  /** /v1 and /api-webhook requests per client IP per window (all keys together). */
  perIp: number;
  /** Requests with a missing or wrong API key per client IP per window. */
  failedAuthPerIp: number;
  windowSeconds: number;
}

/** `integer` reads a whole-number setting above 0 (config.ts validates and names it); `env` holds the others. */
export function loadAbuseLimits(integer: (name: string, fallback: number) => number, env: Record<string, string | undefined>): AbuseLimits {
  return {
    runMaxSteps: integer('RUN_MAX_STEPS', 1000),
    runMaxStepsPerEvent: integer('RUN_MAX_STEPS_PER_EVENT', 100),
    runMaxHandovers: integer('RUN_MAX_HANDOVERS', 10),
    metaMaxEventsPerRequest: integer('META_WEBHOOK_MAX_EVENTS', 1000),
    inboxMaxBacklog: integer('INBOX_MAX_BACKLOG', 5000),
    flowsPerAccount: integer('FLOWS_MAX_PER_ACCOUNT', 200),
    nodesPerFlow: integer('FLOW_MAX_NODES', 500),
    edgesPerFlow: integer('FLOW_MAX_EDGES', 1000),
    versionsPerFlow: integer('FLOW_MAX_VERSIONS', 50),
    jsonMaxDepth: integer('JSON_MAX_DEPTH', 64),
    trustProxy: trustProxy(env.TRUST_PROXY),
    rateLimits: {
      perKey: integer('RATE_LIMIT_PER_KEY', 600),
      perIp: integer('RATE_LIMIT_PER_IP', 1200),
      failedAuthPerIp: integer('RATE_LIMIT_FAILED_AUTH_PER_IP', 30),
      windowSeconds: integer('RATE_LIMIT_WINDOW_SECONDS', 60),
    },
  };
}

function trustProxy(value: string | undefined): number | string | boolean | null {
  const setting = value?.trim();
  if (!setting || setting === 'false') return null;
  if (setting === 'true') return true;
  return /^\d+$/.test(setting) ? Number(setting) : setting;
}
